import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time measured by the platform (docs/course-results.md): while a SCO reports no session time, its
 * session counts its wall time (`wall_seconds`, idle gaps over 30 minutes left out);
 * `session_reported` says the current session's SCO did report one, `time_measured` that a
 * finished session counted measured time. Sessions in progress that already have a reported time
 * keep it.
 */
export class MeasuredTime1764441000000 implements MigrationInterface {
  name = 'MeasuredTime1764441000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`attempts\`
      ADD \`wall_seconds\` decimal(12,2) NOT NULL DEFAULT '0.00',
      ADD \`session_reported\` tinyint NOT NULL DEFAULT 0,
      ADD \`time_measured\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query('UPDATE `attempts` SET `session_reported` = 1 WHERE `session_seconds` > 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `attempts` DROP COLUMN `time_measured`, DROP COLUMN `session_reported`, DROP COLUMN `wall_seconds`',
    );
  }
}
