import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Recorded sign-ins for the usage figures (docs/reports.md). */
export class SignIns1764480000000 implements MigrationInterface {
  name = 'SignIns1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`sign_ins\` (
      \`id\` bigint unsigned NOT NULL AUTO_INCREMENT, \`user_id\` char(36) NOT NULL, \`country\` char(2) NULL,
      \`signed_in_at\` datetime(3) NOT NULL,
      INDEX \`IDX_sign_ins_at\` (\`signed_in_at\`),
      INDEX \`IDX_sign_ins_country_at\` (\`country\`, \`signed_in_at\`),
      INDEX \`IDX_sign_ins_user\` (\`user_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `sign_ins`');
  }
}
