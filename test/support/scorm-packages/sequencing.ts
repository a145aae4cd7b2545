/**
 * Small writers of IMS Simple Sequencing XML (the `imsss:` elements of SCORM 2004), for
 * {@link ItemSpec.sequencing} and {@link CourseSpec.organizationSequencing}. Raw XML works as well:
 * these only spare typing the common shapes. Attributes left undefined are not written (the
 * specification's defaults apply).
 */

type Attributes = Record<string, string | number | boolean | undefined>;

function attributes(values: Attributes): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${String(value)}"`)
    .join('');
}

/** `<imsss:sequencing>` around its parts (written in the order the schema wants them given). */
export function sequencing(parts: string[], options: { id?: string; idRef?: string } = {}): string {
  return `<imsss:sequencing${attributes({ ID: options.id, IDRef: options.idRef })}>${parts.join('')}</imsss:sequencing>`;
}

export function controlMode(mode: {
  choice?: boolean;
  choiceExit?: boolean;
  flow?: boolean;
  forwardOnly?: boolean;
}): string {
  return `<imsss:controlMode${attributes(mode)}/>`;
}

export interface RuleCondition {
  condition:
    | 'satisfied'
    | 'objectiveStatusKnown'
    | 'objectiveMeasureKnown'
    | 'objectiveMeasureGreaterThan'
    | 'objectiveMeasureLessThan'
    | 'completed'
    | 'activityProgressKnown'
    | 'attempted'
    | 'attemptLimitExceeded'
    | 'always';
  referencedObjective?: string;
  operator?: 'not' | 'noOp';
  measureThreshold?: number;
}

function ruleConditions(conditions: RuleCondition[], combination: 'any' | 'all'): string {
  const inner = conditions.map((c) => `<imsss:ruleCondition${attributes({ ...c })}/>`).join('');
  return `<imsss:ruleConditions conditionCombination="${combination}">${inner}</imsss:ruleConditions>`;
}

export interface SequencingRule {
  conditions: RuleCondition[];
  /** Default `any`. */
  combination?: 'any' | 'all';
  action: string;
}

/** `<imsss:sequencingRules>`: pre-condition (skip, disabled, hiddenFromChoice, stopForwardTraversal), exit, post. */
export function sequencingRules(rules: {
  pre?: SequencingRule[];
  exit?: SequencingRule[];
  post?: SequencingRule[];
}): string {
  const write = (tag: string, list: SequencingRule[] = []) =>
    list
      .map(
        (rule) =>
          `<imsss:${tag}>${ruleConditions(rule.conditions, rule.combination ?? 'any')}<imsss:ruleAction action="${rule.action}"/></imsss:${tag}>`,
      )
      .join('');
  return `<imsss:sequencingRules>${write('preConditionRule', rules.pre)}${write('exitConditionRule', rules.exit)}${write('postConditionRule', rules.post)}</imsss:sequencingRules>`;
}

export interface RollupRule {
  childActivitySet: 'all' | 'any' | 'none' | 'atLeastCount' | 'atLeastPercent';
  minimumCount?: number;
  minimumPercent?: number;
  conditions: Array<{
    condition:
      | 'satisfied'
      | 'objectiveStatusKnown'
      | 'objectiveMeasureKnown'
      | 'completed'
      | 'activityProgressKnown'
      | 'attempted'
      | 'attemptLimitExceeded'
      | 'timeLimitExceeded'
      | 'outcomeUnknown';
    operator?: 'not' | 'noOp';
  }>;
  /** Default `any`. */
  combination?: 'any' | 'all';
  action: 'satisfied' | 'notSatisfied' | 'completed' | 'incomplete';
}

/** `<imsss:rollupRules>` with its rules. */
export function rollupRules(
  rules: RollupRule[],
  options: { objectiveSatisfied?: boolean; progressCompletion?: boolean; measureWeight?: number } = {},
): string {
  const inner = rules
    .map((rule) => {
      const conditions = rule.conditions.map((c) => `<imsss:rollupCondition${attributes({ ...c })}/>`).join('');
      return `<imsss:rollupRule${attributes({
        childActivitySet: rule.childActivitySet,
        minimumCount: rule.minimumCount,
        minimumPercent: rule.minimumPercent,
      })}><imsss:rollupConditions conditionCombination="${rule.combination ?? 'any'}">${conditions}</imsss:rollupConditions><imsss:rollupAction action="${rule.action}"/></imsss:rollupRule>`;
    })
    .join('');
  return `<imsss:rollupRules${attributes({
    rollupObjectiveSatisfied: options.objectiveSatisfied,
    rollupProgressCompletion: options.progressCompletion,
    objectiveMeasureWeight: options.measureWeight,
  })}>${inner}</imsss:rollupRules>`;
}

export interface MapInfo {
  targetObjectiveID: string;
  readSatisfiedStatus?: boolean;
  readNormalizedMeasure?: boolean;
  writeSatisfiedStatus?: boolean;
  writeNormalizedMeasure?: boolean;
}

export interface ObjectiveSpec {
  objectiveID: string;
  satisfiedByMeasure?: boolean;
  minNormalizedMeasure?: number;
  mapInfo?: MapInfo[];
}

function objective(tag: 'primaryObjective' | 'objective', spec: ObjectiveSpec): string {
  const measure =
    spec.minNormalizedMeasure === undefined
      ? ''
      : `<imsss:minNormalizedMeasure>${spec.minNormalizedMeasure}</imsss:minNormalizedMeasure>`;
  const maps = (spec.mapInfo ?? []).map((map) => `<imsss:mapInfo${attributes({ ...map })}/>`).join('');
  return `<imsss:${tag}${attributes({ objectiveID: spec.objectiveID, satisfiedByMeasure: spec.satisfiedByMeasure })}>${measure}${maps}</imsss:${tag}>`;
}

/** `<imsss:objectives>`: the primary objective and the others. */
export function objectives(primary: ObjectiveSpec, others: ObjectiveSpec[] = []): string {
  return `<imsss:objectives>${objective('primaryObjective', primary)}${others.map((o) => objective('objective', o)).join('')}</imsss:objectives>`;
}

export function deliveryControls(controls: {
  tracked?: boolean;
  completionSetByContent?: boolean;
  objectiveSetByContent?: boolean;
}): string {
  return `<imsss:deliveryControls${attributes(controls)}/>`;
}

export function limitConditions(limits: { attemptLimit?: number }): string {
  return `<imsss:limitConditions${attributes(limits)}/>`;
}
