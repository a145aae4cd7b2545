import type { Settings } from 'scorm-again';
import type {
  ManifestItem,
  ManifestOrganization,
  PlayerItem,
  Sequencing,
  SequencingObjective,
  SharedDataMap,
} from './types';

/**
 * scorm-again does not read manifests: this turns the organization parsed on import into its
 * activity tree (SCORM 2004 SN), with the learner's progress on each launchable seeded from the
 * stored attempts, so that rules such as "disabled until the previous SCO is satisfied" hold across
 * sessions. Types only are imported: the engine itself is loaded by the player's lazy chunk.
 */

type SequencingSettings = NonNullable<Settings['sequencing']>;
type ActivitySettings = NonNullable<SequencingSettings['activityTree']>;
type ObjectiveSettings = NonNullable<ActivitySettings['primaryObjective']>;
type ActivityControls = NonNullable<ActivitySettings['sequencingControls']>;
type Rules = NonNullable<ActivitySettings['sequencingRules']>;
type Rule = NonNullable<Rules['preConditionRules']>[number];
type Rollup = NonNullable<ActivitySettings['rollupRules']>;

export interface ItemProgress {
  completed: boolean;
  /** true passed, false failed, null unknown. */
  satisfied: boolean | null;
  scoreScaled: number | null;
}

/** Progress of a launchable as the player data reports it. */
export function progressOf(item: PlayerItem | undefined): ItemProgress {
  const success = item?.status.success;
  return {
    completed: item?.status.completion === 'completed',
    satisfied: success === 'passed' ? true : success === 'failed' ? false : null,
    scoreScaled: item?.status.scoreScaled ?? null,
  };
}

function controlsOf(sequencing: Sequencing | null): ActivityControls | undefined {
  if (!sequencing) {
    return undefined;
  }
  const controls: ActivityControls = {};
  const mode = sequencing.controlMode;
  if (mode) {
    Object.assign(controls, {
      choice: mode.choice,
      choiceExit: mode.choiceExit,
      flow: mode.flow,
      forwardOnly: mode.forwardOnly,
      useCurrentAttemptObjectiveInfo: mode.useCurrentAttemptObjectiveInfo,
      useCurrentAttemptProgressInfo: mode.useCurrentAttemptProgressInfo,
    });
  }
  const constrained = sequencing.constrainedChoiceConsiderations;
  if (constrained) {
    Object.assign(controls, {
      preventActivation: constrained.preventActivation,
      constrainChoice: constrained.constrainChoice,
    });
  }
  const rollup = sequencing.rollupRules;
  if (rollup) {
    Object.assign(controls, {
      rollupObjectiveSatisfied: rollup.rollupObjectiveSatisfied,
      rollupProgressCompletion: rollup.rollupProgressCompletion,
      objectiveMeasureWeight: rollup.objectiveMeasureWeight,
    });
  }
  return Object.keys(controls).length > 0 ? controls : undefined;
}

function ruleOf(rule: {
  conditionCombination: 'all' | 'any';
  action: string;
  conditions: NonNullable<Sequencing['sequencingRules']>['preConditionRules'][number]['conditions'];
}): Rule {
  return {
    action: rule.action as Rule['action'],
    conditionCombination: rule.conditionCombination,
    conditions: rule.conditions.map((condition) => ({
      condition: condition.condition as Rule['conditions'][number]['condition'],
      ...(condition.operator === 'not' ? { operator: 'not' as Rule['conditions'][number]['operator'] } : {}),
      ...(condition.referencedObjective ? { referencedObjective: condition.referencedObjective } : {}),
      ...(condition.measureThreshold ? { parameters: { threshold: condition.measureThreshold } } : {}),
    })),
  };
}

function rulesOf(sequencing: Sequencing | null): Rules | undefined {
  const rules = sequencing?.sequencingRules;
  if (!rules) {
    return undefined;
  }
  return {
    preConditionRules: rules.preConditionRules.map(ruleOf),
    exitConditionRules: rules.exitConditionRules.map(ruleOf),
    postConditionRules: rules.postConditionRules.map(ruleOf),
  };
}

function rollupOf(sequencing: Sequencing | null): Rollup | undefined {
  const rollup = sequencing?.rollupRules;
  if (!rollup || rollup.rules.length === 0) {
    return undefined;
  }
  type RollupRule = Rollup['rules'][number];
  return {
    rules: rollup.rules.map((rule): RollupRule => ({
      action: rule.action as RollupRule['action'],
      consideration: rule.childActivitySet as RollupRule['consideration'],
      conditionCombination: rule.conditionCombination as RollupRule['conditionCombination'],
      minimumCount: rule.minimumCount,
      minimumPercent: rule.minimumPercent,
      conditions: rule.conditions.map((condition) => ({
        condition: condition.condition as RollupRule['conditions'][number]['condition'],
        ...(condition.operator === 'not' ? { operator: 'not' as RollupRule['conditions'][number]['operator'] } : {}),
      })),
    })),
  };
}

function objectiveOf(objective: SequencingObjective, fallbackId: string, isPrimary: boolean): ObjectiveSettings {
  return {
    objectiveID: objective.objectiveID ?? fallbackId,
    isPrimary,
    satisfiedByMeasure: objective.satisfiedByMeasure,
    minNormalizedMeasure: objective.minNormalizedMeasure,
    mapInfo: objective.mapInfo.map((map) => ({
      targetObjectiveID: map.targetObjectiveID,
      readSatisfiedStatus: map.readSatisfiedStatus,
      readNormalizedMeasure: map.readNormalizedMeasure,
      writeSatisfiedStatus: map.writeSatisfiedStatus,
      writeNormalizedMeasure: map.writeNormalizedMeasure,
    })),
  };
}

function activityOf(item: ManifestItem, progress: (itemId: string) => ItemProgress | undefined): ActivitySettings {
  const sequencing = item.sequencing;
  const primary = sequencing?.objectives?.primary;
  const done = item.children.length === 0 ? progress(item.identifier) : undefined;
  const activity: ActivitySettings = {
    id: item.identifier,
    title: item.title,
    isVisible: item.isvisible,
  };
  const controls = controlsOf(sequencing);
  if (controls) {
    activity.sequencingControls = controls;
  }
  if (sequencing?.deliveryControls) {
    activity.deliveryControls = { ...sequencing.deliveryControls };
  }
  const rules = rulesOf(sequencing);
  if (rules) {
    activity.sequencingRules = rules;
  }
  const rollup = rollupOf(sequencing);
  if (rollup) {
    activity.rollupRules = rollup;
  }
  if (sequencing?.rollupConsiderations) {
    activity.rollupConsiderations = { ...sequencing.rollupConsiderations };
  }
  const attemptLimit = sequencing?.limitConditions?.attemptLimit;
  if (attemptLimit !== null && attemptLimit !== undefined) {
    activity.attemptLimit = attemptLimit;
  }
  if (sequencing?.limitConditions?.attemptAbsoluteDurationLimit) {
    activity.attemptAbsoluteDurationLimit = sequencing.limitConditions.attemptAbsoluteDurationLimit;
  }
  if (primary) {
    activity.primaryObjective = objectiveOf(primary, `${item.identifier}__primary`, true);
  }
  const others = sequencing?.objectives?.others ?? [];
  if (others.length > 0) {
    activity.objectives = others.map((objective, index) =>
      objectiveOf(objective, `${item.identifier}__objective_${index}`, false),
    );
  }
  if (done?.completed) {
    activity.isCompleted = true;
  }
  if (item.presentation?.hideLMSUI.length) {
    activity.hideLmsUi = item.presentation.hideLMSUI as ActivitySettings['hideLmsUi'];
  }
  if (item.sharedDataMaps?.length) {
    activity.sharedDataMaps = item.sharedDataMaps.map((map) => ({ ...map }));
  }
  if (item.children.length > 0) {
    activity.children = item.children.map((child) => activityOf(child, progress));
  }
  return activity;
}

/** The activity tree of an organization; the organization itself is the root activity. */
export function buildActivityTree(
  organization: ManifestOrganization,
  progress: (itemId: string) => ItemProgress | undefined = () => undefined,
): ActivitySettings {
  return activityOf(
    {
      identifier: organization.identifier,
      title: organization.title,
      identifierref: null,
      isvisible: true,
      launchable: false,
      sequencing: organization.sequencing,
      presentation: null,
      children: organization.items,
    },
    progress,
  );
}

/**
 * The global objectives the stored progress implies: an item whose primary objective writes its
 * satisfied status to a global objective has written it in an earlier session, and rules of other
 * items read it from there.
 */
export function seededGlobalObjectives(
  organization: ManifestOrganization,
  progress: (itemId: string) => ItemProgress | undefined,
): Record<string, { id: string; satisfiedStatus: boolean; satisfiedStatusKnown: boolean }> {
  const seeded: Record<string, { id: string; satisfiedStatus: boolean; satisfiedStatusKnown: boolean }> = {};
  const visit = (items: ManifestItem[]) => {
    for (const item of items) {
      visit(item.children);
      const satisfied = progress(item.identifier)?.satisfied;
      const primary = item.sequencing?.objectives?.primary;
      if (satisfied === null || satisfied === undefined || !primary) {
        continue;
      }
      for (const map of primary.mapInfo) {
        if (map.writeSatisfiedStatus) {
          seeded[map.targetObjectiveID] = {
            id: map.targetObjectiveID,
            satisfiedStatus: satisfied,
            satisfiedStatusKnown: true,
          };
        }
      }
    }
  };
  visit(organization.items);
  return seeded;
}

/** The `adl.data` maps of an item of the organization (none when it declares none). */
export function sharedDataMapsOf(organization: ManifestOrganization | null, itemId: string): SharedDataMap[] {
  const find = (items: ManifestItem[]): ManifestItem | undefined => {
    for (const item of items) {
      const found = item.identifier === itemId ? item : find(item.children);
      if (found) {
        return found;
      }
    }
    return undefined;
  };
  const item = organization ? find(organization.items) : undefined;
  return (item?.sharedDataMaps ?? []).map((map) => ({ ...map }));
}

/** Whether the organization declares any sequencing (else the TOC alone navigates). */
export function hasSequencing(organization: ManifestOrganization | null): boolean {
  if (!organization) {
    return false;
  }
  const declares = (items: ManifestItem[]): boolean =>
    items.some((item) => item.sequencing !== null || declares(item.children));
  return organization.sequencing !== null || declares(organization.items);
}

/** scorm-again's sequencing settings for an organization and the learner's progress. */
export function sequencingSettings(
  organization: ManifestOrganization,
  progress: (itemId: string) => ItemProgress | undefined,
): SequencingSettings {
  return {
    activityTree: buildActivityTree(organization, progress),
    autoRollupOnCMIChange: true,
    validateNavigationRequests: true,
    enableEventSystem: true,
    logLevel: 'error',
  };
}
