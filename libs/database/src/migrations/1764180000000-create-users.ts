import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764180000000 implements MigrationInterface {
  name = 'CreateUsers1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`users\` (
        \`id\` char(36) NOT NULL,
        \`email\` varchar(254) NOT NULL,
        \`password_hash\` varchar(255) NOT NULL,
        \`display_name\` varchar(120) NOT NULL,
        \`country\` char(2) NULL,
        \`administration\` varchar(200) NOT NULL DEFAULT '',
        \`job_title\` varchar(200) NOT NULL DEFAULT '',
        \`preferred_language\` enum('en','fr','es') NOT NULL DEFAULT 'en',
        \`status\` enum('unverified','pending','active','rejected','suspended') NOT NULL DEFAULT 'unverified',
        \`role\` enum('learner','rtc_staff','admin') NOT NULL DEFAULT 'learner',
        \`token_version\` int unsigned NOT NULL DEFAULT 0,
        \`email_verified_at\` datetime(3) NULL,
        \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        UNIQUE INDEX \`UQ_users_email\` (\`email\`),
        INDEX \`IDX_users_country\` (\`country\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `users`');
  }
}
