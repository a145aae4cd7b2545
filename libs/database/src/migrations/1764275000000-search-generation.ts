import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue search ranks in the api's memory (CourseSearchIndex) instead of InnoDB full-text:
 * `catalogue_generation` is one counter that every change to `course_search` increases in its own
 * transaction (its row lock puts those transactions in order), and each `course_search` row carries
 * the generation that wrote it, so an api process catches up by reading the rows newer than the
 * last generation it has seen. The FULLTEXT index and the per-status sort, newest and topic
 * indexes have no reader left; the one query that still orders in MariaDB reads every course in a
 * display language's title order (CourseSearchIndex.titleOrder), so each title index is that order.
 */
export class SearchGeneration1764275000000 implements MigrationInterface {
  name = 'SearchGeneration1764275000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `catalogue_generation` (`id` tinyint unsigned NOT NULL, `generation` bigint unsigned NOT NULL, ' +
        'PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query('INSERT INTO `catalogue_generation` (`id`, `generation`) VALUES (1, 0)');
    await queryRunner.query('ALTER TABLE `course_search` ADD `generation` bigint unsigned NOT NULL DEFAULT 0');
    await queryRunner.query('CREATE INDEX `IDX_course_search_generation` ON `course_search` (`generation`)');
    await queryRunner.query('DROP INDEX `FT_course_search_document` ON `course_search`');
    await queryRunner.query('DROP INDEX `IDX_course_search_newest` ON `course_search`');
    await queryRunner.query('DROP INDEX `IDX_course_search_topic` ON `course_search`');
    for (const language of ['en', 'fr', 'es']) {
      await queryRunner.query(`DROP INDEX \`IDX_course_search_title_${language}\` ON \`course_search\``);
      await queryRunner.query(
        `CREATE INDEX \`IDX_course_search_title_${language}\` ON \`course_search\` (\`sort_${language}\`, \`course_id\`)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const language of ['en', 'fr', 'es']) {
      await queryRunner.query(`DROP INDEX \`IDX_course_search_title_${language}\` ON \`course_search\``);
      await queryRunner.query(
        `CREATE INDEX \`IDX_course_search_title_${language}\` ON \`course_search\` (\`status\`, \`sort_${language}\`, \`course_id\`)`,
      );
    }
    await queryRunner.query('CREATE INDEX `IDX_course_search_topic` ON `course_search` (`topic_code`, `status`)');
    await queryRunner.query(
      'CREATE INDEX `IDX_course_search_newest` ON `course_search` (`status`, `created_at`, `course_id`)',
    );
    await queryRunner.query('CREATE FULLTEXT INDEX `FT_course_search_document` ON `course_search` (`document`)');
    await queryRunner.query('DROP INDEX `IDX_course_search_generation` ON `course_search`');
    await queryRunner.query('ALTER TABLE `course_search` DROP COLUMN `generation`');
    await queryRunner.query('DROP TABLE `catalogue_generation`');
  }
}
