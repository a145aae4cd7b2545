import {
  buildPackageFiles,
  scorm2004Measure,
  scorm2004Remediation,
  scorm2004Sequenced,
  type CourseSpec,
} from '../../../../test/support/scorm-packages';
import { parseManifest } from '../manifest/manifest-parser';
import type { ManifestOrganization, RollupRule, Sequencing, SequencingObjective } from '../manifest/manifest.types';
import { LeafState, rollUpActivityTree, RollupItem, RollupOrganization } from './activity-rollup';

// --- builders ----------------------------------------------------------------------------------

function seq(parts: Partial<Sequencing> = {}): Sequencing {
  return {
    id: null,
    idRef: null,
    controlMode: null,
    sequencingRules: null,
    limitConditions: null,
    auxiliaryResources: [],
    rollupRules: null,
    objectives: null,
    randomizationControls: null,
    deliveryControls: null,
    constrainedChoiceConsiderations: null,
    rollupConsiderations: null,
    adlObjectives: [],
    ...parts,
  };
}

function rollup(
  rules: Array<Partial<RollupRule> & Pick<RollupRule, 'action' | 'conditions'>>,
  attributes: Partial<NonNullable<Sequencing['rollupRules']>> = {},
): Sequencing['rollupRules'] {
  return {
    rollupObjectiveSatisfied: true,
    rollupProgressCompletion: true,
    objectiveMeasureWeight: 1,
    ...attributes,
    rules: rules.map((rule) => ({
      childActivitySet: 'all',
      minimumCount: 0,
      minimumPercent: 0,
      conditionCombination: 'any',
      ...rule,
    })),
  };
}

function objective(id: string, parts: Partial<SequencingObjective> = {}): SequencingObjective {
  return { objectiveID: id, satisfiedByMeasure: false, minNormalizedMeasure: 1, mapInfo: [], ...parts };
}

function item(id: string, sequencing: Sequencing | null = null, children: RollupItem[] = []): RollupItem {
  return { identifier: id, sequencing, completionThreshold: null, children };
}

function org(items: RollupItem[], sequencing: Sequencing | null = null): RollupOrganization {
  return { identifier: 'org', sequencing, completionThreshold: null, items };
}

/** A leaf's latest attempt: ended normally unless said otherwise. */
function leaf(parts: Partial<LeafState> = {}): LeafState {
  return {
    attemptCount: 1,
    completionStatus: 'completed',
    successStatus: 'unknown',
    scoreScaled: null,
    ended: true,
    suspended: false,
    ...parts,
  };
}
const passed = (score: number | null = null, parts: Partial<LeafState> = {}) =>
  leaf({ successStatus: 'passed', scoreScaled: score, ...parts });
const failed = (score: number | null = null, parts: Partial<LeafState> = {}) =>
  leaf({ successStatus: 'failed', scoreScaled: score, ...parts });
const started = (parts: Partial<LeafState> = {}) =>
  leaf({ completionStatus: 'incomplete', ended: false, suspended: true, ...parts });

function sut(organization: RollupOrganization, states: Record<string, LeafState>) {
  return rollUpActivityTree(organization, (id) => states[id]);
}

function generated(spec: CourseSpec): ManifestOrganization {
  const files = buildPackageFiles(spec);
  const manifest = parseManifest(files.get('imsmanifest.xml')!, { fileExists: (p) => files.has(p) });
  return manifest.organizations.find((o) => o.identifier === manifest.defaultOrganizationId)!;
}

const three = org([item('a'), item('b'), item('c')]);

// --- specs -------------------------------------------------------------------------------------

describe('rollUpActivityTree', () => {
  describe('default rollup (no rollup rules)', () => {
    it('knows nothing before anything is attempted', () => {
      const { root } = sut(three, {});
      expect(root).toMatchObject({ completionStatus: 'unknown', successStatus: 'unknown', scoreScaled: null });
      expect(root.attempted).toBe(false);
    });

    it('is neither completed nor satisfied when one part of three is done and passed', () => {
      const { root } = sut(three, { a: passed(0.9) });
      expect(root).toMatchObject({ completionStatus: 'unknown', successStatus: 'unknown', attempted: true });
    });

    it('is completed and satisfied when every part is, with the mean of the measures', () => {
      const { root } = sut(three, { a: passed(0.9), b: passed(0.6), c: passed(0.75) });
      expect(root.completionStatus).toBe('completed');
      expect(root.successStatus).toBe('passed');
      expect(root.scoreScaled).toBeCloseTo(0.75, 10);
    });

    it('counts a part with no measure in the measure rollup (RB.1.1.a: its weight still counts)', () => {
      const { root } = sut(three, { a: passed(0.9), b: passed(0.6), c: passed() });
      expect(root.scoreScaled).toBeCloseTo(0.5, 10);
    });

    it('is not satisfied once every part is known and one failed', () => {
      const { root } = sut(three, { a: passed(), b: failed(), c: passed() });
      expect(root).toMatchObject({ completionStatus: 'completed', successStatus: 'failed' });
    });

    it('stays unknown while a part is still unknown, even after a failure', () => {
      const { root } = sut(three, { a: failed(), b: passed() });
      expect(root.successStatus).toBe('unknown');
    });

    it('is incomplete once every part has known progress and one is incomplete', () => {
      const { root } = sut(three, {
        a: passed(),
        b: passed(),
        c: started({ successStatus: 'passed', suspended: false }),
      });
      expect(root).toMatchObject({ completionStatus: 'incomplete', successStatus: 'passed' });
    });
  });

  describe('End Attempt Process (UP.4) on stored leaves', () => {
    it('takes a part that ended normally without reporting anything as completed and satisfied', () => {
      const { root, activities } = sut(three, {
        a: leaf({ completionStatus: 'unknown' }),
        b: leaf({ completionStatus: 'unknown' }),
        c: leaf({ completionStatus: 'unknown' }),
      });
      expect(activities.get('a')).toMatchObject({ completionStatus: 'completed', successStatus: 'passed' });
      expect(root).toMatchObject({ completionStatus: 'completed', successStatus: 'passed' });
    });

    it('does not assume anything of a suspended part', () => {
      const { activities } = sut(three, { a: leaf({ completionStatus: 'unknown', ended: false, suspended: true }) });
      expect(activities.get('a')).toMatchObject({ completionStatus: 'unknown', successStatus: 'unknown' });
    });

    it('leaves the status to the content when the delivery controls say it sets it', () => {
      const bySelf = seq({
        deliveryControls: { tracked: true, completionSetByContent: true, objectiveSetByContent: true },
      });
      const { activities } = sut(org([item('a', bySelf)]), { a: leaf({ completionStatus: 'unknown' }) });
      expect(activities.get('a')).toMatchObject({ completionStatus: 'unknown', successStatus: 'unknown' });
    });

    it('keeps what the content did report', () => {
      const { activities } = sut(three, { a: leaf({ completionStatus: 'incomplete', successStatus: 'failed' }) });
      expect(activities.get('a')).toMatchObject({ completionStatus: 'incomplete', successStatus: 'failed' });
    });
  });

  describe('rollup controls and considerations of the children', () => {
    it('leaves a child with rollupObjectiveSatisfied="false" out of satisfaction, not of completion', () => {
      const organization = org([
        item('a', seq({ rollupRules: rollup([], { rollupObjectiveSatisfied: false }) })),
        item('b'),
      ]);
      expect(sut(organization, { a: passed() }).root.successStatus).toBe('unknown');
      expect(sut(organization, { a: failed(), b: passed() }).root).toMatchObject({
        successStatus: 'passed',
        completionStatus: 'completed',
      });
    });

    it('leaves a child with rollupProgressCompletion="false" out of completion', () => {
      const organization = org([
        item('a'),
        item('b', seq({ rollupRules: rollup([], { rollupProgressCompletion: false }) })),
      ]);
      expect(sut(organization, { a: passed() }).root.completionStatus).toBe('completed');
    });

    it('leaves an untracked child out of every rollup', () => {
      const untracked = seq({
        deliveryControls: { tracked: false, completionSetByContent: false, objectiveSetByContent: false },
      });
      const { root } = sut(org([item('a'), item('b', untracked)]), { a: passed(0.8), b: failed(0.1) });
      expect(root).toMatchObject({ completionStatus: 'completed', successStatus: 'passed', scoreScaled: 0.8 });
    });

    it('weights measures by objectiveMeasureWeight', () => {
      const weighted = (w: number) => seq({ rollupRules: rollup([], { objectiveMeasureWeight: w }) });
      const { root } = sut(org([item('a', weighted(0.75)), item('b', weighted(0.25))]), {
        a: passed(0.8),
        b: passed(0.4),
      });
      expect(root.scoreScaled).toBeCloseTo(0.7, 10);
    });

    it('requiredForSatisfied="ifAttempted" ignores children never attempted', () => {
      const considerations = {
        requiredForSatisfied: 'ifAttempted' as const,
        requiredForNotSatisfied: 'ifAttempted' as const,
        requiredForCompleted: 'always' as const,
        requiredForIncomplete: 'always' as const,
        measureSatisfactionIfActive: true,
      };
      const optional = seq({ rollupConsiderations: considerations });
      const organization = org([item('a'), item('b', optional)]);
      expect(sut(organization, { a: passed() }).root).toMatchObject({
        successStatus: 'passed',
        completionStatus: 'unknown',
      });
      expect(sut(organization, { a: passed(), b: failed() }).root.successStatus).toBe('failed');
    });

    it('requiredForCompleted="ifNotSuspended" ignores a suspended child', () => {
      const considerations = {
        requiredForSatisfied: 'always' as const,
        requiredForNotSatisfied: 'always' as const,
        requiredForCompleted: 'ifNotSuspended' as const,
        requiredForIncomplete: 'ifNotSuspended' as const,
        measureSatisfactionIfActive: true,
      };
      const organization = org([item('a'), item('b', seq({ rollupConsiderations: considerations }))]);
      expect(sut(organization, { a: passed(), b: started() }).root.completionStatus).toBe('completed');
      expect(sut(organization, { a: passed() }).root.completionStatus).toBe('completed');
    });

    it('requiredForSatisfied="ifNotSkipped" ignores a child its skip rule applies to', () => {
      const skippable = seq({
        rollupConsiderations: {
          requiredForSatisfied: 'ifNotSkipped',
          requiredForNotSatisfied: 'ifNotSkipped',
          requiredForCompleted: 'ifNotSkipped',
          requiredForIncomplete: 'ifNotSkipped',
          measureSatisfactionIfActive: true,
        },
        sequencingRules: {
          preConditionRules: [
            {
              conditionCombination: 'all',
              action: 'skip',
              conditions: [
                { referencedObjective: null, measureThreshold: 0, operator: 'noOp', condition: 'attempted' },
              ],
            },
          ],
          exitConditionRules: [],
          postConditionRules: [],
        },
      });
      const organization = org([item('a'), item('b', skippable)]);
      // b is attempted, so its skip rule holds and its failure does not count.
      expect(sut(organization, { a: passed(), b: failed() }).root.successStatus).toBe('passed');
    });
  });

  describe('rollup rules', () => {
    const cond = (condition: RollupRule['conditions'][number]['condition'], operator: 'noOp' | 'not' = 'noOp') => ({
      condition,
      operator,
    });

    it('childActivitySet="any": one satisfied child satisfies the parent', () => {
      const organization = org(
        three.items,
        seq({
          rollupRules: rollup([{ action: 'satisfied', conditions: [cond('satisfied')], childActivitySet: 'any' }]),
        }),
      );
      expect(sut(organization, { b: passed() }).root.successStatus).toBe('passed');
      expect(sut(organization, { b: failed() }).root.successStatus).toBe('unknown');
    });

    it('childActivitySet="none" holds only when no child is true or unknown', () => {
      const organization = org(
        [item('a'), item('b')],
        seq({
          rollupRules: rollup([{ action: 'notSatisfied', conditions: [cond('satisfied')], childActivitySet: 'none' }]),
        }),
      );
      expect(sut(organization, { a: failed() }).root.successStatus).toBe('unknown');
      expect(sut(organization, { a: failed(), b: failed() }).root.successStatus).toBe('failed');
    });

    it('childActivitySet="atLeastCount" and "atLeastPercent" (a fraction from 0 to 1)', () => {
      const items = [item('a'), item('b'), item('c'), item('d')];
      const byCount = org(
        items,
        seq({
          rollupRules: rollup([
            { action: 'completed', conditions: [cond('completed')], childActivitySet: 'atLeastCount', minimumCount: 2 },
          ]),
        }),
      );
      expect(sut(byCount, { a: passed() }).root.completionStatus).not.toBe('completed');
      expect(sut(byCount, { a: passed(), c: passed() }).root.completionStatus).toBe('completed');
      const byPercent = org(
        items,
        seq({
          rollupRules: rollup([
            {
              action: 'completed',
              conditions: [cond('completed')],
              childActivitySet: 'atLeastPercent',
              minimumPercent: 0.75,
            },
          ]),
        }),
      );
      expect(sut(byPercent, { a: passed(), b: passed() }).root.completionStatus).not.toBe('completed');
      expect(sut(byPercent, { a: passed(), b: passed(), c: passed() }).root.completionStatus).toBe('completed');
    });

    it('conditions attempted, activityProgressKnown, objectiveStatusKnown and objectiveMeasureKnown', () => {
      const rule = (condition: RollupRule['conditions'][number]['condition']) =>
        org(
          [item('a'), item('b')],
          seq({
            rollupRules: rollup([{ action: 'completed', conditions: [cond(condition)], childActivitySet: 'all' }]),
          }),
        );
      const states = { a: started(), b: started({ scoreScaled: 0.5, successStatus: 'failed' }) };
      expect(sut(rule('attempted'), states).root.completionStatus).toBe('completed');
      expect(sut(rule('activityProgressKnown'), states).root.completionStatus).toBe('completed');
      expect(sut(rule('objectiveStatusKnown'), states).root.completionStatus).toBe('incomplete');
      expect(sut(rule('objectiveMeasureKnown'), { a: passed(0.1), b: passed(0.2) }).root.completionStatus).toBe(
        'completed',
      );
      expect(sut(rule('attempted'), { a: started() }).root.completionStatus).not.toBe('completed');
    });

    it('"not" and conditionCombination="all"; an unknown condition keeps an "all" rule from firing', () => {
      const organization = org(
        [item('a'), item('b')],
        seq({
          rollupRules: rollup([
            {
              action: 'notSatisfied',
              childActivitySet: 'any',
              conditionCombination: 'all',
              conditions: [cond('completed'), cond('satisfied', 'not')],
            },
          ]),
        }),
      );
      expect(sut(organization, { a: failed() }).root.successStatus).toBe('failed');
      expect(sut(organization, { a: failed(null, { completionStatus: 'incomplete' }) }).root.successStatus).toBe(
        'unknown',
      );
      expect(sut(organization, { a: started() }).root.successStatus).toBe('unknown');
    });

    it('Satisfied is checked after Not Satisfied and wins; Completed after Incomplete', () => {
      const organization = org(
        [item('a'), item('b')],
        seq({
          rollupRules: rollup([
            { action: 'satisfied', childActivitySet: 'any', conditions: [cond('satisfied')] },
            { action: 'notSatisfied', childActivitySet: 'any', conditions: [cond('satisfied', 'not')] },
            { action: 'completed', childActivitySet: 'any', conditions: [cond('completed')] },
            { action: 'incomplete', childActivitySet: 'any', conditions: [cond('completed', 'not')] },
          ]),
        }),
      );
      expect(
        sut(organization, { a: passed(), b: failed(null, { completionStatus: 'incomplete' }) }).root,
      ).toMatchObject({
        successStatus: 'passed',
        completionStatus: 'completed',
      });
    });

    it('applies the default rule of an action the activity declares no rule for', () => {
      const organization = org(
        [item('a'), item('b')],
        seq({
          rollupRules: rollup([{ action: 'satisfied', childActivitySet: 'any', conditions: [cond('satisfied')] }]),
        }),
      );
      // No completed/incomplete rule: "all completed" and "all activityProgressKnown" apply.
      expect(sut(organization, { a: passed() }).root).toMatchObject({
        successStatus: 'passed',
        completionStatus: 'unknown',
      });
      expect(sut(organization, { a: passed(), b: passed() }).root.completionStatus).toBe('completed');
      // No notSatisfied rule: "all objectiveStatusKnown" makes it not satisfied when nothing passed.
      expect(sut(organization, { a: failed(), b: failed() }).root.successStatus).toBe('failed');
    });
  });

  describe('measures', () => {
    it('satisfies a cluster by measure when its primary objective says so', () => {
      const organization = org(
        [item('a'), item('b')],
        seq({
          objectives: {
            primary: objective('course', { satisfiedByMeasure: true, minNormalizedMeasure: 0.6 }),
            others: [],
          },
        }),
      );
      expect(sut(organization, { a: failed(0.5), b: passed(0.8) }).root).toMatchObject({
        successStatus: 'passed',
        scoreScaled: 0.65,
      });
      expect(sut(organization, { a: failed(0.5), b: passed(0.6) }).root.successStatus).toBe('failed');
      expect(sut(organization, { a: leaf({ successStatus: 'passed' }) }).root.successStatus).toBe('unknown');
    });

    it('satisfies a leaf by its measure alone when its primary objective says so', () => {
      const byMeasure = seq({
        objectives: { primary: objective('test', { satisfiedByMeasure: true, minNormalizedMeasure: 0.7 }), others: [] },
      });
      const organization = org([item('a', byMeasure)]);
      expect(sut(organization, { a: failed(0.75) }).activities.get('a')!.successStatus).toBe('passed');
      expect(sut(organization, { a: passed(0.5) }).activities.get('a')!.successStatus).toBe('failed');
    });

    it('completes by measure: the leaf by progress_measure, the cluster by weighted progress', () => {
      const lesson = (weight: number): RollupItem => ({
        ...item(`l${weight}`),
        completionThreshold: {
          completedByMeasure: true,
          minProgressMeasure: 0.8,
          progressWeight: weight,
          form: 'attributes',
        },
      });
      const organization: RollupOrganization = {
        ...org([lesson(3), lesson(1)]),
        completionThreshold: {
          completedByMeasure: true,
          minProgressMeasure: 0.7,
          progressWeight: 1,
          form: 'attributes',
        },
      };
      const outcome = sut(organization, {
        l3: leaf({ completionStatus: 'incomplete', progressMeasure: 0.9 }),
        l1: leaf({ completionStatus: 'completed', progressMeasure: 0.2 }),
      });
      expect(outcome.activities.get('l3')!.completionStatus).toBe('completed');
      expect(outcome.activities.get('l1')!.completionStatus).toBe('incomplete');
      expect(outcome.root.progressMeasure).toBeCloseTo(0.725, 10);
      expect(outcome.root.completionStatus).toBe('completed');
    });
  });

  describe('clusters and global objectives', () => {
    it('rolls nested clusters up level by level', () => {
      const organization = org([item('m1', null, [item('a'), item('b')]), item('m2', null, [item('c')])]);
      const outcome = sut(organization, { a: passed(1), b: passed(0.5), c: passed(0.25) });
      expect(outcome.activities.get('m1')).toMatchObject({ successStatus: 'passed', scoreScaled: 0.75 });
      expect(outcome.root).toMatchObject({ completionStatus: 'completed', successStatus: 'passed', scoreScaled: 0.5 });
      expect(sut(organization, { a: passed(), b: passed() }).root.successStatus).toBe('unknown');
    });

    it('reads a global objective another activity wrote, whatever their order in the tree', () => {
      const reader = seq({
        objectives: {
          primary: objective('b_primary', {
            mapInfo: [
              {
                targetObjectiveID: 'G',
                readSatisfiedStatus: true,
                readNormalizedMeasure: true,
                writeSatisfiedStatus: false,
                writeNormalizedMeasure: false,
              },
            ],
          }),
          others: [],
        },
      });
      const writer = seq({
        objectives: {
          primary: objective('c_primary', {
            mapInfo: [
              {
                targetObjectiveID: 'G',
                readSatisfiedStatus: false,
                readNormalizedMeasure: false,
                writeSatisfiedStatus: true,
                writeNormalizedMeasure: true,
              },
            ],
          }),
          others: [],
        },
      });
      const organization = org([item('b', reader), item('c', writer)]);
      const outcome = sut(organization, { c: passed(0.9) });
      expect(outcome.globalObjectives.get('G')).toMatchObject({ satisfiedStatus: true, normalizedMeasure: 0.9 });
      expect(outcome.activities.get('b')).toMatchObject({ successStatus: 'passed', scoreScaled: 0.9 });
      expect(outcome.root).toMatchObject({ successStatus: 'passed' });
    });
  });

  describe("the project's generated packages, parsed", () => {
    it('sequenced: Part 1 does not count towards satisfaction', () => {
      const organization = generated(scorm2004Sequenced());
      expect(sut(organization, { part_1: passed() }).root).toMatchObject({
        completionStatus: 'unknown',
        successStatus: 'unknown',
      });
      expect(sut(organization, { part_1: passed(), part_2: passed(), part_3: passed() }).root).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'passed',
      });
      expect(sut(organization, { part_1: failed(), part_2: passed(), part_3: passed() }).root.successStatus).toBe(
        'passed',
      );
      expect(sut(organization, { part_2: failed() }).root.successStatus).toBe('failed');
    });

    it('remediation: a failed post-test fails the course, a passed one then passes it', () => {
      const organization = generated(scorm2004Remediation());
      const failedPath = { pretest: failed(0.3), lesson_1: leaf(), lesson_2: leaf(), posttest: failed(0.4) };
      expect(sut(organization, failedPath).root).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'failed',
      });
      expect(sut(organization, { ...failedPath, posttest: passed(0.9, { attemptCount: 2 }) }).root.successStatus).toBe(
        'passed',
      );
      expect(sut(organization, { pretest: passed(0.9) }).root.successStatus).toBe('passed');
    });

    it('measure (4th edition): completion by progress measure, assessment by score', () => {
      const organization = generated(scorm2004Measure());
      const outcome = sut(organization, {
        lesson: leaf({ completionStatus: 'incomplete', progressMeasure: 0.85 }),
        assessment: leaf({ successStatus: 'unknown', scoreScaled: 0.75 }),
      });
      expect(outcome.activities.get('lesson')!.completionStatus).toBe('completed');
      expect(outcome.activities.get('assessment')!.successStatus).toBe('passed');
      expect(outcome.root).toMatchObject({ completionStatus: 'completed', successStatus: 'passed' });
    });
  });
});
