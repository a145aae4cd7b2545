import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const CREATED = '`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)';
const UPDATED = '`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)';

/** Shared training curricula with their files, and the directory of national contact points. */
export class Curricula1764230000000 implements MigrationInterface {
  name = 'Curricula1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`curricula\` (
      \`id\` char(36) NOT NULL, \`title\` varchar(300) NOT NULL, \`country\` char(2) NOT NULL,
      \`rtc\` varchar(200) NOT NULL, \`languages\` json NOT NULL, \`topics\` json NOT NULL, \`summary\` text NOT NULL,
      \`owner_id\` char(36) NOT NULL, ${CREATED}, ${UPDATED},
      INDEX \`IDX_curricula_country\` (\`country\`, \`updated_at\`),
      FULLTEXT INDEX \`FT_curricula_text\` (\`title\`, \`summary\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`curriculum_files\` (
      \`id\` char(36) NOT NULL, \`curriculum_id\` char(36) NOT NULL, \`name\` varchar(255) NOT NULL,
      \`blob_key\` varchar(200) NOT NULL, \`size_bytes\` bigint UNSIGNED NOT NULL, \`content_type\` varchar(100) NOT NULL,
      \`sha256\` char(64) NOT NULL, \`uploaded_by\` char(36) NOT NULL, ${CREATED},
      INDEX \`IDX_curriculum_files_curriculum\` (\`curriculum_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`contact_points\` (
      \`id\` char(36) NOT NULL, \`country\` char(2) NOT NULL, \`name\` varchar(200) NOT NULL,
      \`role_title\` varchar(200) NOT NULL DEFAULT '', \`organisation\` varchar(200) NOT NULL DEFAULT '',
      \`email\` varchar(254) NOT NULL, \`phone\` varchar(50) NOT NULL DEFAULT '', \`updated_by\` char(36) NOT NULL,
      ${CREATED}, ${UPDATED},
      INDEX \`IDX_contact_points_country\` (\`country\`, \`name\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['contact_points', 'curriculum_files', 'curricula']) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}
