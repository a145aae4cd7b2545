import { describe, expect, it } from '@jest/globals';
import { explainRefusal } from './nav-reasons';
import type { ControlMode, ManifestItem, ManifestOrganization, PlayerItem, Sequencing } from './types';

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

const mode = (overrides: Partial<ControlMode>): ControlMode => ({
  choice: true,
  choiceExit: true,
  flow: true,
  forwardOnly: false,
  useCurrentAttemptObjectiveInfo: true,
  useCurrentAttemptProgressInfo: true,
  ...overrides,
});

const GLOBAL = 'urn:test:part2-satisfied';

function leaf(id: string, sequencing: Sequencing | null = null): ManifestItem {
  return {
    identifier: id,
    title: `Title ${id}`,
    identifierref: `${id}_resource`,
    isvisible: true,
    launchable: true,
    presentation: null,
    children: [],
    sequencing,
  };
}

/** Like test/support's scorm2004Sequenced: Part 3 is disabled until Part 2 (a global objective) is satisfied. */
function organization(root: Partial<ControlMode> = {}): ManifestOrganization {
  return {
    identifier: 'org',
    title: 'Course',
    sequencing: { ...EMPTY, controlMode: mode(root) },
    items: [
      leaf('part_1'),
      leaf('part_2', {
        ...EMPTY,
        objectives: {
          primary: {
            objectiveID: 'part2_satisfied',
            satisfiedByMeasure: false,
            minNormalizedMeasure: 1,
            mapInfo: [
              {
                targetObjectiveID: GLOBAL,
                readSatisfiedStatus: false,
                readNormalizedMeasure: false,
                writeSatisfiedStatus: true,
                writeNormalizedMeasure: false,
              },
            ],
          },
          others: [],
        },
      }),
      leaf('part_3', {
        ...EMPTY,
        sequencingRules: {
          preConditionRules: [
            {
              conditionCombination: 'any',
              action: 'disabled',
              conditions: [
                { referencedObjective: 'part2_gate', measureThreshold: 0, operator: 'not', condition: 'satisfied' },
              ],
            },
          ],
          exitConditionRules: [],
          postConditionRules: [],
        },
        objectives: {
          primary: null,
          others: [
            {
              objectiveID: 'part2_gate',
              satisfiedByMeasure: false,
              minNormalizedMeasure: 1,
              mapInfo: [
                {
                  targetObjectiveID: GLOBAL,
                  readSatisfiedStatus: true,
                  readNormalizedMeasure: false,
                  writeSatisfiedStatus: false,
                  writeNormalizedMeasure: false,
                },
              ],
            },
          ],
        },
      }),
    ],
  };
}

const items: PlayerItem[] = ['part_1', 'part_2', 'part_3'].map((id) => ({
  itemId: id,
  title: `Title ${id}`,
  type: 'sco',
  status: { completion: 'not attempted', success: 'unknown', scoreScaled: null },
}));

describe('explainRefusal', () => {
  it('names the part whose global objective a locked part reads', () => {
    expect(
      explainRefusal({ organization: organization(), items, current: 'part_1', request: 'choice', target: 'part_3' }),
    ).toEqual({ request: 'choice', reason: 'lockedUntilPassed', parts: ['Title part_2'], target: 'part_3' });
    expect(
      explainRefusal({ organization: organization(), items, current: 'part_2', request: 'continue' }),
    ).toMatchObject({ reason: 'lockedUntilPassed', parts: ['Title part_2'], target: 'part_3' });
  });

  it('says when there is no next or previous part', () => {
    expect(explainRefusal({ organization: organization(), items, current: 'part_3', request: 'continue' }).reason).toBe(
      'noNext',
    );
    expect(explainRefusal({ organization: organization(), items, current: 'part_1', request: 'previous' }).reason).toBe(
      'noPrevious',
    );
    expect(explainRefusal({ organization: null, items, current: 'part_3', request: 'continue' }).reason).toBe('noNext');
  });

  it('reads the control modes: forward only, no flow, no choice', () => {
    const forwardOnly = organization({ forwardOnly: true });
    expect(explainRefusal({ organization: forwardOnly, items, current: 'part_2', request: 'previous' }).reason).toBe(
      'backNotAllowed',
    );
    expect(
      explainRefusal({ organization: forwardOnly, items, current: 'part_2', request: 'choice', target: 'part_1' })
        .reason,
    ).toBe('backNotAllowed');
    expect(
      explainRefusal({ organization: organization({ flow: false }), items, current: 'part_1', request: 'continue' })
        .reason,
    ).toBe('flowNotAllowed');
    expect(
      explainRefusal({
        organization: organization({ choice: false }),
        items,
        current: 'part_1',
        request: 'choice',
        target: 'part_2',
      }).reason,
    ).toBe('choiceNotAllowed');
  });

  it('falls back on the SN exception, then on a general sentence', () => {
    expect(
      explainRefusal({
        organization: organization(),
        items,
        current: 'part_1',
        request: 'continue',
        exception: 'NB.2.1-2',
      }).reason,
    ).toBe('flowNotAllowed');
    expect(explainRefusal({ organization: organization(), items, current: 'part_1', request: 'continue' }).reason).toBe(
      'notAllowed',
    );
  });
});
