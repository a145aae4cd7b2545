import type { LeafObjectiveState } from '@app/scorm';
import type { LatestItemAttempt } from './course-result-rules';

/**
 * The latest attempt of every item a learner launched in one package, with the attempt count and
 * the two CMI values the rollup reads beside the derived columns. `?` placeholders: user, package.
 * Shared by the course result service and the migration that backfills results.
 */
export const LATEST_ATTEMPTS_SQL = `SELECT a.item_id, a.item_type, a.completion_status, a.success_status, a.score_scaled,
    a.exit_mode, a.\`terminated\`, a.last_commit_at IS NOT NULL AS committed, n.attempts,
    IF(a.standard = 'scorm2004', JSON_EXTRACT(a.cmi, '$.progress_measure'), NULL) AS progress_measure,
    IF(a.standard = 'scorm2004', JSON_EXTRACT(a.cmi, '$.objectives'), NULL) AS objectives
  FROM attempts a
  JOIN (SELECT item_id, MAX(number) AS latest, COUNT(*) AS attempts FROM attempts
        WHERE user_id = ? AND package_id = ? GROUP BY item_id) n
    ON n.item_id = a.item_id AND n.latest = a.number
  WHERE a.user_id = ? AND a.package_id = ?`;

export interface LatestAttemptRow {
  item_id: string;
  item_type: 'sco' | 'asset';
  completion_status: LatestItemAttempt['completionStatus'];
  success_status: LatestItemAttempt['successStatus'];
  score_scaled: string | number | null;
  exit_mode: string;
  terminated: number | boolean;
  committed: number | string;
  attempts: number | string;
  progress_measure: unknown;
  objectives: unknown;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const n = typeof value === 'number' ? value : Number(typeof value === 'string' ? value.replace(/^"|"$/g, '') : NaN);
  return Number.isFinite(n) ? n : null;
}

/** JSON_EXTRACT answers JSON text on MariaDB and parsed values on MySQL: accept both. */
function json(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function objectivesOf(value: unknown): LeafObjectiveState[] {
  const parsed = json(value);
  if (typeof parsed !== 'object' || parsed === null) {
    return [];
  }
  const states: LeafObjectiveState[] = [];
  for (const entry of Object.values(parsed as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) {
      continue;
    }
    const o = entry as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id === '') {
      continue;
    }
    const success = o.success_status;
    const completion = o.completion_status;
    const score = typeof o.score === 'object' && o.score !== null ? (o.score as Record<string, unknown>) : {};
    states.push({
      id: o.id,
      successStatus: success === 'passed' || success === 'failed' ? success : 'unknown',
      scoreScaled: numberOrNull(score.scaled),
      completionStatus:
        completion === 'completed' || completion === 'incomplete' || completion === 'not attempted'
          ? completion
          : 'unknown',
      progressMeasure: numberOrNull(o.progress_measure),
    });
  }
  return states;
}

export function toLatestItemAttempt(row: LatestAttemptRow): LatestItemAttempt {
  return {
    itemId: row.item_id,
    itemType: row.item_type,
    attempts: Number(row.attempts),
    completionStatus: row.completion_status,
    successStatus: row.success_status,
    scoreScaled: numberOrNull(row.score_scaled),
    exitMode: row.exit_mode,
    terminated: Boolean(Number(row.terminated)),
    committed: Boolean(Number(row.committed)),
    progressMeasure: numberOrNull(json(row.progress_measure)),
    objectives: objectivesOf(row.objectives),
  };
}
