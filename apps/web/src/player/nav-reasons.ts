import type { ManifestItem, ManifestOrganization, PlayerItem, Sequencing } from './types';

/**
 * Why sequencing refuses a move, in words a learner understands (docs/player.md, "Navigation
 * explained"). scorm-again's sequencer decides whether a request is valid; this reads the same
 * organization to say why: the part is locked by a pre-condition until others are completed or
 * passed, there is no next or previous part, the course's control modes forbid going back, using
 * Next/Previous or choosing from the contents. A sequencing exception code (SN book, e.g.
 * `NB.2.1-5`) refines the answer when the organization alone cannot tell.
 */

export type NavRequest = 'continue' | 'previous' | 'choice';

export type RefusalReason =
  | 'lockedUntilCompleted'
  | 'lockedUntilPassed'
  | 'locked'
  | 'noNext'
  | 'noPrevious'
  | 'backNotAllowed'
  | 'flowNotAllowed'
  | 'choiceNotAllowed'
  | 'notAllowed';

export interface Refusal {
  request: NavRequest;
  reason: RefusalReason;
  /** Titles of the parts to complete or pass first (locked*), joined by the page. */
  parts: string[];
  /** The part the learner tried to reach, when known. */
  target: string | null;
}

export interface RefusalInput {
  organization: ManifestOrganization | null;
  items: readonly PlayerItem[];
  current: string;
  request: NavRequest;
  /** The chosen item (choice), or the one sequencing would deliver (continue/previous), when known. */
  target?: string | null;
  /** The SN exception code scorm-again reported, if any. */
  exception?: string | null;
}

interface Node {
  item: ManifestItem;
  parent: Node | null;
}

const LOCKING_ACTIONS = new Set(['disabled', 'hiddenFromChoice']);
const PROGRESS_CONDITIONS = new Set(['completed', 'activityProgressKnown', 'attempted']);

function index(organization: ManifestOrganization): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const root: Node = {
    item: {
      identifier: organization.identifier,
      title: organization.title,
      identifierref: null,
      isvisible: true,
      launchable: false,
      sequencing: organization.sequencing,
      children: organization.items,
    },
    parent: null,
  };
  const visit = (node: Node) => {
    nodes.set(node.item.identifier, node);
    for (const child of node.item.children) {
      visit({ item: child, parent: node });
    }
  };
  visit(root);
  return nodes;
}

/** The node and its ancestors, nearest first. */
function lineage(node: Node | undefined): Node[] {
  const chain: Node[] = [];
  for (let at = node; at; at = at.parent ?? undefined) {
    chain.push(at);
  }
  return chain;
}

function objectivesOf(sequencing: Sequencing | null) {
  const objectives = sequencing?.objectives;
  return objectives ? [...(objectives.primary ? [objectives.primary] : []), ...objectives.others] : [];
}

/** Items whose objectives write the global objective `targetId` (in document order). */
function writersOf(nodes: Map<string, Node>, targetId: string): ManifestItem[] {
  const writers: ManifestItem[] = [];
  for (const { item } of nodes.values()) {
    const writes = objectivesOf(item.sequencing).some((objective) =>
      objective.mapInfo.some((map) => map.targetObjectiveID === targetId && map.writeSatisfiedStatus),
    );
    if (writes) {
      writers.push(item);
    }
  }
  return writers;
}

interface Lock {
  kind: 'completed' | 'passed';
  parts: ManifestItem[];
}

/**
 * The locking pre-condition rules (disabled, hidden from choice) of an activity and its ancestors,
 * and the parts whose results they read through global objectives.
 */
function lockOf(nodes: Map<string, Node>, target: Node | undefined): Lock | null {
  let lock: Lock | null = null;
  for (const node of lineage(target)) {
    const sequencing = node.item.sequencing;
    for (const rule of sequencing?.sequencingRules?.preConditionRules ?? []) {
      if (!LOCKING_ACTIONS.has(rule.action)) {
        continue;
      }
      lock ??= { kind: 'passed', parts: [] };
      for (const condition of rule.conditions) {
        if (PROGRESS_CONDITIONS.has(condition.condition)) {
          lock.kind = 'completed';
        }
        const objective = objectivesOf(sequencing).find(
          (candidate) => candidate.objectiveID !== null && candidate.objectiveID === condition.referencedObjective,
        );
        for (const map of objective?.mapInfo ?? []) {
          if (!map.readSatisfiedStatus && !map.readNormalizedMeasure) {
            continue;
          }
          for (const writer of writersOf(nodes, map.targetObjectiveID)) {
            if (writer.identifier !== node.item.identifier && !lock.parts.includes(writer)) {
              lock.parts.push(writer);
            }
          }
        }
      }
    }
  }
  return lock;
}

function parentControl(node: Node | undefined, key: 'flow' | 'choice' | 'forwardOnly'): boolean | null {
  const mode = node?.parent?.item.sequencing?.controlMode;
  return mode ? mode[key] : null;
}

function forwardOnlyAbove(node: Node | undefined): boolean {
  return lineage(node?.parent ?? undefined).some(
    (ancestor) => ancestor.item.sequencing?.controlMode?.forwardOnly === true,
  );
}

/** What an SN exception code alone says (used when the organization does not tell). */
function reasonOfException(request: NavRequest, exception: string | null | undefined): RefusalReason | null {
  switch (exception ?? '') {
    case 'NB.2.1-2':
    case 'NB.2.1-4':
    case 'SB.2.2-1':
      return 'flowNotAllowed';
    case 'NB.2.1-5':
    case 'SB.2.1-4':
      return 'backNotAllowed';
    case 'SB.2.1-3':
      return request === 'previous' ? 'noPrevious' : null;
    case 'SB.2.9-5':
      return 'choiceNotAllowed';
    case 'SB.2.9-7':
      return 'backNotAllowed';
    default:
      return null;
  }
}

function done(item: PlayerItem | undefined, kind: Lock['kind']): boolean {
  if (!item) {
    return false;
  }
  return kind === 'passed' ? item.status.success === 'passed' : item.status.completion === 'completed';
}

/** Why the request is refused; `notAllowed` when nothing more precise can be said. */
export function explainRefusal(input: RefusalInput): Refusal {
  const { organization, items, current, request, exception } = input;
  const order = items.map((item) => item.itemId);
  const at = order.indexOf(current);
  const flatTarget =
    request === 'continue' ? (order[at + 1] ?? null) : request === 'previous' ? (at > 0 ? order[at - 1] : null) : null;
  const target = input.target ?? flatTarget;
  const refusal = (reason: RefusalReason, parts: string[] = []): Refusal => ({ request, reason, parts, target });
  const titled = (list: ManifestItem[]) =>
    list.map((item) => items.find((i) => i.itemId === item.identifier)?.title ?? item.title);

  if (request === 'continue' && target === null) {
    return refusal('noNext');
  }
  if (request === 'previous' && target === null) {
    return refusal('noPrevious');
  }
  if (!organization) {
    return refusal(reasonOfException(request, exception) ?? 'notAllowed');
  }
  const nodes = index(organization);
  const currentNode = nodes.get(current);
  const targetNode = target ? nodes.get(target) : undefined;
  const backwards = target !== null && order.indexOf(target) >= 0 && order.indexOf(target) < at;

  if (request === 'choice' && parentControl(targetNode, 'choice') === false) {
    return refusal('choiceNotAllowed');
  }
  if (request !== 'choice' && parentControl(currentNode, 'flow') === false) {
    return refusal('flowNotAllowed');
  }
  if ((request === 'previous' || (request === 'choice' && backwards)) && forwardOnlyAbove(currentNode)) {
    return refusal('backNotAllowed');
  }
  const lock = lockOf(nodes, targetNode);
  if (lock) {
    const missing = lock.parts.filter(
      (part) =>
        !done(
          items.find((item) => item.itemId === part.identifier),
          lock.kind,
        ),
    );
    const parts = titled(missing.length > 0 ? missing : lock.parts);
    if (parts.length === 0) {
      return refusal('locked');
    }
    return refusal(lock.kind === 'completed' ? 'lockedUntilCompleted' : 'lockedUntilPassed', parts);
  }
  return refusal(reasonOfException(request, exception) ?? 'notAllowed');
}
