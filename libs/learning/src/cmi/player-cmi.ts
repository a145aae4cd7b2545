import { LearningStandard, SessionEntry } from '../entities/attempt.entity';
import { formatIsoDuration, formatScorm12Timespan } from './scorm-time';

type Json = Record<string, unknown>;

/** What the manifest says about the item, as the run-time initialises it. */
export interface ItemLaunchData {
  dataFromLms: string | null;
  /** 1.2 `adlcp:masteryscore` (0–100). */
  masteryScore: number | null;
  /** 1.2 `adlcp:maxtimeallowed` (timespan) / 2004 `attemptAbsoluteDurationLimit` (duration). */
  maxTimeAllowed: string | null;
  timeLimitAction: string | null;
  /** 2004: `cmi.completion_threshold`, when the item completes by measure. */
  completionThreshold: number | null;
  /** 2004: the primary objective's `minNormalizedMeasure` when it is satisfied by measure. */
  scaledPassingScore: number | null;
}

export interface PlayerCmiInput {
  standard: LearningStandard;
  entry: SessionEntry;
  mode: 'normal' | 'review';
  learnerId: string;
  learnerName: string;
  /** Time of the finished sessions: what `total_time` says when the session starts. */
  totalSeconds: number;
  /** The attempt's stored CMI (`null` for a new attempt). */
  stored: Json | null;
  item: ItemLaunchData;
}

/** Elements the LMS sets for each session, or the SCO writes only for its session: never reloaded. */
const SESSION_2004 = new Set([
  'entry',
  'exit',
  'session_time',
  'total_time',
  'credit',
  'mode',
  'learner_id',
  'learner_name',
  'launch_data',
  'completion_threshold',
  'scaled_passing_score',
  'max_time_allowed',
  'time_limit_action',
]);
const SESSION_12_ROOT = new Set(['launch_data', 'student_data']);
const SESSION_12_CORE = new Set([
  'entry',
  'exit',
  'session_time',
  'total_time',
  'credit',
  'lesson_mode',
  'student_id',
  'student_name',
]);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stored CMI as scorm-again's `loadFromJSON` wants it: collections committed as objects keyed
 * "0", "1"… become arrays again, keywords (`_count`, `_children`, `_version`) and empty values are
 * dropped (loadFromJSON skips empty values anyway; keywords would be refused as read-only).
 */
export function forLoading(node: Json, skip?: Set<string>): Json | unknown[] {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('_') || skip?.has(key) || value === '' || value === null || value === undefined) {
      continue;
    }
    out[key] = isObject(value) ? forLoading(value) : value;
  }
  const keys = Object.keys(out);
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) {
    return keys.map((key) => out[key]);
  }
  return out;
}

function withoutEmpty(values: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== null));
}

/**
 * The CMI the player loads before `Initialize`: the stored data, plus everything the LMS owns for
 * this session (entry, credit, mode, learner, total time, launch data, limits and thresholds).
 */
export function buildPlayerCmi(input: PlayerCmiInput): Json {
  const credit = input.mode === 'review' ? 'no-credit' : 'credit';
  const { item } = input;
  if (input.standard === 'scorm12') {
    const stored = input.stored ? (forLoading(input.stored, SESSION_12_ROOT) as Json) : {};
    const storedCore = isObject(input.stored?.core) ? (forLoading(input.stored.core, SESSION_12_CORE) as Json) : {};
    return {
      ...stored,
      core: {
        ...storedCore,
        ...withoutEmpty({
          student_id: input.learnerId,
          student_name: input.learnerName,
          credit,
          entry: input.entry,
          lesson_mode: input.mode,
          total_time: formatScorm12Timespan(input.totalSeconds),
        }),
      },
      ...withoutEmpty({ launch_data: item.dataFromLms ?? '' }),
      student_data: withoutEmpty({
        mastery_score: item.masteryScore === null ? '' : String(item.masteryScore),
        max_time_allowed: item.maxTimeAllowed ?? '',
        time_limit_action: item.timeLimitAction ?? '',
      }),
    };
  }
  const stored = input.stored ? (forLoading(input.stored, SESSION_2004) as Json) : {};
  return {
    ...stored,
    ...withoutEmpty({
      learner_id: input.learnerId,
      learner_name: input.learnerName,
      credit,
      mode: input.mode,
      entry: input.entry,
      total_time: formatIsoDuration(input.totalSeconds),
      launch_data: item.dataFromLms ?? '',
      completion_threshold: item.completionThreshold === null ? '' : String(item.completionThreshold),
      scaled_passing_score: item.scaledPassingScore === null ? '' : String(item.scaledPassingScore),
      max_time_allowed: item.maxTimeAllowed ?? '',
      time_limit_action: item.timeLimitAction ?? '',
    }),
  };
}
