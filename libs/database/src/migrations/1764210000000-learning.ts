import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Enrolments and SCORM attempts. The commit is `UPDATE attempts … WHERE id = ?` (primary key);
 * launch finds the latest attempt of an item by the unique (user, package, item, number) key;
 * "my learning" reads a user's attempts per course by (user, course, launched_at).
 */
export class Learning1764210000000 implements MigrationInterface {
  name = 'Learning1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`enrolments\` (
      \`user_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      INDEX \`IDX_enrolments_course\` (\`course_id\`, \`created_at\`),
      PRIMARY KEY (\`user_id\`, \`course_id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`attempts\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL,
      \`package_id\` char(36) NOT NULL, \`item_id\` varchar(255) NOT NULL, \`number\` int UNSIGNED NOT NULL,
      \`standard\` enum ('scorm12', 'scorm2004') NOT NULL, \`item_type\` enum ('sco', 'asset') NOT NULL,
      \`session_no\` int UNSIGNED NOT NULL DEFAULT '1', \`commit_seq\` int UNSIGNED NOT NULL DEFAULT '0',
      \`entry\` varchar(10) NOT NULL DEFAULT 'ab-initio', \`cmi\` json NULL, \`adl\` json NULL,
      \`completion_status\` enum ('completed', 'incomplete', 'not attempted', 'unknown') NOT NULL DEFAULT 'not attempted',
      \`success_status\` enum ('passed', 'failed', 'unknown') NOT NULL DEFAULT 'unknown',
      \`score_scaled\` decimal(6,5) NULL, \`exit_mode\` varchar(10) NOT NULL DEFAULT '',
      \`terminated\` tinyint NOT NULL DEFAULT 0,
      \`base_seconds\` decimal(12,2) NOT NULL DEFAULT '0.00', \`session_seconds\` decimal(12,2) NOT NULL DEFAULT '0.00',
      \`total_seconds\` decimal(12,2) NOT NULL DEFAULT '0.00',
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`launched_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`last_commit_at\` datetime(3) NULL,
      UNIQUE INDEX \`UQ_attempts_user_item_number\` (\`user_id\`, \`package_id\`, \`item_id\`, \`number\`),
      INDEX \`IDX_attempts_user_course\` (\`user_id\`, \`course_id\`, \`launched_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `attempts`');
    await queryRunner.query('DROP TABLE `enrolments`');
  }
}
