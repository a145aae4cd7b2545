import { MigrationInterface, QueryRunner } from 'typeorm';
import { computeCourseResult, PackageForResult } from '@app/learning/results/course-result-rules';
import { LATEST_ATTEMPTS_SQL, LatestAttemptRow, toLatestItemAttempt } from '@app/learning/results/latest-attempts';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Course results (docs/course-results.md): one row per learner and course, the one source of
 * "completed" and "passed". `attempts.status_version` counts changes of an attempt's derived status,
 * so the commit learns from its own UPDATE whether the course result must be recomputed.
 * Existing enrolments (and courses with attempts but no enrolment) are backfilled by the same
 * rules the server applies; the date a status was reached is taken as the course's last commit.
 */
export class CourseResults1764440000000 implements MigrationInterface {
  name = 'CourseResults1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `attempts` ADD `status_version` int UNSIGNED NOT NULL DEFAULT 0');
    await queryRunner.query(`CREATE TABLE \`course_results\` (
      \`user_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL, \`package_id\` char(36) NULL,
      \`completion_status\` enum ('completed', 'incomplete', 'not attempted') NOT NULL DEFAULT 'not attempted',
      \`success_status\` enum ('passed', 'failed', 'unknown') NOT NULL DEFAULT 'unknown',
      \`score_scaled\` decimal(6,5) NULL,
      \`parts_done\` int UNSIGNED NOT NULL DEFAULT 0, \`parts_total\` int UNSIGNED NOT NULL DEFAULT 0,
      \`completed_at\` datetime(3) NULL, \`passed_at\` datetime(3) NULL,
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      INDEX \`IDX_course_results_course\` (\`course_id\`, \`completion_status\`),
      PRIMARY KEY (\`user_id\`, \`course_id\`)) ${TABLE_OPTIONS}`);
    await this.backfill(queryRunner);
  }

  private async backfill(queryRunner: QueryRunner): Promise<void> {
    const query = <T>(sql: string, parameters?: unknown[]): Promise<T> =>
      queryRunner.query(sql, parameters) as Promise<T>;
    const pairs = await query<Array<{ user_id: string; course_id: string }>>(
      'SELECT user_id, course_id FROM enrolments UNION SELECT DISTINCT user_id, course_id FROM attempts',
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
        await queryRunner.query('INSERT IGNORE INTO course_results (user_id, course_id) VALUES (?, ?)', [
          userId,
          courseId,
        ]);
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
      await queryRunner.query(
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `course_results`');
    await queryRunner.query('ALTER TABLE `attempts` DROP COLUMN `status_version`');
  }
}
