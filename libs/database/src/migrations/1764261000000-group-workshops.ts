import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Workshops of a group (time in UTC with its IANA zone, meeting link) and the material linked to them. */
export class GroupWorkshops1764261000000 implements MigrationInterface {
  name = 'GroupWorkshops1764261000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`group_workshops\` (
      \`id\` char(36) NOT NULL, \`group_id\` char(36) NOT NULL, \`title\` varchar(200) NOT NULL,
      \`description\` text NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL,
      \`time_zone\` varchar(64) NOT NULL, \`meeting_url\` varchar(2000) NOT NULL DEFAULT '',
      \`created_by\` char(36) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      INDEX \`IDX_group_workshops_group\` (\`group_id\`, \`starts_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_workshop_materials\` (
      \`workshop_id\` char(36) NOT NULL, \`file_id\` char(36) NOT NULL,
      \`phase\` enum ('before', 'after') NOT NULL,
      PRIMARY KEY (\`workshop_id\`, \`file_id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `group_workshop_materials`');
    await queryRunner.query('DROP TABLE `group_workshops`');
  }
}
