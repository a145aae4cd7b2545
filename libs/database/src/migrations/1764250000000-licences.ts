import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Licences: granted on the hub (`licences`), received on a national server (`received_licences`),
 * and the courses a received licence brought (`courses.licence_id`). The search index carries the
 * licence's validity so courses leave the catalogue when it ends, with no job to run.
 */
export class Licences1764250000000 implements MigrationInterface {
  name = 'Licences1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`licences\` (
      \`id\` char(36) NOT NULL, \`revision\` int UNSIGNED NOT NULL DEFAULT '1',
      \`licensee_country\` char(2) NOT NULL, \`licensee_administration\` varchar(200) NOT NULL,
      \`course_ids\` json NOT NULL, \`languages\` json NOT NULL, \`valid_from\` date NOT NULL, \`valid_until\` date NOT NULL,
      \`seat_cap\` int UNSIGNED NULL, \`translation_allowed\` tinyint NOT NULL DEFAULT 0, \`created_by\` char(36) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`received_licences\` (
      \`id\` char(36) NOT NULL, \`revision\` int UNSIGNED NOT NULL, \`key_id\` char(16) NOT NULL,
      \`bundle_sha256\` char(64) NOT NULL, \`licensee_country\` char(2) NOT NULL,
      \`licensee_administration\` varchar(200) NOT NULL, \`course_ids\` json NOT NULL, \`languages\` json NOT NULL,
      \`valid_from\` date NOT NULL, \`valid_until\` date NOT NULL, \`seat_cap\` int UNSIGNED NULL,
      \`translation_allowed\` tinyint NOT NULL, \`import_job_id\` char(36) NOT NULL, \`imported_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query('ALTER TABLE `courses` ADD `licence_id` char(36) NULL');
    await queryRunner.query('CREATE INDEX `IDX_courses_licence` ON `courses` (`licence_id`)');
    await queryRunner.query('ALTER TABLE `course_search` ADD `licence_from` date NULL, ADD `licence_until` date NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `course_search` DROP COLUMN `licence_until`, DROP COLUMN `licence_from`');
    await queryRunner.query('DROP INDEX `IDX_courses_licence` ON `courses`');
    await queryRunner.query('ALTER TABLE `courses` DROP COLUMN `licence_id`');
    await queryRunner.query('DROP TABLE `received_licences`');
    await queryRunner.query('DROP TABLE `licences`');
  }
}
