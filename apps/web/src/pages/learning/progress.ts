import type { LearningCourse } from './types';

/** Where a learner stands in a course, as the catalogue cards, My learning and the home show it. */
export type LearnerState = 'notStarted' | 'inProgress' | 'completed';

export const LEARNER_FILTERS = ['inProgress', 'completed'] as const;
export type LearnerFilter = (typeof LEARNER_FILTERS)[number];

/** From the stored course result (docs/course-results.md): completed, or started (any activity), or not. */
export function learnerStateOf(course: LearningCourse | undefined): LearnerState {
  if (!course) {
    return 'notStarted';
  }
  if (course.completionStatus === 'completed') {
    return 'completed';
  }
  return course.lastActivityAt || course.completionStatus === 'incomplete' || (course.partsDone ?? 0) > 0
    ? 'inProgress'
    : 'notStarted';
}

/** Most recent activity first; courses never opened last, by title. */
export function byLastActivity(a: LearningCourse, b: LearningCourse): number {
  const at = (course: LearningCourse) => (course.lastActivityAt ? Date.parse(course.lastActivityAt) : 0);
  return at(b) - at(a) || a.title.localeCompare(b.title);
}
