import type { LearningStandard } from '../entities/attempt.entity';

/** Longest text kept of a response or pattern (the rest is cut: reports group by it). */
export const MAX_RESPONSE_LENGTH = 1000;
/** Longest interaction id kept (SCORM 2004 allows 4000 characters; ids longer than this are cut). */
export const MAX_INTERACTION_ID_LENGTH = 255;

/** One question as an attempt last answered it (docs/reports.md, "Question analysis"). */
export interface ExtractedInteraction {
  /** `cmi.interactions.n.id`. */
  interactionId: string;
  /** The `n` of its last record in the attempt. */
  position: number;
  type: string | null;
  /** `learner_response` (2004) or `student_response` (1.2). */
  response: string | null;
  /** `correct`, `incorrect` (2004) / `wrong` (1.2, stored as `incorrect`), `unanticipated`, `neutral` or a number. */
  result: string | null;
  /** The first `correct_responses.n.pattern`. */
  correctResponse: string | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** scorm-again sends CMI arrays as objects keyed "0", "1"…; an array is taken too. */
function entries(value: unknown): Array<[number, unknown]> {
  if (Array.isArray(value)) {
    return value.map((item, index) => [index, item]);
  }
  if (!isObject(value)) {
    return [];
  }
  return Object.entries(value)
    .filter(([key]) => /^\d+$/.test(key))
    .map(([key, item]): [number, unknown] => [Number(key), item])
    .sort((a, b) => a[0] - b[0]);
}

function text(value: unknown, max = MAX_RESPONSE_LENGTH): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  return value.length > max ? value.slice(0, max) : value;
}

function resultOf(value: unknown): string | null {
  const result = text(value, 32);
  if (result === null) {
    return null;
  }
  const lower = result.toLowerCase();
  return lower === 'wrong' ? 'incorrect' : lower;
}

/**
 * The interactions an attempt's CMI holds, one per interaction id: in SCORM 1.2 interactions are a
 * journal (the same id may be recorded again), so the last record of an id is the attempt's answer.
 * Entries without an id are left out.
 */
export function extractInteractions(cmi: unknown, standard: LearningStandard): ExtractedInteraction[] {
  if (!isObject(cmi)) {
    return [];
  }
  const byId = new Map<string, ExtractedInteraction>();
  for (const [position, entry] of entries(cmi.interactions)) {
    if (!isObject(entry)) {
      continue;
    }
    const interactionId = text(entry.id, MAX_INTERACTION_ID_LENGTH);
    if (interactionId === null) {
      continue;
    }
    const [first] = entries(entry.correct_responses);
    const pattern = first && isObject(first[1]) ? text(first[1].pattern) : null;
    byId.delete(interactionId); // the last record wins, in its own position
    byId.set(interactionId, {
      interactionId,
      position,
      type: text(entry.type, 32),
      response: text(
        standard === 'scorm12' ? (entry.student_response ?? entry.learner_response) : entry.learner_response,
      ),
      result: resultOf(entry.result),
      correctResponse: pattern,
    });
  }
  return [...byId.values()];
}

/** Whether a commit's CMI reports any interaction (only those commits queue an extraction). */
export function hasInteractions(cmi: unknown): boolean {
  return isObject(cmi) && entries(cmi.interactions).length > 0;
}
