import { computeCourseResult, PackageForResult } from './course-result-rules';
import { LATEST_ATTEMPTS_SQL, LatestAttemptRow, toLatestItemAttempt } from './latest-attempts';

/** Runs one SQL statement with positional parameters (a TypeORM DataSource or QueryRunner's `query`). */
export type RunQuery = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * Gives every enrolment without a course result one, computed from its attempts by the same rules
 * the server applies (docs/course-results.md); the date a status was reached is taken as the
 * course's last commit. Idempotent: enrolments that have a result are left alone. Run after the
 * migrations (the cli's migrate), for databases that had enrolments before course results existed.
 */
export async function backfillCourseResults(run: RunQuery): Promise<number> {
  const query = <T>(sql: string, parameters?: unknown[]): Promise<T> => run(sql, parameters) as Promise<T>;
  const pairs = await query<Array<{ user_id: string; course_id: string }>>(
    `SELECT e.user_id, e.course_id FROM enrolments e
      LEFT JOIN course_results r ON r.user_id = e.user_id AND r.course_id = e.course_id
    WHERE r.user_id IS NULL`,
  );
  const packages = new Map<string, PackageForResult>();
  for (const { user_id: userId, course_id: courseId } of pairs) {
    const [last] = await query<Array<{ package_id: string; last_at: Date | null }>>(
      `SELECT package_id, (SELECT MAX(COALESCE(last_commit_at, launched_at)) FROM attempts
          WHERE user_id = ? AND course_id = ?) AS last_at
        FROM attempts WHERE user_id = ? AND course_id = ? ORDER BY launched_at DESC, number DESC LIMIT 1`,
      [userId, courseId, userId, courseId],
    );
    if (!last) {
      await run('INSERT IGNORE INTO course_results (user_id, course_id) VALUES (?, ?)', [userId, courseId]);
      continue;
    }
    let pkg = packages.get(last.package_id);
    if (!pkg) {
      const [row] = await query<
        Array<{ standard: PackageForResult['standard']; manifest: unknown; launchables: unknown }>
      >('SELECT standard, manifest, launchables FROM course_packages WHERE id = ?', [last.package_id]);
      const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
      pkg = row
        ? {
            standard: row.standard,
            manifest: parse<PackageForResult['manifest']>(row.manifest),
            launchables: parse<PackageForResult['launchables']>(row.launchables),
          }
        : { standard: 'scorm12', manifest: null, launchables: [] };
      packages.set(last.package_id, pkg);
    }
    const rows = await query<LatestAttemptRow[]>(LATEST_ATTEMPTS_SQL, [
      userId,
      last.package_id,
      userId,
      last.package_id,
    ]);
    const result = computeCourseResult(pkg, rows.map(toLatestItemAttempt));
    await run(
      `INSERT IGNORE INTO course_results (user_id, course_id, package_id, completion_status, success_status,
         score_scaled, parts_done, parts_total, completed_at, passed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        userId,
        courseId,
        last.package_id,
        result.completionStatus,
        result.successStatus,
        result.scoreScaled,
        result.partsDone,
        result.partsTotal,
        result.completionStatus === 'completed' ? last.last_at : null,
        result.successStatus === 'passed' ? last.last_at : null,
      ],
    );
  }
  return pairs.length;
}
