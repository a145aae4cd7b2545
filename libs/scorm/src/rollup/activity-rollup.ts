import type {
  CompletionThreshold,
  ManifestItem,
  ManifestOrganization,
  RollupRule,
  RollupConsideration,
  Sequencing,
  SequencingObjective,
} from '../manifest/manifest.types';

/**
 * SCORM 2004 4th edition rollup (Sequencing and Navigation book, RB.1.x), as a pure function of
 * an organization's activity tree and the stored state of its leaves. No I/O and no Node or DOM
 * API: the server computes course results with it, and the web app may import it as it is.
 * docs/course-results.md describes what it implements and where it departs from a live sequencer.
 */

export type LeafCompletion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type LeafSuccess = 'passed' | 'failed' | 'unknown';

/** What the run-time stored for one objective of a leaf (cmi.objectives.n). */
export interface LeafObjectiveState {
  id: string;
  successStatus: LeafSuccess;
  scoreScaled: number | null;
  completionStatus?: LeafCompletion;
  progressMeasure?: number | null;
}

/** The learner's state of one leaf activity, from its latest attempt. */
export interface LeafState {
  /** Attempts of the activity so far (0: never delivered). */
  attemptCount: number;
  completionStatus: LeafCompletion;
  successStatus: LeafSuccess;
  scoreScaled: number | null;
  /** cmi.progress_measure (0–1), when reported. */
  progressMeasure?: number | null;
  /** The latest attempt ended (Terminate, not suspended): the End Attempt Process (UP.4) has run. */
  ended: boolean;
  /** The latest attempt was left suspended. */
  suspended: boolean;
  /** cmi.objectives as reported, by identifier. */
  objectives?: LeafObjectiveState[];
}

export type RolledCompletion = 'completed' | 'incomplete' | 'unknown';

/** The rolled-up tracking state of one activity. */
export interface ActivityStatus {
  id: string;
  completionStatus: RolledCompletion;
  successStatus: LeafSuccess;
  /** The primary objective's normalized measure, when known. */
  scoreScaled: number | null;
  /** Attempt completion amount (4th ed. progress measure), when known. */
  progressMeasure: number | null;
  attempted: boolean;
}

export interface RollupOutcome {
  /** The organization (root activity). */
  root: ActivityStatus;
  /** Every activity by identifier, the root included. */
  activities: Map<string, ActivityStatus>;
  /** Global objectives as the tree last wrote them. */
  globalObjectives: Map<string, GlobalObjectiveState>;
}

export interface GlobalObjectiveState {
  satisfiedStatus: boolean | null;
  normalizedMeasure: number | null;
  completionStatus: boolean | null;
  progressMeasure: number | null;
}

/** The subset of the parsed manifest the rollup reads (libs/scorm's parser writes more). */
export type RollupItem = Pick<ManifestItem, 'identifier' | 'sequencing' | 'completionThreshold'> & {
  children: RollupItem[];
};
export type RollupOrganization = Pick<ManifestOrganization, 'identifier' | 'sequencing' | 'completionThreshold'> & {
  items: RollupItem[];
};

// --- the activity tree -------------------------------------------------------------------------

type Tri = boolean | null;

interface ObjectiveDef {
  id: string;
  primary: boolean;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number;
  readSatisfied: string[];
  readMeasure: string[];
  writeSatisfied: string[];
  writeMeasure: string[];
  readCompletion: string[];
  readProgress: string[];
  writeCompletion: string[];
  writeProgress: string[];
}

interface ObjectiveState {
  /** Objective Progress Status and Objective Satisfied Status together: null = unknown. */
  satisfied: Tri;
  measure: number | null;
}

interface Activity {
  id: string;
  parent: Activity | null;
  children: Activity[];
  tracked: boolean;
  completionSetByContent: boolean;
  objectiveSetByContent: boolean;
  rollupObjectiveSatisfied: boolean;
  rollupProgressCompletion: boolean;
  objectiveMeasureWeight: number;
  progressWeight: number;
  completedByMeasure: boolean;
  minProgressMeasure: number;
  rules: RollupRule[];
  considerations: {
    requiredForSatisfied: RollupConsideration;
    requiredForNotSatisfied: RollupConsideration;
    requiredForCompleted: RollupConsideration;
    requiredForIncomplete: RollupConsideration;
  };
  skipRules: NonNullable<Sequencing['sequencingRules']>['preConditionRules'];
  attemptLimit: number | null;
  primary: ObjectiveDef;
  objectives: ObjectiveDef[];
  // Tracking state, recomputed on every pass.
  attemptCount: number;
  suspended: boolean;
  /** Attempt Progress Status + Attempt Completion Status: null = unknown. */
  completed: Tri;
  /** Attempt Completion Amount: null = unknown. */
  amount: number | null;
  local: Map<string, ObjectiveState>;
}

function objectiveDef(
  objective: SequencingObjective | null,
  fallbackId: string,
  primary: boolean,
  sequencing: Sequencing | null,
): ObjectiveDef {
  const id = objective?.objectiveID ?? fallbackId;
  const maps = objective?.mapInfo ?? [];
  const adl = sequencing?.adlObjectives.find((entry) => entry.objectiveID === id)?.mapInfo ?? [];
  return {
    id,
    primary,
    satisfiedByMeasure: objective?.satisfiedByMeasure ?? false,
    minNormalizedMeasure: objective?.minNormalizedMeasure ?? 1,
    readSatisfied: maps.filter((m) => m.readSatisfiedStatus).map((m) => m.targetObjectiveID),
    readMeasure: maps.filter((m) => m.readNormalizedMeasure).map((m) => m.targetObjectiveID),
    writeSatisfied: maps.filter((m) => m.writeSatisfiedStatus).map((m) => m.targetObjectiveID),
    writeMeasure: maps.filter((m) => m.writeNormalizedMeasure).map((m) => m.targetObjectiveID),
    readCompletion: adl.filter((m) => m.readCompletionStatus).map((m) => m.targetObjectiveID),
    readProgress: adl.filter((m) => m.readProgressMeasure).map((m) => m.targetObjectiveID),
    writeCompletion: adl.filter((m) => m.writeCompletionStatus).map((m) => m.targetObjectiveID),
    writeProgress: adl.filter((m) => m.writeProgressMeasure).map((m) => m.targetObjectiveID),
  };
}

function activityOf(
  id: string,
  sequencing: Sequencing | null,
  threshold: CompletionThreshold | null,
  items: RollupItem[],
  parent: Activity | null,
): Activity {
  const rollup = sequencing?.rollupRules;
  const considerations = sequencing?.rollupConsiderations;
  const delivery = sequencing?.deliveryControls;
  const activity: Activity = {
    id,
    parent,
    children: [],
    tracked: delivery?.tracked ?? true,
    completionSetByContent: delivery?.completionSetByContent ?? false,
    objectiveSetByContent: delivery?.objectiveSetByContent ?? false,
    rollupObjectiveSatisfied: rollup?.rollupObjectiveSatisfied ?? true,
    rollupProgressCompletion: rollup?.rollupProgressCompletion ?? true,
    objectiveMeasureWeight: rollup?.objectiveMeasureWeight ?? 1,
    // 2nd/3rd edition thresholds (text form) carry no weight: 1.0, as the 4th edition's default.
    progressWeight: threshold?.progressWeight ?? 1,
    completedByMeasure: threshold?.completedByMeasure ?? false,
    minProgressMeasure: threshold?.minProgressMeasure ?? 1,
    rules: rollup?.rules ?? [],
    considerations: {
      requiredForSatisfied: considerations?.requiredForSatisfied ?? 'always',
      requiredForNotSatisfied: considerations?.requiredForNotSatisfied ?? 'always',
      requiredForCompleted: considerations?.requiredForCompleted ?? 'always',
      requiredForIncomplete: considerations?.requiredForIncomplete ?? 'always',
    },
    skipRules: (sequencing?.sequencingRules?.preConditionRules ?? []).filter((rule) => rule.action === 'skip'),
    attemptLimit: sequencing?.limitConditions?.attemptLimit ?? null,
    primary: objectiveDef(sequencing?.objectives?.primary ?? null, `${id}#primary`, true, sequencing),
    objectives: (sequencing?.objectives?.others ?? []).map((objective, index) =>
      objectiveDef(objective, `${id}#objective-${index}`, false, sequencing),
    ),
    attemptCount: 0,
    suspended: false,
    completed: null,
    amount: null,
    local: new Map(),
  };
  activity.children = items.map((item) =>
    activityOf(item.identifier, item.sequencing, item.completionThreshold, item.children, activity),
  );
  return activity;
}

// --- objective values, through their maps ------------------------------------------------------

class Tracking {
  constructor(
    /** What the previous pass wrote: reads see it (the tree is computed until it stops changing). */
    private readonly read: Map<string, GlobalObjectiveState>,
    readonly written: Map<string, GlobalObjectiveState>,
  ) {}

  private global(ids: string[], pick: (g: GlobalObjectiveState) => number | boolean | null): number | boolean | null {
    for (const id of ids) {
      const value = this.read.get(id);
      if (value && pick(value) !== null) {
        return pick(value);
      }
    }
    return null;
  }

  /** Objective Satisfied Status as the SN reads it: a known global objective wins over the local one. */
  satisfied(activity: Activity, objective: ObjectiveDef): Tri {
    const global = this.global(objective.readSatisfied, (g) => g.satisfiedStatus);
    if (global !== null) {
      return global as boolean;
    }
    return activity.local.get(objective.id)?.satisfied ?? null;
  }

  measure(activity: Activity, objective: ObjectiveDef): number | null {
    const global = this.global(objective.readMeasure, (g) => g.normalizedMeasure);
    if (global !== null) {
      return global as number;
    }
    return activity.local.get(objective.id)?.measure ?? null;
  }

  completed(activity: Activity): Tri {
    const global = this.global(activity.primary.readCompletion, (g) => g.completionStatus);
    return global !== null ? (global as boolean) : activity.completed;
  }

  amount(activity: Activity): number | null {
    const global = this.global(activity.primary.readProgress, (g) => g.progressMeasure);
    return global !== null ? (global as number) : activity.amount;
  }

  write(activity: Activity, objective: ObjectiveDef): void {
    const state = activity.local.get(objective.id);
    const entry = (id: string): GlobalObjectiveState => {
      let value = this.written.get(id);
      if (!value) {
        value = { satisfiedStatus: null, normalizedMeasure: null, completionStatus: null, progressMeasure: null };
        this.written.set(id, value);
      }
      return value;
    };
    // Unknown values are not written: a write map only ever records what is known (SN 4.2.1.5).
    if (state?.satisfied !== null && state?.satisfied !== undefined) {
      objective.writeSatisfied.forEach((id) => (entry(id).satisfiedStatus = state.satisfied));
    }
    if (state?.measure !== null && state?.measure !== undefined) {
      objective.writeMeasure.forEach((id) => (entry(id).normalizedMeasure = state.measure));
    }
    if (objective.primary) {
      if (activity.completed !== null) {
        objective.writeCompletion.forEach((id) => (entry(id).completionStatus = activity.completed));
      }
      if (activity.amount !== null) {
        objective.writeProgress.forEach((id) => (entry(id).progressMeasure = activity.amount));
      }
    }
  }
}

// --- leaves: RTE data, then the End Attempt Process --------------------------------------------

function completionOf(status: LeafCompletion): Tri {
  // RTE book 4.2.4: "not attempted" and "incomplete" both mean known and not complete.
  return status === 'completed' ? true : status === 'unknown' ? null : false;
}

function successOf(status: LeafSuccess): Tri {
  return status === 'passed' ? true : status === 'failed' ? false : null;
}

function initialiseLeaf(activity: Activity, state: LeafState | undefined): void {
  activity.local = new Map();
  activity.attemptCount = state?.attemptCount ?? 0;
  activity.suspended = state?.suspended ?? false;
  activity.completed = null;
  activity.amount = null;
  if (!state || state.attemptCount === 0) {
    return;
  }
  const progress = state.progressMeasure ?? null;
  activity.amount = progress;
  activity.completed = completionOf(state.completionStatus);
  if (activity.completedByMeasure && progress !== null) {
    // RB.1.3.a on the leaf: the measure decides (the RTE evaluates completion_status the same way).
    activity.completed = progress >= activity.minProgressMeasure;
  }
  activity.local.set(activity.primary.id, { satisfied: successOf(state.successStatus), measure: state.scoreScaled });
  for (const objective of activity.objectives) {
    const reported = state.objectives?.find((o) => o.id === objective.id);
    if (reported) {
      activity.local.set(objective.id, { satisfied: successOf(reported.successStatus), measure: reported.scoreScaled });
    }
  }
  const primary = activity.local.get(activity.primary.id)!;
  if (activity.primary.satisfiedByMeasure) {
    // RB.1.2.a: with satisfied-by-measure, the measure alone decides; no measure, no status.
    primary.satisfied = primary.measure === null ? null : primary.measure >= activity.primary.minNormalizedMeasure;
  }
  if (state.ended && !state.suspended && activity.tracked) {
    // UP.4 End Attempt Process: content that set no status is taken as completed and satisfied.
    if (!activity.completionSetByContent && activity.completed === null) {
      activity.completed = true;
    }
    if (!activity.objectiveSetByContent && primary.satisfied === null) {
      primary.satisfied = true;
    }
  }
}

// --- RB.1.4 rollup rule check ------------------------------------------------------------------

type RollupAction = RollupRule['action'];

/** The Rollup Rule Check applies these when an activity declares no rule for the action (SN 4.6.5). */
const DEFAULT_RULES: Record<RollupAction, RollupRule> = {
  satisfied: defaultRule('satisfied', 'satisfied'),
  notSatisfied: defaultRule('notSatisfied', 'objectiveStatusKnown'),
  completed: defaultRule('completed', 'completed'),
  incomplete: defaultRule('incomplete', 'activityProgressKnown'),
};

function defaultRule(action: RollupAction, condition: RollupRule['conditions'][number]['condition']): RollupRule {
  return {
    childActivitySet: 'all',
    minimumCount: 0,
    minimumPercent: 0,
    conditionCombination: 'any',
    conditions: [{ operator: 'noOp', condition }],
    action,
  };
}

function not(value: Tri): Tri {
  return value === null ? null : !value;
}

function combine(values: Tri[], combination: 'all' | 'any'): Tri {
  if (combination === 'all') {
    return values.includes(false) ? false : values.includes(null) ? null : true;
  }
  return values.includes(true) ? true : values.includes(null) ? null : false;
}

/** A rollup or sequencing rule condition, evaluated on one activity (RB.1.4.1, UP.2.1). */
interface Condition {
  condition: string;
  operator: 'noOp' | 'not';
  referencedObjective?: string | null;
  measureThreshold?: number;
}

function evaluateCondition(activity: Activity, condition: Condition, tracking: Tracking): Tri {
  const objective =
    (condition.referencedObjective &&
      [activity.primary, ...activity.objectives].find((o) => o.id === condition.referencedObjective)) ||
    activity.primary;
  const satisfied = tracking.satisfied(activity, objective);
  const measure = tracking.measure(activity, objective);
  const completed = tracking.completed(activity);
  let value: Tri;
  switch (condition.condition) {
    case 'satisfied':
      value = satisfied;
      break;
    case 'objectiveStatusKnown':
      value = satisfied !== null;
      break;
    case 'objectiveMeasureKnown':
      value = measure !== null;
      break;
    case 'objectiveMeasureGreaterThan':
      value = measure === null ? null : measure > (condition.measureThreshold ?? 0);
      break;
    case 'objectiveMeasureLessThan':
      value = measure === null ? null : measure < (condition.measureThreshold ?? 0);
      break;
    case 'completed':
      value = completed;
      break;
    case 'activityProgressKnown':
      value = activity.attemptCount > 0 && completed !== null;
      break;
    case 'attempted':
      value = activity.attemptCount > 0;
      break;
    case 'attemptLimitExceeded':
      value =
        activity.attemptLimit !== null && activity.attemptLimit > 0 && activity.attemptCount >= activity.attemptLimit;
      break;
    case 'always':
      value = true;
      break;
    default:
      // timeLimitExceeded, outsideAvailableTimeRange: no time limits are enforced on stored state.
      value = false;
  }
  return condition.operator === 'not' ? not(value) : value;
}

/** UP.2.1 for the skip pre-condition rules only: what `ifNotSkipped` asks. */
function isSkipped(activity: Activity, tracking: Tracking): boolean {
  return activity.skipRules.some(
    (rule) =>
      combine(
        rule.conditions.map((c) => evaluateCondition(activity, c, tracking)),
        rule.conditionCombination,
      ) === true,
  );
}

/** RB.1.4.2 Check Child for Rollup Subprocess. */
function contributes(child: Activity, action: RollupAction, tracking: Tracking): boolean {
  const objectiveAction = action === 'satisfied' || action === 'notSatisfied';
  if (objectiveAction ? !child.rollupObjectiveSatisfied : !child.rollupProgressCompletion) {
    return false;
  }
  const required = {
    satisfied: child.considerations.requiredForSatisfied,
    notSatisfied: child.considerations.requiredForNotSatisfied,
    completed: child.considerations.requiredForCompleted,
    incomplete: child.considerations.requiredForIncomplete,
  }[action];
  const attempted = child.attemptCount > 0;
  switch (required) {
    case 'ifNotSuspended':
      return attempted && !child.suspended;
    case 'ifAttempted':
      return attempted;
    case 'ifNotSkipped':
      return !isSkipped(child, tracking);
    case 'always':
      return true;
  }
}

/** RB.1.4 Rollup Rule Check: whether any rule of the action (or its default) fires for the activity. */
function ruleCheck(activity: Activity, action: RollupAction, tracking: Tracking): boolean {
  const declared = activity.rules.filter((rule) => rule.action === action);
  const rules = declared.length > 0 ? declared : [DEFAULT_RULES[action]];
  return rules.some((rule) => {
    const bag: Tri[] = [];
    for (const child of activity.children) {
      if (child.tracked && contributes(child, action, tracking)) {
        bag.push(
          combine(
            rule.conditions.map((c) => evaluateCondition(child, c, tracking)),
            rule.conditionCombination,
          ),
        );
      }
    }
    if (bag.length === 0) {
      return false;
    }
    const trues = bag.filter((value) => value === true).length;
    switch (rule.childActivitySet) {
      case 'all':
        return trues === bag.length;
      case 'any':
        return trues > 0;
      case 'none':
        return bag.every((value) => value === false);
      case 'atLeastCount':
        return trues >= rule.minimumCount;
      case 'atLeastPercent':
        return trues / bag.length >= rule.minimumPercent;
    }
  });
}

// --- RB.1.1 – RB.1.3 on one cluster ------------------------------------------------------------

/** RB.1.1.a Measure Rollup Process. */
function measureRollup(activity: Activity, tracking: Tracking): number | null {
  let total = 0;
  let counted = 0;
  let valid = false;
  for (const child of activity.children) {
    if (!child.tracked) {
      continue;
    }
    counted += child.objectiveMeasureWeight;
    const measure = tracking.measure(child, child.primary);
    if (measure !== null) {
      total += measure * child.objectiveMeasureWeight;
      valid = true;
    }
  }
  return valid && counted > 0 ? total / counted : null;
}

/** RB.1.1.b Completion Measure Rollup Process (4th ed.). */
function completionMeasureRollup(activity: Activity, tracking: Tracking): number | null {
  let total = 0;
  let counted = 0;
  let valid = false;
  for (const child of activity.children) {
    if (!child.tracked) {
      continue;
    }
    counted += child.progressWeight;
    const amount = tracking.amount(child);
    if (amount !== null) {
      total += amount * child.progressWeight;
      valid = true;
    }
  }
  return valid && counted > 0 ? total / counted : null;
}

function rollUpCluster(activity: Activity, tracking: Tracking): void {
  activity.local = new Map();
  activity.attemptCount = Math.max(0, ...activity.children.map((child) => child.attemptCount));
  activity.suspended = activity.children.some((child) => child.suspended);
  const measure = measureRollup(activity, tracking);
  activity.amount = completionMeasureRollup(activity, tracking);
  // RB.1.2 Objective Rollup Process: by measure when the primary objective says so, else by rules.
  let satisfied: Tri = null;
  if (activity.primary.satisfiedByMeasure) {
    satisfied = measure === null ? null : measure >= activity.primary.minNormalizedMeasure;
  } else {
    if (ruleCheck(activity, 'notSatisfied', tracking)) {
      satisfied = false;
    }
    if (ruleCheck(activity, 'satisfied', tracking)) {
      satisfied = true;
    }
  }
  activity.local.set(activity.primary.id, { satisfied, measure });
  // RB.1.3 Activity Progress Rollup Process.
  let completed: Tri = null;
  if (activity.completedByMeasure) {
    completed = activity.amount === null ? null : activity.amount >= activity.minProgressMeasure;
  } else {
    if (ruleCheck(activity, 'incomplete', tracking)) {
      completed = false;
    }
    if (ruleCheck(activity, 'completed', tracking)) {
      completed = true;
    }
  }
  activity.completed = completed;
}

// --- the whole tree ----------------------------------------------------------------------------

/** Passes over the tree at most: global objectives read in one pass were written in the one before. */
const MAX_PASSES = 8;

function pass(root: Activity, leaves: (id: string) => LeafState | undefined, tracking: Tracking): void {
  const visit = (activity: Activity): void => {
    if (activity.children.length === 0) {
      initialiseLeaf(activity, leaves(activity.id));
    } else {
      activity.children.forEach(visit);
      rollUpCluster(activity, tracking);
    }
    // Objective map writes (SN 4.2.1.5), once the activity's status is final for this pass.
    [activity.primary, ...activity.objectives].forEach((objective) => tracking.write(activity, objective));
  };
  visit(root);
}

function sameGlobals(a: Map<string, GlobalObjectiveState>, b: Map<string, GlobalObjectiveState>): boolean {
  if (a.size !== b.size) {
    return false;
  }
  for (const [id, value] of a) {
    const other = b.get(id);
    if (
      !other ||
      other.satisfiedStatus !== value.satisfiedStatus ||
      other.normalizedMeasure !== value.normalizedMeasure ||
      other.completionStatus !== value.completionStatus ||
      other.progressMeasure !== value.progressMeasure
    ) {
      return false;
    }
  }
  return true;
}

function statusOf(activity: Activity, tracking: Tracking): ActivityStatus {
  const satisfied = tracking.satisfied(activity, activity.primary);
  const completed = tracking.completed(activity);
  return {
    id: activity.id,
    completionStatus: completed === null ? 'unknown' : completed ? 'completed' : 'incomplete',
    successStatus: satisfied === null ? 'unknown' : satisfied ? 'passed' : 'failed',
    scoreScaled: tracking.measure(activity, activity.primary),
    progressMeasure: tracking.amount(activity),
    attempted: activity.attemptCount > 0,
  };
}

/**
 * Rolls an organization's activity tree up from its leaves' stored state (the Overall Rollup
 * Process, RB.1.5, applied to every cluster bottom-up). Global objectives written by one activity
 * and read by another are resolved by repeating the pass until they no longer change.
 */
export function rollUpActivityTree(
  organization: RollupOrganization,
  leaves: (itemId: string) => LeafState | undefined,
): RollupOutcome {
  const root = activityOf(
    organization.identifier,
    organization.sequencing,
    organization.completionThreshold,
    organization.items,
    null,
  );
  let globals = new Map<string, GlobalObjectiveState>();
  let tracking = new Tracking(globals, new Map());
  for (let n = 0; n < MAX_PASSES; n++) {
    tracking = new Tracking(globals, new Map());
    pass(root, leaves, tracking);
    const settled = sameGlobals(globals, tracking.written);
    globals = tracking.written;
    if (settled) {
      break;
    }
  }
  const activities = new Map<string, ActivityStatus>();
  const collect = (activity: Activity): void => {
    activities.set(activity.id, statusOf(activity, tracking));
    activity.children.forEach(collect);
  };
  collect(root);
  return { root: activities.get(root.id)!, activities, globalObjectives: globals };
}
