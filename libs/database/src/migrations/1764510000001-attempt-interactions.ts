import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * The questions the SCOs report (`cmi.interactions`), one row per attempt and interaction id, as
 * extracted off the commit path by the `reports.extract-interactions` job (docs/reports.md,
 * "Question analysis"). Re-extracting an attempt replaces its rows. Existing attempts are not
 * extracted here: their next commit with interactions queues them.
 */
export class AttemptInteractions1764510000001 implements MigrationInterface {
  name = 'AttemptInteractions1764510000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`attempt_interactions\` (
      \`attempt_id\` char(36) NOT NULL, \`interaction_id\` varchar(255) COLLATE utf8mb4_bin NOT NULL,
      \`user_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL,
      \`position\` int unsigned NOT NULL, \`type\` varchar(32) NULL, \`response\` varchar(1000) NULL,
      \`result\` varchar(32) NULL, \`correct_response\` varchar(1000) NULL,
      \`extracted_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`attempt_id\`, \`interaction_id\`),
      INDEX \`IDX_attempt_interactions_course\` (\`course_id\`, \`interaction_id\`),
      CONSTRAINT \`FK_attempt_interactions_attempt\` FOREIGN KEY (\`attempt_id\`) REFERENCES \`attempts\` (\`id\`)
        ON DELETE CASCADE ON UPDATE RESTRICT) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `attempt_interactions`');
  }
}
