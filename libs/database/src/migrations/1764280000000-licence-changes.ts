import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Hub licences can be edited and ended early: who changed a licence last (`licences.updated_by`),
 * and one row per revision in `licence_changes` (who, when, what kind of change, the terms it set).
 * Licences granted before this migration get a row for their current revision from what they hold
 * (JSON_EXTRACT keeps arrays and booleans JSON values on MySQL and MariaDB alike).
 */
export class LicenceChanges1764280000000 implements MigrationInterface {
  name = 'LicenceChanges1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `licences` ADD `updated_by` char(36) NULL');
    await queryRunner.query(`CREATE TABLE \`licence_changes\` (
      \`licence_id\` char(36) NOT NULL, \`revision\` int UNSIGNED NOT NULL, \`kind\` varchar(10) NOT NULL,
      \`changed_by\` char(36) NOT NULL, \`changed_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`terms\` json NOT NULL,
      PRIMARY KEY (\`licence_id\`, \`revision\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`INSERT INTO \`licence_changes\` (licence_id, revision, kind, changed_by, changed_at, terms)
      SELECT id, revision, IF(revision = 1, 'created', 'edited'), created_by, updated_at,
        JSON_OBJECT('courseIds', JSON_EXTRACT(course_ids, '$'), 'languages', JSON_EXTRACT(languages, '$'),
          'validFrom', DATE_FORMAT(valid_from, '%Y-%m-%d'), 'validUntil', DATE_FORMAT(valid_until, '%Y-%m-%d'),
          'seatCap', seat_cap,
          'translationAllowed', JSON_EXTRACT(IF(translation_allowed = 1, 'true', 'false'), '$'))
      FROM \`licences\``);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `licence_changes`');
    await queryRunner.query('ALTER TABLE `licences` DROP COLUMN `updated_by`');
  }
}
