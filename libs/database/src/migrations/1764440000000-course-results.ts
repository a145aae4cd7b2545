import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Course results (docs/course-results.md): one row per learner and course, the one source of
 * "completed" and "passed". `attempts.status_version` counts changes of an attempt's derived status,
 * so the commit learns from its own UPDATE whether the course result must be recomputed.
 * Existing enrolments are backfilled after the migrations by the learning context's own rules
 * (`backfillCourseResults`, run by `npm run db:migrate` and `npm start`): the database library
 * knows no domain code.
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `course_results`');
    await queryRunner.query('ALTER TABLE `attempts` DROP COLUMN `status_version`');
  }
}
