import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a course's text in a language was translated from: the source language and the SHA-256 of
 * the source texts it was made from (XLIFF import). The text is stale once the source's differs.
 */
export class Translations1764260000000 implements MigrationInterface {
  name = 'Translations1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `course_translations` ADD `source_language` enum ('en', 'fr', 'es') NULL, ADD `source_hash` char(64) NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `course_translations` DROP COLUMN `source_hash`, DROP COLUMN `source_language`',
    );
  }
}
