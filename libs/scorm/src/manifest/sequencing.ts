import {
  attribute,
  childElements,
  firstChild,
  parseBoolean,
  parseDecimal,
  parseNonNegativeInteger,
  textOf,
  type Namespaces,
} from './dom';
import type {
  AdlObjective,
  AdlObjectiveMapInfo,
  AuxiliaryResource,
  ConstrainedChoiceConsiderations,
  ControlMode,
  DeliveryControls,
  ExitConditionAction,
  LimitConditions,
  ObjectiveMapInfo,
  PostConditionAction,
  PreConditionAction,
  RandomizationControls,
  RollupConditionName,
  RollupConsideration,
  RollupConsiderations,
  RollupRule,
  RollupRules,
  RuleCondition,
  RuleConditionName,
  Sequencing,
  SequencingObjective,
  SequencingObjectives,
  SequencingRule,
} from './manifest.types';
import type { XmlElement } from './xml-tree';

export const IMSSS_NAMESPACE = 'http://www.imsglobal.org/xsd/imsss';
export const ADLSEQ_NAMESPACE = 'http://www.adlnet.org/xsd/adlseq_v1p3';
const IMSSS: Namespaces = new Set([IMSSS_NAMESPACE]);
const ADLSEQ: Namespaces = new Set([ADLSEQ_NAMESPACE]);

/** IMS SS defaults, for elements a manifest leaves out (the parsed data keeps those as `null`). */
export const DEFAULT_CONTROL_MODE: Readonly<ControlMode> = Object.freeze({
  choice: true,
  choiceExit: true,
  flow: false,
  forwardOnly: false,
  useCurrentAttemptObjectiveInfo: true,
  useCurrentAttemptProgressInfo: true,
});
export const DEFAULT_DELIVERY_CONTROLS: Readonly<DeliveryControls> = Object.freeze({
  tracked: true,
  completionSetByContent: false,
  objectiveSetByContent: false,
});
export const DEFAULT_RANDOMIZATION_CONTROLS: Readonly<RandomizationControls> = Object.freeze({
  randomizationTiming: 'never',
  selectCount: null,
  reorderChildren: false,
  selectionTiming: 'never',
});
export const DEFAULT_LIMIT_CONDITIONS: Readonly<LimitConditions> = Object.freeze({
  attemptLimit: null,
  attemptAbsoluteDurationLimit: null,
});
const DEFAULT_ROLLUP_ATTRIBUTES: Readonly<Omit<RollupRules, 'rules'>> = Object.freeze({
  rollupObjectiveSatisfied: true,
  rollupProgressCompletion: true,
  objectiveMeasureWeight: 1,
});
export const DEFAULT_CONSTRAINED_CHOICE: Readonly<ConstrainedChoiceConsiderations> = Object.freeze({
  preventActivation: false,
  constrainChoice: false,
});
export const DEFAULT_ROLLUP_CONSIDERATIONS: Readonly<RollupConsiderations> = Object.freeze({
  requiredForSatisfied: 'always',
  requiredForNotSatisfied: 'always',
  requiredForCompleted: 'always',
  requiredForIncomplete: 'always',
  measureSatisfactionIfActive: true,
});

const RULE_CONDITIONS: readonly RuleConditionName[] = [
  'satisfied',
  'objectiveStatusKnown',
  'objectiveMeasureKnown',
  'objectiveMeasureGreaterThan',
  'objectiveMeasureLessThan',
  'completed',
  'activityProgressKnown',
  'attempted',
  'attemptLimitExceeded',
  'timeLimitExceeded',
  'outsideAvailableTimeRange',
  'always',
];
const ROLLUP_CONDITIONS: readonly RollupConditionName[] = [
  'satisfied',
  'objectiveStatusKnown',
  'objectiveMeasureKnown',
  'completed',
  'activityProgressKnown',
  'attempted',
  'attemptLimitExceeded',
  'timeLimitExceeded',
  'outsideAvailableTimeRange',
];
const PRE_ACTIONS: readonly PreConditionAction[] = ['skip', 'disabled', 'hiddenFromChoice', 'stopForwardTraversal'];
const EXIT_ACTIONS: readonly ExitConditionAction[] = ['exit'];
const POST_ACTIONS: readonly PostConditionAction[] = [
  'exitParent',
  'exitAll',
  'retry',
  'retryAll',
  'continue',
  'previous',
];
const ROLLUP_ACTIONS: readonly RollupRule['action'][] = ['satisfied', 'notSatisfied', 'completed', 'incomplete'];
const CHILD_ACTIVITY_SETS: readonly RollupRule['childActivitySet'][] = [
  'all',
  'any',
  'none',
  'atLeastCount',
  'atLeastPercent',
];
const TIMINGS: readonly RandomizationControls['randomizationTiming'][] = ['never', 'once', 'onEachNewAttempt'];
const CONSIDERATIONS: readonly RollupConsideration[] = ['always', 'ifAttempted', 'ifNotSkipped', 'ifNotSuspended'];
const COMBINATIONS: readonly ('all' | 'any')[] = ['all', 'any'];
const OPERATORS: readonly ('noOp' | 'not')[] = ['noOp', 'not'];

/**
 * One `<imsss:sequencing>` as declared: attribute-only elements keep only the attributes written
 * (so that an item's own values can override a collection entry's one attribute at a time, as
 * ADL's reference implementation does); rule and objective lists are complete.
 */
export interface DeclaredSequencing {
  id: string | null;
  idRef: string | null;
  controlMode?: Partial<ControlMode>;
  preConditionRules?: SequencingRule<PreConditionAction>[];
  exitConditionRules?: SequencingRule<ExitConditionAction>[];
  postConditionRules?: SequencingRule<PostConditionAction>[];
  limitConditions?: Partial<LimitConditions>;
  auxiliaryResources?: AuxiliaryResource[];
  rollupRules?: Partial<Omit<RollupRules, 'rules'>>;
  rollupRuleList?: RollupRule[];
  objectives?: SequencingObjectives;
  randomizationControls?: Partial<RandomizationControls>;
  deliveryControls?: Partial<DeliveryControls>;
  constrainedChoiceConsiderations?: Partial<ConstrainedChoiceConsiderations>;
  rollupConsiderations?: Partial<RollupConsiderations>;
  adlObjectives?: AdlObjective[];
}

type Warn = (message: string) => void;

/** Reads typed attributes of one element, warning (once per attribute) about values it cannot read. */
class AttributeReader {
  constructor(
    private readonly element: XmlElement,
    private readonly where: string,
    private readonly warn: Warn,
  ) {}

  private invalid(name: string, value: string, expected: string): undefined {
    this.warn(`${this.where}: ${this.element.local} ${name}="${value}" is not ${expected}; the default was used.`);
    return undefined;
  }

  string(name: string): string | undefined {
    const value = attribute(this.element, name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  }

  bool(name: string): boolean | undefined {
    const value = attribute(this.element, name);
    const parsed = parseBoolean(value);
    return value !== null && parsed === undefined ? this.invalid(name, value, 'a boolean') : parsed;
  }

  decimal(name: string, min: number, max: number): number | undefined {
    const value = attribute(this.element, name);
    const parsed = parseDecimal(value);
    if (value !== null && (parsed === undefined || parsed < min || parsed > max)) {
      return this.invalid(name, value, `a number from ${min} to ${max}`);
    }
    return parsed;
  }

  integer(name: string): number | undefined {
    const value = attribute(this.element, name);
    const parsed = parseNonNegativeInteger(value);
    return value !== null && parsed === undefined ? this.invalid(name, value, 'a non-negative integer') : parsed;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = attribute(this.element, name);
    if (value === null) {
      return undefined;
    }
    const trimmed = value.trim();
    const found = values.find((v) => v === trimmed);
    return found ?? this.invalid(name, value, `one of ${values.join(', ')}`);
  }
}

/** Drops keys whose value is `undefined`, so spreading keeps earlier declared values. */
function declared<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads one `<imsss:sequencing>` element. `where` names its owner in warnings. */
export function readSequencing(element: XmlElement, where: string, warn: Warn): DeclaredSequencing {
  const context = `Sequencing of ${where}`;
  const seq: DeclaredSequencing = {
    id: attribute(element, 'ID')?.trim() || null,
    idRef: attribute(element, 'IDRef')?.trim() || null,
  };
  for (const child of element.children) {
    const reader = new AttributeReader(child, context, warn);
    if (IMSSS.has(child.uri)) {
      switch (child.local) {
        case 'controlMode':
          seq.controlMode = declared({
            choice: reader.bool('choice'),
            choiceExit: reader.bool('choiceExit'),
            flow: reader.bool('flow'),
            forwardOnly: reader.bool('forwardOnly'),
            useCurrentAttemptObjectiveInfo: reader.bool('useCurrentAttemptObjectiveInfo'),
            useCurrentAttemptProgressInfo: reader.bool('useCurrentAttemptProgressInfo'),
          });
          break;
        case 'sequencingRules':
          readSequencingRules(child, seq, context, warn);
          break;
        case 'limitConditions':
          seq.limitConditions = declared({
            attemptLimit: reader.integer('attemptLimit'),
            attemptAbsoluteDurationLimit: reader.string('attemptAbsoluteDurationLimit'),
          });
          break;
        case 'auxiliaryResources':
          seq.auxiliaryResources = childElements(child, IMSSS, 'auxiliaryResource').map((aux) => ({
            auxiliaryResourceID: attribute(aux, 'auxiliaryResourceID') ?? '',
            purpose: attribute(aux, 'purpose') ?? '',
          }));
          break;
        case 'rollupRules': {
          seq.rollupRules = declared({
            rollupObjectiveSatisfied: reader.bool('rollupObjectiveSatisfied'),
            rollupProgressCompletion: reader.bool('rollupProgressCompletion'),
            objectiveMeasureWeight: reader.decimal('objectiveMeasureWeight', 0, 1),
          });
          const rules = childElements(child, IMSSS, 'rollupRule')
            .map((rule) => readRollupRule(rule, context, warn))
            .filter((rule): rule is RollupRule => rule !== null);
          if (rules.length > 0) {
            seq.rollupRuleList = rules;
          }
          break;
        }
        case 'objectives':
          seq.objectives = readObjectives(child, context, warn);
          break;
        case 'randomizationControls':
          seq.randomizationControls = declared({
            randomizationTiming: reader.oneOf('randomizationTiming', TIMINGS),
            selectCount: reader.integer('selectCount'),
            reorderChildren: reader.bool('reorderChildren'),
            selectionTiming: reader.oneOf('selectionTiming', TIMINGS),
          });
          break;
        case 'deliveryControls':
          seq.deliveryControls = declared({
            tracked: reader.bool('tracked'),
            completionSetByContent: reader.bool('completionSetByContent'),
            objectiveSetByContent: reader.bool('objectiveSetByContent'),
          });
          break;
        default:
          break;
      }
    } else if (ADLSEQ.has(child.uri)) {
      switch (child.local) {
        case 'constrainedChoiceConsiderations':
          seq.constrainedChoiceConsiderations = declared({
            preventActivation: reader.bool('preventActivation'),
            constrainChoice: reader.bool('constrainChoice'),
          });
          break;
        case 'rollupConsiderations':
          seq.rollupConsiderations = declared({
            requiredForSatisfied: reader.oneOf('requiredForSatisfied', CONSIDERATIONS),
            requiredForNotSatisfied: reader.oneOf('requiredForNotSatisfied', CONSIDERATIONS),
            requiredForCompleted: reader.oneOf('requiredForCompleted', CONSIDERATIONS),
            requiredForIncomplete: reader.oneOf('requiredForIncomplete', CONSIDERATIONS),
            measureSatisfactionIfActive: reader.bool('measureSatisfactionIfActive'),
          });
          break;
        case 'objectives':
          seq.adlObjectives = readAdlObjectives(child, context, warn);
          break;
        default:
          break;
      }
    }
  }
  return seq;
}

function readSequencingRules(element: XmlElement, seq: DeclaredSequencing, context: string, warn: Warn): void {
  const pre: SequencingRule<PreConditionAction>[] = [];
  const exit: SequencingRule<ExitConditionAction>[] = [];
  const post: SequencingRule<PostConditionAction>[] = [];
  for (const child of childElements(element, IMSSS)) {
    if (child.local === 'preConditionRule') {
      pushRule(pre, readRule(child, PRE_ACTIONS, context, warn));
    } else if (child.local === 'exitConditionRule') {
      pushRule(exit, readRule(child, EXIT_ACTIONS, context, warn));
    } else if (child.local === 'postConditionRule') {
      pushRule(post, readRule(child, POST_ACTIONS, context, warn));
    }
  }
  if (pre.length > 0) {
    seq.preConditionRules = pre;
  }
  if (exit.length > 0) {
    seq.exitConditionRules = exit;
  }
  if (post.length > 0) {
    seq.postConditionRules = post;
  }
}

function pushRule<T>(list: T[], rule: T | null): void {
  if (rule !== null) {
    list.push(rule);
  }
}

/** One sequencing rule; `null` (warned) when a condition or the action cannot be read: a partial rule would change its meaning. */
function readRule<A extends string>(
  element: XmlElement,
  actions: readonly A[],
  context: string,
  warn: Warn,
): SequencingRule<A> | null {
  const conditionsElement = firstChild(element, IMSSS, 'ruleConditions');
  const actionElement = firstChild(element, IMSSS, 'ruleAction');
  const ignored = (why: string): null => {
    warn(`${context}: a ${element.local} was ignored because ${why}.`);
    return null;
  };
  if (!conditionsElement) {
    return ignored('it has no ruleConditions');
  }
  if (!actionElement) {
    return ignored('it has no ruleAction');
  }
  const action = attribute(actionElement, 'action')?.trim() ?? '';
  const knownAction = actions.find((a) => a === action);
  if (knownAction === undefined) {
    return ignored(`its action "${action}" is not one of ${actions.join(', ')}`);
  }
  const conditions: RuleCondition[] = [];
  for (const conditionElement of childElements(conditionsElement, IMSSS, 'ruleCondition')) {
    const name = attribute(conditionElement, 'condition')?.trim() ?? '';
    const condition = RULE_CONDITIONS.find((c) => c === name);
    if (condition === undefined) {
      return ignored(`its condition "${name}" is not a known rule condition`);
    }
    const reader = new AttributeReader(conditionElement, context, warn);
    conditions.push({
      referencedObjective: reader.string('referencedObjective') ?? null,
      measureThreshold: reader.decimal('measureThreshold', -1, 1) ?? 0,
      operator: reader.oneOf('operator', OPERATORS) ?? 'noOp',
      condition,
    });
  }
  if (conditions.length === 0) {
    return ignored('it has no ruleCondition');
  }
  const combination = new AttributeReader(conditionsElement, context, warn).oneOf('conditionCombination', COMBINATIONS);
  return { conditionCombination: combination ?? 'all', conditions, action: knownAction };
}

function readRollupRule(element: XmlElement, context: string, warn: Warn): RollupRule | null {
  const ignored = (why: string): null => {
    warn(`${context}: a rollupRule was ignored because ${why}.`);
    return null;
  };
  const conditionsElement = firstChild(element, IMSSS, 'rollupConditions');
  const actionElement = firstChild(element, IMSSS, 'rollupAction');
  if (!conditionsElement) {
    return ignored('it has no rollupConditions');
  }
  if (!actionElement) {
    return ignored('it has no rollupAction');
  }
  const actionName = attribute(actionElement, 'action')?.trim() ?? '';
  const action = ROLLUP_ACTIONS.find((a) => a === actionName);
  if (action === undefined) {
    return ignored(`its action "${actionName}" is not one of ${ROLLUP_ACTIONS.join(', ')}`);
  }
  const conditions: RollupRule['conditions'] = [];
  for (const conditionElement of childElements(conditionsElement, IMSSS, 'rollupCondition')) {
    const name = attribute(conditionElement, 'condition')?.trim() ?? '';
    const condition = ROLLUP_CONDITIONS.find((c) => c === name);
    if (condition === undefined) {
      return ignored(`its condition "${name}" is not a known rollup condition`);
    }
    const operator = new AttributeReader(conditionElement, context, warn).oneOf('operator', OPERATORS);
    conditions.push({ operator: operator ?? 'noOp', condition });
  }
  if (conditions.length === 0) {
    return ignored('it has no rollupCondition');
  }
  const reader = new AttributeReader(element, context, warn);
  return {
    childActivitySet: reader.oneOf('childActivitySet', CHILD_ACTIVITY_SETS) ?? 'all',
    minimumCount: reader.integer('minimumCount') ?? 0,
    minimumPercent: reader.decimal('minimumPercent', 0, 1) ?? 0,
    conditionCombination:
      new AttributeReader(conditionsElement, context, warn).oneOf('conditionCombination', COMBINATIONS) ?? 'any',
    conditions,
    action,
  };
}

function readObjectives(element: XmlElement, context: string, warn: Warn): SequencingObjectives {
  const primaryElement = firstChild(element, IMSSS, 'primaryObjective');
  const others: SequencingObjective[] = [];
  for (const objectiveElement of childElements(element, IMSSS, 'objective')) {
    const objective = readObjective(objectiveElement, context, warn);
    if (objective.objectiveID === null) {
      warn(`${context}: an objective without objectiveID was ignored.`);
      continue;
    }
    others.push(objective);
  }
  return { primary: primaryElement ? readObjective(primaryElement, context, warn) : null, others };
}

function readObjective(element: XmlElement, context: string, warn: Warn): SequencingObjective {
  const reader = new AttributeReader(element, context, warn);
  const measureElement = firstChild(element, IMSSS, 'minNormalizedMeasure');
  let minNormalizedMeasure = 1;
  if (measureElement) {
    const value = parseDecimal(textOf(measureElement));
    if (value === undefined || value < -1 || value > 1) {
      warn(`${context}: minNormalizedMeasure "${textOf(measureElement)}" is not a number from -1 to 1; 1.0 was used.`);
    } else {
      minNormalizedMeasure = value;
    }
  }
  const mapInfo: ObjectiveMapInfo[] = [];
  for (const mapElement of childElements(element, IMSSS, 'mapInfo')) {
    const map = new AttributeReader(mapElement, context, warn);
    const targetObjectiveID = map.string('targetObjectiveID');
    if (targetObjectiveID === undefined) {
      warn(`${context}: a mapInfo without targetObjectiveID was ignored.`);
      continue;
    }
    mapInfo.push({
      targetObjectiveID,
      readSatisfiedStatus: map.bool('readSatisfiedStatus') ?? true,
      readNormalizedMeasure: map.bool('readNormalizedMeasure') ?? true,
      writeSatisfiedStatus: map.bool('writeSatisfiedStatus') ?? false,
      writeNormalizedMeasure: map.bool('writeNormalizedMeasure') ?? false,
    });
  }
  return {
    objectiveID: reader.string('objectiveID') ?? null,
    satisfiedByMeasure: reader.bool('satisfiedByMeasure') ?? false,
    minNormalizedMeasure,
    mapInfo,
  };
}

function readAdlObjectives(element: XmlElement, context: string, warn: Warn): AdlObjective[] {
  const objectives: AdlObjective[] = [];
  for (const objectiveElement of childElements(element, ADLSEQ, 'objective')) {
    const objectiveID = new AttributeReader(objectiveElement, context, warn).string('objectiveID');
    if (objectiveID === undefined) {
      warn(`${context}: an adlseq:objective without objectiveID was ignored.`);
      continue;
    }
    const mapInfo: AdlObjectiveMapInfo[] = [];
    for (const mapElement of childElements(objectiveElement, ADLSEQ, 'mapInfo')) {
      const map = new AttributeReader(mapElement, context, warn);
      const targetObjectiveID = map.string('targetObjectiveID');
      if (targetObjectiveID === undefined) {
        warn(`${context}: an adlseq:mapInfo without targetObjectiveID was ignored.`);
        continue;
      }
      mapInfo.push({
        targetObjectiveID,
        readRawScore: map.bool('readRawScore') ?? true,
        readMinScore: map.bool('readMinScore') ?? true,
        readMaxScore: map.bool('readMaxScore') ?? true,
        readCompletionStatus: map.bool('readCompletionStatus') ?? true,
        readProgressMeasure: map.bool('readProgressMeasure') ?? true,
        writeRawScore: map.bool('writeRawScore') ?? false,
        writeMinScore: map.bool('writeMinScore') ?? false,
        writeMaxScore: map.bool('writeMaxScore') ?? false,
        writeCompletionStatus: map.bool('writeCompletionStatus') ?? false,
        writeProgressMeasure: map.bool('writeProgressMeasure') ?? false,
      });
    }
    objectives.push({ objectiveID, mapInfo });
  }
  return objectives;
}

function mergeAttributes<T>(base: Partial<T> | undefined, own: Partial<T> | undefined): Partial<T> | undefined {
  if (base === undefined) {
    return own;
  }
  if (own === undefined) {
    return base;
  }
  return { ...base, ...own };
}

/**
 * Applies a sequencing collection entry under an item's own sequencing (SCORM CAM `IDRef`): the
 * item's attributes override the entry's one by one; the item's rule lists, objectives and
 * auxiliary resources replace the entry's when the item declares any.
 */
export function mergeSequencing(base: DeclaredSequencing, own: DeclaredSequencing): DeclaredSequencing {
  return {
    id: own.id,
    idRef: own.idRef,
    controlMode: mergeAttributes(base.controlMode, own.controlMode),
    preConditionRules: own.preConditionRules ?? base.preConditionRules,
    exitConditionRules: own.exitConditionRules ?? base.exitConditionRules,
    postConditionRules: own.postConditionRules ?? base.postConditionRules,
    limitConditions: mergeAttributes(base.limitConditions, own.limitConditions),
    auxiliaryResources: own.auxiliaryResources ?? base.auxiliaryResources,
    rollupRules: mergeAttributes(base.rollupRules, own.rollupRules),
    rollupRuleList: own.rollupRuleList ?? base.rollupRuleList,
    objectives: own.objectives ?? base.objectives,
    randomizationControls: mergeAttributes(base.randomizationControls, own.randomizationControls),
    deliveryControls: mergeAttributes(base.deliveryControls, own.deliveryControls),
    constrainedChoiceConsiderations: mergeAttributes(
      base.constrainedChoiceConsiderations,
      own.constrainedChoiceConsiderations,
    ),
    rollupConsiderations: mergeAttributes(base.rollupConsiderations, own.rollupConsiderations),
    adlObjectives: own.adlObjectives ?? base.adlObjectives,
  };
}

/** The output form: declared elements complete with defaults, undeclared ones `null`. */
export function finishSequencing(seq: DeclaredSequencing): Sequencing {
  const hasRules = seq.preConditionRules || seq.exitConditionRules || seq.postConditionRules;
  const hasRollup = seq.rollupRules !== undefined || seq.rollupRuleList !== undefined;
  return {
    id: seq.id,
    idRef: seq.idRef,
    controlMode: seq.controlMode ? { ...DEFAULT_CONTROL_MODE, ...seq.controlMode } : null,
    sequencingRules: hasRules
      ? {
          preConditionRules: seq.preConditionRules ?? [],
          exitConditionRules: seq.exitConditionRules ?? [],
          postConditionRules: seq.postConditionRules ?? [],
        }
      : null,
    limitConditions: seq.limitConditions ? { ...DEFAULT_LIMIT_CONDITIONS, ...seq.limitConditions } : null,
    auxiliaryResources: seq.auxiliaryResources ?? [],
    rollupRules: hasRollup
      ? { ...DEFAULT_ROLLUP_ATTRIBUTES, ...seq.rollupRules, rules: seq.rollupRuleList ?? [] }
      : null,
    objectives: seq.objectives ?? null,
    randomizationControls: seq.randomizationControls
      ? { ...DEFAULT_RANDOMIZATION_CONTROLS, ...seq.randomizationControls }
      : null,
    deliveryControls: seq.deliveryControls ? { ...DEFAULT_DELIVERY_CONTROLS, ...seq.deliveryControls } : null,
    constrainedChoiceConsiderations: seq.constrainedChoiceConsiderations
      ? { ...DEFAULT_CONSTRAINED_CHOICE, ...seq.constrainedChoiceConsiderations }
      : null,
    rollupConsiderations: seq.rollupConsiderations
      ? { ...DEFAULT_ROLLUP_CONSIDERATIONS, ...seq.rollupConsiderations }
      : null,
    adlObjectives: seq.adlObjectives ?? [],
  };
}
