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

/** A duration such as "1 h 05 min" or "3 min 20 s", in the language's number format. */
export function formatDuration(seconds: number, language: string): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  if (hours > 0) {
    return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
  }
  if (minutes > 0) {
    return `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
  }
  return unit(rest, 'second');
}

/** A scaled score (−1…1) as a percentage, e.g. "80 %". */
export function formatScore(scaled: number | null | undefined, language: string): string | null {
  if (scaled === null || scaled === undefined || Number.isNaN(scaled)) {
    return null;
  }
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(scaled);
}
