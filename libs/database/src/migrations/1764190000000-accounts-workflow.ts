import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Registration review, coordinator appointments, sessions with rotating refresh tokens, mailed tokens. */
export class AccountsWorkflow1764190000000 implements MigrationInterface {
  name = 'AccountsWorkflow1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `pending_since` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `users` ADD `reminded_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `users` ADD `escalated_at` datetime(3) NULL');
    await queryRunner.query('DROP INDEX `IDX_users_country` ON `users`');
    await queryRunner.query(
      'CREATE INDEX `IDX_users_country_status` ON `users` (`country`, `status`, `pending_since`)',
    );
    await queryRunner.query(`CREATE TABLE \`coordinator_appointments\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`country\` char(2) NOT NULL,
      \`appointed_by\` char(36) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NULL,
      \`ended_by\` char(36) NULL,
      INDEX \`IDX_coordinator_appointments_country\` (\`country\`, \`ends_at\`),
      INDEX \`IDX_coordinator_appointments_user\` (\`user_id\`, \`ends_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`registration_decisions\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`country\` char(2) NOT NULL,
      \`outcome\` enum ('approved', 'rejected') NOT NULL, \`reason\` varchar(1000) NULL,
      \`decided_by\` char(36) NULL, \`decided_at\` datetime(3) NOT NULL,
      INDEX \`IDX_registration_decisions_user\` (\`user_id\`),
      INDEX \`IDX_registration_decisions_country\` (\`country\`, \`decided_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`auth_sessions\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`created_at\` datetime(3) NOT NULL,
      \`expires_at\` datetime(3) NOT NULL, \`revoked_at\` datetime(3) NULL, \`revoked_reason\` varchar(40) NULL,
      INDEX \`IDX_auth_sessions_user\` (\`user_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`refresh_tokens\` (
      \`id\` char(36) NOT NULL, \`session_id\` char(36) NOT NULL, \`token_hash\` char(64) NOT NULL,
      \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL,
      UNIQUE INDEX \`UQ_refresh_tokens_hash\` (\`token_hash\`),
      INDEX \`IDX_refresh_tokens_session\` (\`session_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`one_time_tokens\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL,
      \`purpose\` enum ('verify_email', 'reset_password') NOT NULL, \`token_hash\` char(64) NOT NULL,
      \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL,
      UNIQUE INDEX \`UQ_one_time_tokens_hash\` (\`token_hash\`),
      INDEX \`IDX_one_time_tokens_user\` (\`user_id\`, \`purpose\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`auto_approve_domains\` (
      \`country\` char(2) NOT NULL, \`domain\` varchar(253) NOT NULL, \`added_by\` char(36) NOT NULL,
      \`added_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`country\`, \`domain\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'auto_approve_domains',
      'one_time_tokens',
      'refresh_tokens',
      'auth_sessions',
      'registration_decisions',
      'coordinator_appointments',
    ]) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
    await queryRunner.query('DROP INDEX `IDX_users_country_status` ON `users`');
    await queryRunner.query('CREATE INDEX `IDX_users_country` ON `users` (`country`)');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `escalated_at`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `reminded_at`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `pending_since`');
  }
}
