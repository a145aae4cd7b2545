import type { ParsedManifest } from '@app/scorm';
import { LeafState, rollUpActivityTree, RollupItem } from '@app/scorm';

export type CourseCompletion = 'completed' | 'incomplete' | 'not attempted';
export type CourseSuccess = 'passed' | 'failed' | 'unknown';

/** The latest attempt of one launchable, as stored (the columns of `attempts`, plus two CMI values). */
export interface LatestItemAttempt {
  itemId: string;
  itemType: 'sco' | 'asset';
  /** How many attempts the learner made of the item. */
  attempts: number;
  completionStatus: 'completed' | 'incomplete' | 'not attempted' | 'unknown';
  successStatus: 'passed' | 'failed' | 'unknown';
  scoreScaled: number | null;
  exitMode: string;
  terminated: boolean;
  /** Whether the SCO ever committed in this attempt (the column defaults mean nothing before). */
  committed: boolean;
  /** cmi.progress_measure (2004), when stored. */
  progressMeasure?: number | null;
  /** cmi.objectives (2004) as stored, for objectives the manifest maps to global objectives. */
  objectives?: LeafState['objectives'];
}

export interface PackageForResult {
  standard: 'scorm12' | 'scorm2004';
  manifest: Pick<ParsedManifest, 'organizations' | 'defaultOrganizationId'> | null;
  launchables: Array<{ itemIdentifier: string; type: 'sco' | 'asset' }>;
}

export interface ComputedCourseResult {
  completionStatus: CourseCompletion;
  successStatus: CourseSuccess;
  scoreScaled: number | null;
  partsDone: number;
  partsTotal: number;
}

const round5 = (value: number): number => Math.round(value * 100_000) / 100_000;

/**
 * The course result of docs/course-results.md, from the latest attempt of each launchable of one
 * package. SCORM 2004: the rollup of the default organization's activity tree (SN book RB.1.x,
 * the default rules where the manifest declares none). SCORM 1.2 and assets: completed when
 * every launchable is; passed when every SCO that reports a result passed and none is still
 * unknown; failed when a SCO's latest result is failed.
 */
export function computeCourseResult(pkg: PackageForResult, latest: LatestItemAttempt[]): ComputedCourseResult {
  const byItem = new Map(latest.map((attempt) => [attempt.itemId, attempt]));
  const attempted = latest.some((attempt) => attempt.attempts > 0);
  const organization =
    pkg.standard === 'scorm2004'
      ? (pkg.manifest?.organizations.find((o) => o.identifier === pkg.manifest?.defaultOrganizationId) ??
        pkg.manifest?.organizations[0])
      : undefined;
  if (organization) {
    const launchable = new Set(pkg.launchables.map((l) => l.itemIdentifier));
    const parts: string[] = [];
    const collect = (items: RollupItem[]): void =>
      items.forEach((item) => {
        if (item.children.length > 0) {
          collect(item.children);
        } else if (launchable.has(item.identifier)) {
          parts.push(item.identifier);
        }
      });
    collect(organization.items);
    const outcome = rollUpActivityTree(organization, (itemId) => leafState(byItem.get(itemId)));
    const root = outcome.root;
    return {
      completionStatus:
        root.completionStatus === 'completed' ? 'completed' : attempted ? 'incomplete' : 'not attempted',
      successStatus: root.successStatus,
      scoreScaled: root.scoreScaled === null ? null : round5(root.scoreScaled),
      partsDone: parts.filter((id) => outcome.activities.get(id)?.completionStatus === 'completed').length,
      partsTotal: parts.length,
    };
  }
  const items = pkg.launchables.map((l) => ({ type: l.type, attempt: byItem.get(l.itemIdentifier) }));
  const done = items.filter((i) => i.attempt?.completionStatus === 'completed').length;
  const scos = items.filter((i) => i.type === 'sco');
  const reported = scos.filter((i) => i.attempt && i.attempt.successStatus !== 'unknown');
  // A SCO may still report a result until it is completed without one.
  const stillUnknown = scos.some(
    (i) => !i.attempt || (i.attempt.successStatus === 'unknown' && i.attempt.completionStatus !== 'completed'),
  );
  const scores = scos.map((i) => i.attempt?.scoreScaled ?? null).filter((s): s is number => s !== null);
  return {
    completionStatus:
      items.length > 0 && done === items.length ? 'completed' : attempted ? 'incomplete' : 'not attempted',
    successStatus: reported.some((i) => i.attempt!.successStatus === 'failed')
      ? 'failed'
      : reported.length > 0 && !stillUnknown
        ? 'passed'
        : 'unknown',
    scoreScaled: scores.length ? round5(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    partsDone: done,
    partsTotal: items.length,
  };
}

/** The stored state of a leaf as the rollup reads it (the SN's tracking model of docs/course-results.md). */
function leafState(attempt: LatestItemAttempt | undefined): LeafState | undefined {
  if (!attempt || attempt.attempts === 0) {
    return undefined;
  }
  const asset = attempt.itemType === 'asset';
  const suspended = !asset && attempt.exitMode === 'suspend';
  return {
    attemptCount: attempt.attempts,
    // Before its first commit a SCO has reported nothing: the column's default is not a status.
    completionStatus: asset || attempt.committed ? attempt.completionStatus : 'unknown',
    successStatus: attempt.successStatus,
    scoreScaled: attempt.scoreScaled,
    progressMeasure: attempt.progressMeasure ?? null,
    // An asset has no run-time: delivering it ends its attempt.
    ended: asset || (attempt.terminated && !suspended),
    suspended,
    objectives: attempt.objectives,
  };
}
