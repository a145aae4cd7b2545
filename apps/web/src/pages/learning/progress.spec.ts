import { describe, expect, it } from '@jest/globals';
import { byLastActivity, learnerStateOf } from './progress';
import type { LearningCourse } from './types';

const course = (overrides: Partial<LearningCourse>): LearningCourse => ({
  courseId: 'c',
  title: 'Course',
  language: 'en',
  enrolledAt: null,
  lastActivityAt: null,
  completionStatus: 'not attempted',
  successStatus: 'unknown',
  scoreScaled: null,
  totalTimeSeconds: 0,
  timeMeasured: false,
  partsDone: 0,
  partsTotal: 3,
  completedAt: null,
  passedAt: null,
  items: [],
  ...overrides,
});

describe(learnerStateOf.name, () => {
  it('is not started without a course, or enrolled with no activity', () => {
    expect(learnerStateOf(undefined)).toBe('notStarted');
    expect(learnerStateOf(course({ enrolledAt: '2026-12-01T10:00:00Z' }))).toBe('notStarted');
  });

  it('is in progress with any activity or a part done, completed from the course result', () => {
    expect(learnerStateOf(course({ lastActivityAt: '2026-12-01T10:00:00Z' }))).toBe('inProgress');
    expect(learnerStateOf(course({ completionStatus: 'incomplete' }))).toBe('inProgress');
    expect(learnerStateOf(course({ partsDone: 1 }))).toBe('inProgress');
    // A failed but completed course is completed (Try again lives on the course page).
    expect(learnerStateOf(course({ completionStatus: 'completed', successStatus: 'failed' }))).toBe('completed');
  });
});

describe(byLastActivity.name, () => {
  it('puts the most recent activity first and never-opened courses last, by title', () => {
    const list = [
      course({ courseId: 'b', title: 'B' }),
      course({ courseId: 'old', lastActivityAt: '2026-11-01T10:00:00Z' }),
      course({ courseId: 'a', title: 'A' }),
      course({ courseId: 'new', lastActivityAt: '2026-12-01T10:00:00Z' }),
    ];
    expect(list.sort(byLastActivity).map((entry) => entry.courseId)).toEqual(['new', 'old', 'a', 'b']);
  });
});
