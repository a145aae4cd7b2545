import { isWellFormedText } from '@app/common';
import { CompletionStatus, LearningStandard, SuccessStatus } from '../entities/attempt.entity';
import { parseIsoDuration, parseScorm12Timespan } from './scorm-time';

/** scorm-again accepts `suspend_data` up to this many characters in both versions; so do we. */
export const MAX_SUSPEND_DATA = 64_000;
/** Any other string of the data model (comments, learner responses, adl.data stores) stays below this. */
export const MAX_STRING = 64_000;
/** Keys in the whole body: 250 interactions of 20 fields with a few nested records fit easily. */
export const MAX_KEYS = 20_000;
/** cmi.interactions.n.correct_responses.n.pattern is 5 below the root. */
export const MAX_DEPTH = 8;
/** Keys are data model names, except sharedData's, which are shared data target IDs (long identifiers). */
export const MAX_KEY_LENGTH = 4000;

const TOP_LEVEL = new Set(['cmi', 'adl', 'sharedData', 'commitSequence']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type CommitProblem = 'invalid' | 'suspend-data-too-long';

export class CommitBodyError extends Error {
  constructor(
    readonly problem: CommitProblem,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/** What one commit writes: the data as sent and the columns derived from it. */
export interface DerivedCommit {
  cmi: Json;
  adl: Json | null;
  /** scorm-again's `sharedData`: the 4th edition adl.data stores this SCO may write, by target ID. */
  sharedData: Record<string, string> | null;
  commitSequence: number | null;
  completionStatus: CompletionStatus;
  successStatus: SuccessStatus;
  scoreScaled: number | null;
  /** The session's time as the SCO reported it (`session_time`), null when absent or zero. */
  sessionSeconds: number | null;
  /** The `total_time` scorm-again adds to its terminate commit (loaded total + this session), if present. */
  totalSeconds: number | null;
  exit: string;
  /** The terminate commit: scorm-again adds total_time only to it. */
  terminated: boolean;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One pass over the parsed body: every node is visited once to check the shape (objects and
 * scalars only: scorm-again sends CMI arrays as objects keyed "0", "1"…), the limits (keys, depth,
 * key and string lengths), well-formed text and suspend_data's length. Throws {@link CommitBodyError}.
 */
function checkTree(root: Json): void {
  let keys = 0;
  const visit = (node: Json, depth: number, path: string): void => {
    if (depth > MAX_DEPTH) {
      throw new CommitBodyError('invalid', `Nested deeper than ${MAX_DEPTH} levels at ${path}`);
    }
    for (const key in node) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) {
        continue;
      }
      if (++keys > MAX_KEYS) {
        throw new CommitBodyError('invalid', `More than ${MAX_KEYS} keys`);
      }
      if (key.length > MAX_KEY_LENGTH || FORBIDDEN_KEYS.has(key) || !isWellFormedText(key)) {
        throw new CommitBodyError('invalid', `Key not allowed at ${path}`);
      }
      const value = node[key];
      switch (typeof value) {
        case 'string':
          if (value.length > MAX_STRING || (key === 'suspend_data' && value.length > MAX_SUSPEND_DATA)) {
            if (key === 'suspend_data') {
              throw new CommitBodyError(
                'suspend-data-too-long',
                `suspend_data holds ${value.length} characters; at most ${MAX_SUSPEND_DATA} are kept`,
              );
            }
            throw new CommitBodyError('invalid', `${path}.${key} is longer than ${MAX_STRING} characters`);
          }
          // A lone surrogate is no text: MariaDB's JSON check would refuse the row (docs/api-input.md).
          if (!isWellFormedText(value)) {
            throw new CommitBodyError('invalid', `${path}.${key} holds a lone UTF-16 surrogate`);
          }
          break;
        case 'number':
        case 'boolean':
          break;
        case 'object':
          if (value === null) {
            break;
          }
          if (Array.isArray(value)) {
            throw new CommitBodyError('invalid', `${path}.${key} is an array; the data model has objects and values`);
          }
          visit(value as Json, depth + 1, `${path}.${key}`);
          break;
        case 'bigint':
        case 'function':
        case 'symbol':
        case 'undefined':
          throw new CommitBodyError('invalid', `${path}.${key} has an unexpected type`);
      }
    }
  };
  visit(root, 0, '');
}

function objectAt(parent: Json, key: string, path: string): Json | undefined {
  const value = parent[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isPlainObject(value)) {
    throw new CommitBodyError('invalid', `${path} must be an object`);
  }
  return value;
}

function stringAt(parent: Json | undefined, key: string): string | undefined {
  const value = parent?.[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function finiteNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function clampScaled(value: number | null): number | null {
  if (value === null) {
    return null;
  }
  return Math.round(Math.max(-1, Math.min(1, value)) * 100_000) / 100_000;
}

/** Elements of each data model that are records or collections, never values. */
const OBJECTS_2004 = [
  'score',
  'interactions',
  'objectives',
  'learner_preference',
  'comments_from_learner',
  'comments_from_lms',
];
const OBJECTS_12 = ['core', 'objectives', 'student_data', 'student_preference', 'interactions'];

const EXITS_2004 = new Set(['time-out', 'suspend', 'logout', 'normal', '']);
const EXITS_12 = new Set(['time-out', 'suspend', 'logout', '']);

function derive2004(cmi: Json): Omit<DerivedCommit, 'cmi' | 'adl' | 'sharedData' | 'commitSequence'> {
  const completion = stringAt(cmi, 'completion_status');
  const success = stringAt(cmi, 'success_status');
  const score = objectAt(cmi, 'score', 'cmi.score');
  const scaled = finiteNumber(stringAt(score, 'scaled'));
  const exit = stringAt(cmi, 'exit') ?? '';
  const totalTime = cmi.total_time;
  const session = parseIsoDuration(cmi.session_time);
  return {
    completionStatus:
      (['completed', 'incomplete', 'not attempted', 'unknown'] as const).find((s) => s === completion) ?? 'unknown',
    successStatus: success === 'passed' || success === 'failed' ? success : 'unknown',
    scoreScaled: scaled !== null && scaled >= -1 && scaled <= 1 ? clampScaled(scaled) : null,
    sessionSeconds: session ? session : null,
    totalSeconds: parseIsoDuration(totalTime),
    exit: EXITS_2004.has(exit) ? exit : '',
    terminated: totalTime !== undefined,
  };
}

function derive12(cmi: Json): Omit<DerivedCommit, 'cmi' | 'adl' | 'sharedData' | 'commitSequence'> {
  const core = objectAt(cmi, 'core', 'cmi.core');
  const score = core ? objectAt(core, 'score', 'cmi.core.score') : undefined;
  const status = stringAt(core, 'lesson_status');
  const raw = finiteNumber(stringAt(score, 'raw'));
  const min = finiteNumber(stringAt(score, 'min'));
  const max = finiteNumber(stringAt(score, 'max'));
  let scaled: number | null = null;
  if (raw !== null) {
    const low = min ?? 0;
    const high = max ?? 100;
    scaled = high > low ? clampScaled((raw - low) / (high - low)) : null;
  }
  const exit = stringAt(core, 'exit') ?? '';
  const totalTime = core?.total_time;
  const session = parseScorm12Timespan(core?.session_time);
  return {
    completionStatus:
      status === 'passed' || status === 'completed' || status === 'failed'
        ? 'completed'
        : status === 'incomplete' || status === 'browsed'
          ? 'incomplete'
          : 'not attempted',
    successStatus: status === 'passed' || status === 'failed' ? status : 'unknown',
    scoreScaled: scaled,
    sessionSeconds: session ? session : null,
    totalSeconds: parseScorm12Timespan(totalTime),
    exit: EXITS_12.has(exit) ? exit : '',
    terminated: totalTime !== undefined,
  };
}

/**
 * Checks a commit body as scorm-again sends it (`{cmi, adl?, sharedData?, commitSequence?}`) and
 * derives the indexed columns. `text` is the body of a `text/plain` commit (sendBeacon), parsed here.
 */
export function parseCommitBody(body: unknown, standard: LearningStandard): DerivedCommit {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new CommitBodyError('invalid', 'The body is not JSON');
    }
  }
  if (!isPlainObject(parsed)) {
    throw new CommitBodyError('invalid', 'The body must be a JSON object {cmi: {...}}');
  }
  for (const key in parsed) {
    if (!TOP_LEVEL.has(key)) {
      throw new CommitBodyError('invalid', `Unexpected field ${key.slice(0, MAX_KEY_LENGTH)}`);
    }
  }
  const cmi = objectAt(parsed, 'cmi', 'cmi');
  if (!cmi) {
    throw new CommitBodyError('invalid', 'cmi is missing');
  }
  const sequence = parsed.commitSequence;
  if (
    sequence !== undefined &&
    (!Number.isSafeInteger(sequence) || (sequence as number) < 0 || (sequence as number) > 2 ** 31)
  ) {
    throw new CommitBodyError('invalid', 'commitSequence must be a non-negative integer');
  }
  const adl = objectAt(parsed, 'adl', 'adl') ?? null;
  const shared = objectAt(parsed, 'sharedData', 'sharedData');
  const sharedData = shared
    ? Object.fromEntries(
        Object.entries(shared).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      )
    : null;
  for (const key of standard === 'scorm12' ? OBJECTS_12 : OBJECTS_2004) {
    objectAt(cmi, key, `cmi.${key}`);
  }
  checkTree(parsed);
  const derived = standard === 'scorm12' ? derive12(cmi) : derive2004(cmi);
  return { cmi, adl, sharedData, commitSequence: (sequence as number | undefined) ?? null, ...derived };
}

/**
 * The player's last-chance `pagehide` beacon: content that never set `exit` has not finished, so
 * the data is kept as suspended (the next launch resumes it).
 */
export function markSuspended(commit: DerivedCommit, standard: LearningStandard): DerivedCommit {
  if (commit.exit !== '') {
    return commit;
  }
  const cmi =
    standard === 'scorm12'
      ? { ...commit.cmi, core: { ...((commit.cmi.core as Json | undefined) ?? {}), exit: 'suspend' } }
      : { ...commit.cmi, exit: 'suspend' };
  return { ...commit, cmi, exit: 'suspend' };
}
