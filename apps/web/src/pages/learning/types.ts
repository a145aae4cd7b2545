import type { Schemas } from '../../api/client';

/** `GET /api/me/learning` (docs/player.md). */
export type LearningCourse = Schemas['CourseProgressView'];
export type LearningItem = Schemas['ItemProgressView'];

/** `GET /api/me/learning/:courseId/attempts`: the caller's own attempts, newest first. */
export interface AttemptEntry {
  attemptId: string;
  itemId: string;
  title: string;
  number: number;
  language: string | null;
  completionStatus: string;
  successStatus: string;
  scoreScaled: number | null;
  totalTimeSeconds: number;
  timeMeasured?: boolean;
  startedAt: string;
  lastActivityAt: string;
}

export type CompletionKey = 'completed' | 'incomplete' | 'notAttempted';
export type SuccessKey = 'passed' | 'failed' | 'unknown';

export function completionKey(status: string | null | undefined): CompletionKey {
  if (status === 'completed') {
    return 'completed';
  }
  return status === 'incomplete' ? 'incomplete' : 'notAttempted';
}

export function successKey(status: string | null | undefined): SuccessKey {
  return status === 'passed' || status === 'failed' ? status : 'unknown';
}

/** Kept here for the pages that import them from this module; they live in i18n/format. */
export { formatDuration, formatScore } from '../../i18n/format';
