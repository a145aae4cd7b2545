import { PackageLaunchable } from '@app/catalogue';
import { Attempt } from '../entities/attempt.entity';
import { rollUp } from './progress.service';

const sco = (id: string): PackageLaunchable => ({
  itemIdentifier: id,
  title: id,
  resourceIdentifier: `r-${id}`,
  type: 'sco',
  href: `${id}.html`,
});
const pkg = {
  id: 'p',
  language: 'en' as const,
  launchables: [sco('a'), sco('b'), { ...sco('c'), type: 'asset' as const }],
};
let n = 0;
const attempt = (itemId: string, fields: Partial<Attempt> = {}): Attempt =>
  Object.assign(new Attempt(), {
    id: `att-${++n}`,
    packageId: 'p',
    itemId,
    number: 1,
    completionStatus: 'incomplete',
    successStatus: 'unknown',
    scoreScaled: null,
    totalSeconds: 10,
    launchedAt: new Date(1000 * n),
    lastCommitAt: null,
    ...fields,
  } satisfies Partial<Attempt>);

describe('course rollup', () => {
  it('nothing launched: not attempted', () => {
    expect(rollUp('c', 'T', pkg, [], null)).toEqual(
      expect.objectContaining({
        completionStatus: 'not attempted',
        successStatus: 'unknown',
        scoreScaled: null,
        totalTimeSeconds: 0,
        lastActivityAt: null,
      }),
    );
  });

  it('incomplete until every launchable’s latest attempt is completed', () => {
    const some = [attempt('a', { completionStatus: 'completed' }), attempt('c', { completionStatus: 'completed' })];
    expect(rollUp('c', 'T', pkg, some, null).completionStatus).toBe('incomplete');
    const all = [...some, attempt('b', { completionStatus: 'completed' })];
    expect(rollUp('c', 'T', pkg, all, null).completionStatus).toBe('completed');
  });

  it('success: failed if any SCO failed, passed if every reporting SCO passed, else unknown', () => {
    const passedA = attempt('a', { successStatus: 'passed', scoreScaled: 0.9 });
    expect(rollUp('c', 'T', pkg, [passedA], null)).toEqual(
      expect.objectContaining({ successStatus: 'passed', scoreScaled: 0.9 }),
    );
    const failedB = attempt('b', { successStatus: 'failed', scoreScaled: 0.3 });
    expect(rollUp('c', 'T', pkg, [passedA, failedB], null)).toEqual(
      expect.objectContaining({ successStatus: 'failed', scoreScaled: 0.6 }),
    );
    // The latest attempt counts: b passed on its second attempt.
    const passedB2 = attempt('b', { number: 2, successStatus: 'passed', scoreScaled: 0.7, totalSeconds: 5 });
    const rolled = rollUp('c', 'T', pkg, [passedA, failedB, passedB2], null);
    expect(rolled).toEqual(
      expect.objectContaining({ successStatus: 'passed', scoreScaled: 0.8, totalTimeSeconds: 25 }),
    );
    expect(rolled.items[1]).toEqual(expect.objectContaining({ attempts: 2, totalTimeSeconds: 15, scoreScaled: 0.7 }));
    expect(rollUp('c', 'T', pkg, [attempt('a')], null).successStatus).toBe('unknown');
  });
});
