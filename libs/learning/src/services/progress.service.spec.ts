import { PackageLaunchable } from '@app/catalogue';
import { Attempt } from '../entities/attempt.entity';
import { CourseResult } from '../entities/course-result.entity';
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

const stored = (fields: Partial<CourseResult> = {}): CourseResult =>
  Object.assign(new CourseResult(), {
    userId: 'u',
    courseId: 'c',
    packageId: 'p',
    completionStatus: 'incomplete',
    successStatus: 'unknown',
    scoreScaled: null,
    partsDone: 1,
    partsTotal: 3,
    completedAt: null,
    passedAt: null,
    ...fields,
  } satisfies Partial<CourseResult>);

describe('course progress for My learning', () => {
  it('nothing launched: not attempted, every launchable still to do', () => {
    expect(rollUp('c', 'T', pkg, [], null, null)).toEqual(
      expect.objectContaining({
        completionStatus: 'not attempted',
        successStatus: 'unknown',
        scoreScaled: null,
        totalTimeSeconds: 0,
        lastActivityAt: null,
        partsDone: 0,
        partsTotal: 3,
      }),
    );
  });

  it('course status, score, parts and dates come from the stored result, never from the items alone', () => {
    // Every SCO that reported passed: the stored rollup still says the course is not passed.
    const some = [attempt('a', { completionStatus: 'completed', successStatus: 'passed' })];
    expect(rollUp('c', 'T', pkg, some, null, stored())).toEqual(
      expect.objectContaining({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
        partsTotal: 3,
      }),
    );
    const at = new Date('2026-12-01T10:00:00Z');
    expect(
      rollUp(
        'c',
        'T',
        pkg,
        some,
        null,
        stored({
          completionStatus: 'completed',
          successStatus: 'passed',
          scoreScaled: 0.8,
          completedAt: at,
          passedAt: at,
        }),
      ),
    ).toEqual(
      expect.objectContaining({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.8,
        completedAt: at,
        passedAt: at,
      }),
    );
  });

  it('items: the latest attempt of each launchable; time summed over every attempt', () => {
    const failedB = attempt('b', { successStatus: 'failed', scoreScaled: 0.3 });
    const passedB2 = attempt('b', { number: 2, successStatus: 'passed', scoreScaled: 0.7, totalSeconds: 5 });
    const rolled = rollUp('c', 'T', pkg, [attempt('a'), failedB, passedB2], null, stored());
    expect(rolled.totalTimeSeconds).toBe(25);
    expect(rolled.items[1]).toEqual(
      expect.objectContaining({ attempts: 2, totalTimeSeconds: 15, scoreScaled: 0.7, successStatus: 'passed' }),
    );
  });
});
