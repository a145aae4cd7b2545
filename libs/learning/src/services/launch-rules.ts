import { Attempt, LearningStandard, SessionEntry } from '../entities/attempt.entity';

export type LaunchDecision =
  | { kind: 'new'; number: number }
  | { kind: 'session'; attempt: Attempt; entry: SessionEntry }
  | { kind: 'review'; attempt: Attempt };

/** Exits after which a terminated SCORM 2004 session has ended its attempt. */
const ENDING_EXITS_2004 = new Set(['normal', '', 'logout', 'time-out']);

/**
 * The attempt rules of docs/player.md, given the latest attempt of the item:
 * none → attempt 1; an asset → the same attempt again; completed → review, or n+1 when asked;
 * suspended → resume; SCORM 2004 terminated without suspend → n+1; otherwise the same attempt.
 */
export function decideLaunch(
  latest: Attempt | null,
  standard: LearningStandard,
  itemType: 'sco' | 'asset',
  newAttempt: boolean,
): LaunchDecision {
  if (!latest) {
    return { kind: 'new', number: 1 };
  }
  if (itemType === 'asset') {
    return { kind: 'session', attempt: latest, entry: '' };
  }
  if (latest.completionStatus === 'completed') {
    return newAttempt ? { kind: 'new', number: latest.number + 1 } : { kind: 'review', attempt: latest };
  }
  if (latest.exitMode === 'suspend') {
    return { kind: 'session', attempt: latest, entry: 'resume' };
  }
  if (standard === 'scorm2004' && latest.terminated && ENDING_EXITS_2004.has(latest.exitMode)) {
    return { kind: 'new', number: latest.number + 1 };
  }
  return { kind: 'session', attempt: latest, entry: '' };
}
