import { describe, expect, it } from '@jest/globals';
import { buildActivityTree, hasSequencing, progressOf, seededGlobalObjectives } from './activity-tree';
import type { ManifestItem, ManifestOrganization, Sequencing } from './types';

const EMPTY: Sequencing = {
  controlMode: null,
  sequencingRules: null,
  limitConditions: null,
  rollupRules: null,
  objectives: null,
  deliveryControls: null,
  constrainedChoiceConsiderations: null,
  rollupConsiderations: null,
};

const map = (target: string, write: boolean) => ({
  targetObjectiveID: target,
  readSatisfiedStatus: true,
  readNormalizedMeasure: true,
  writeSatisfiedStatus: write,
  writeNormalizedMeasure: false,
});

/** Shaped like golf-scorm2004-3rd-seq-forced-sequential: each SCO disabled until the previous is satisfied. */
function item(id: string, previous: string | null): ManifestItem {
  return {
    identifier: id,
    title: `Title ${id}`,
    identifierref: `${id}_resource`,
    isvisible: true,
    launchable: true,
    presentation: null,
    children: [],
    sequencing: {
      ...EMPTY,
      deliveryControls: { tracked: true, completionSetByContent: true, objectiveSetByContent: true },
      rollupRules: {
        rollupObjectiveSatisfied: true,
        rollupProgressCompletion: true,
        objectiveMeasureWeight: 0,
        rules: [],
      },
      sequencingRules: previous
        ? {
            preConditionRules: [
              {
                conditionCombination: 'any',
                action: 'disabled',
                conditions: [
                  { referencedObjective: 'previous', measureThreshold: 0, operator: 'not', condition: 'satisfied' },
                  {
                    referencedObjective: 'previous',
                    measureThreshold: 0,
                    operator: 'not',
                    condition: 'objectiveStatusKnown',
                  },
                ],
              },
            ],
            exitConditionRules: [],
            postConditionRules: [],
          }
        : null,
      objectives: {
        primary: {
          objectiveID: `${id}_satisfied`,
          satisfiedByMeasure: false,
          minNormalizedMeasure: 1,
          mapInfo: [map(`g.${id}`, true)],
        },
        others: previous
          ? [
              {
                objectiveID: 'previous',
                satisfiedByMeasure: false,
                minNormalizedMeasure: 1,
                mapInfo: [map(`g.${previous}`, false)],
              },
            ]
          : [],
      },
    },
  };
}

const organization: ManifestOrganization = {
  identifier: 'org',
  title: 'Golf',
  sequencing: {
    ...EMPTY,
    controlMode: {
      choice: true,
      choiceExit: true,
      flow: true,
      forwardOnly: false,
      useCurrentAttemptObjectiveInfo: true,
      useCurrentAttemptProgressInfo: true,
    },
  },
  items: [item('playing', null), item('etiquette', 'playing'), item('quiz', 'etiquette')],
};

describe('buildActivityTree', () => {
  it('makes the organization the root with its control mode, and each item an activity', () => {
    const sut = buildActivityTree(organization);
    expect(sut.id).toBe('org');
    expect(sut.sequencingControls).toMatchObject({ choice: true, flow: true, forwardOnly: false });
    expect(sut.children?.map((child) => child.id)).toEqual(['playing', 'etiquette', 'quiz']);
    expect(sut.children?.[0].title).toBe('Title playing');
  });

  it('carries the precondition rules with "not" operators, the objectives and their maps', () => {
    const etiquette = buildActivityTree(organization).children![1];
    const rule = etiquette.sequencingRules!.preConditionRules![0];
    expect(rule.action).toBe('disabled');
    expect(rule.conditionCombination).toBe('any');
    expect(rule.conditions).toEqual([
      { condition: 'satisfied', operator: 'not', referencedObjective: 'previous' },
      { condition: 'objectiveStatusKnown', operator: 'not', referencedObjective: 'previous' },
    ]);
    expect(etiquette.primaryObjective).toMatchObject({ objectiveID: 'etiquette_satisfied', isPrimary: true });
    expect(etiquette.primaryObjective!.mapInfo![0]).toMatchObject({
      targetObjectiveID: 'g.etiquette',
      writeSatisfiedStatus: true,
    });
    expect(etiquette.objectives![0]).toMatchObject({ objectiveID: 'previous', isPrimary: false });
    expect(etiquette.objectives![0].mapInfo![0]).toMatchObject({
      targetObjectiveID: 'g.playing',
      writeSatisfiedStatus: false,
    });
    expect(etiquette.deliveryControls).toEqual({
      tracked: true,
      completionSetByContent: true,
      objectiveSetByContent: true,
    });
    expect(etiquette.sequencingControls).toMatchObject({ objectiveMeasureWeight: 0 });
  });

  it('leaves out what the manifest does not declare, so the engine defaults apply', () => {
    const playing = buildActivityTree(organization).children![0];
    expect(playing.sequencingRules).toBeUndefined();
    expect(playing.objectives).toBeUndefined();
    expect(playing.rollupRules).toBeUndefined();
  });

  it('marks completed items from the stored progress', () => {
    const sut = buildActivityTree(organization, (id) =>
      id === 'playing' ? { completed: true, satisfied: true, scoreScaled: null } : undefined,
    );
    expect(sut.children![0].isCompleted).toBe(true);
    expect(sut.children![1].isCompleted).toBeUndefined();
  });
});

describe('seededGlobalObjectives', () => {
  it('writes the satisfied status of items with a known success to the objectives they write', () => {
    const sut = seededGlobalObjectives(organization, (id) =>
      id === 'playing'
        ? progressOf({
            itemId: id,
            title: '',
            type: 'sco',
            status: { completion: 'completed', success: 'passed', scoreScaled: null },
          })
        : progressOf({
            itemId: id,
            title: '',
            type: 'sco',
            status: { completion: 'incomplete', success: 'unknown', scoreScaled: null },
          }),
    );
    expect(sut).toEqual({ 'g.playing': { id: 'g.playing', satisfiedStatus: true, satisfiedStatusKnown: true } });
  });

  it('records a failure as known and not satisfied', () => {
    const sut = seededGlobalObjectives(organization, () => ({ completed: true, satisfied: false, scoreScaled: 0.2 }));
    expect(sut['g.quiz']).toEqual({ id: 'g.quiz', satisfiedStatus: false, satisfiedStatusKnown: true });
    expect(Object.keys(sut).sort()).toEqual(['g.etiquette', 'g.playing', 'g.quiz']);
  });
});

describe('hasSequencing', () => {
  it('is true when the organization or any item declares sequencing', () => {
    expect(hasSequencing(organization)).toBe(true);
    expect(
      hasSequencing({ ...organization, sequencing: null, items: [{ ...item('a', null), sequencing: null }] }),
    ).toBe(false);
    expect(hasSequencing(null)).toBe(false);
  });
});
