import { LatestAttemptRow, toLatestItemAttempt } from './latest-attempts';

const row = (fields: Partial<LatestAttemptRow> = {}): LatestAttemptRow => ({
  item_id: 'sco_1',
  item_type: 'sco',
  completion_status: 'completed',
  success_status: 'passed',
  score_scaled: '0.75000',
  exit_mode: 'suspend',
  terminated: 1,
  committed: '1',
  attempts: '2',
  progress_measure: null,
  objectives: null,
  ...fields,
});

describe('toLatestItemAttempt', () => {
  it('reads the derived columns as mysql2 hands them over (decimals and counts as strings)', () => {
    expect(toLatestItemAttempt(row())).toEqual({
      itemId: 'sco_1',
      itemType: 'sco',
      attempts: 2,
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 0.75,
      exitMode: 'suspend',
      terminated: true,
      committed: true,
      progressMeasure: null,
      objectives: [],
    });
  });

  it('reads JSON_EXTRACT values as JSON text (MariaDB) or parsed values (MySQL)', () => {
    const objectives = { '0': { id: 'obj_a', success_status: 'failed', score: { scaled: '0.2' } }, '1': { id: '' } };
    for (const [progress, stored] of [
      ['"0.85"', JSON.stringify(objectives)],
      [0.85, objectives],
    ] as const) {
      const parsed = toLatestItemAttempt(row({ progress_measure: progress, objectives: stored }));
      expect(parsed.progressMeasure).toBe(0.85);
      expect(parsed.objectives).toEqual([
        { id: 'obj_a', successStatus: 'failed', scoreScaled: 0.2, completionStatus: 'unknown', progressMeasure: null },
      ]);
    }
  });

  it('keeps no score when none was reported', () => {
    expect(toLatestItemAttempt(row({ score_scaled: null, terminated: 0, committed: 0 }))).toMatchObject({
      scoreScaled: null,
      terminated: false,
      committed: false,
    });
  });
});
