import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The audit trail: one hash-chained row per privileged action, and the chain's head (docs/audit.md). */
export class AuditTrail1764530000000 implements MigrationInterface {
  name = 'AuditTrail1764530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`audit_log\` (
      \`seq\` bigint unsigned NOT NULL, \`occurred_at\` datetime(3) NOT NULL,
      \`actor_id\` char(36) NULL, \`actor_country\` char(2) NULL, \`action\` varchar(64) NOT NULL,
      \`target_type\` varchar(32) NOT NULL, \`target_id\` varchar(64) NOT NULL, \`target_country\` char(2) NULL,
      \`ip\` varchar(45) NULL, \`details\` text NULL, \`prev_hash\` char(64) NOT NULL, \`hash\` char(64) NOT NULL,
      INDEX \`IDX_audit_log_occurred\` (\`occurred_at\`),
      INDEX \`IDX_audit_log_actor\` (\`actor_id\`, \`occurred_at\`),
      INDEX \`IDX_audit_log_target\` (\`target_id\`, \`occurred_at\`),
      INDEX \`IDX_audit_log_action\` (\`action\`, \`occurred_at\`),
      INDEX \`IDX_audit_log_actor_country\` (\`actor_country\`, \`occurred_at\`),
      INDEX \`IDX_audit_log_target_country\` (\`target_country\`, \`occurred_at\`),
      PRIMARY KEY (\`seq\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`audit_chain_head\` (
      \`id\` tinyint unsigned NOT NULL, \`seq\` bigint unsigned NOT NULL, \`hash\` char(64) NOT NULL,
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(
      "INSERT INTO `audit_chain_head` (`id`, `seq`, `hash`) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `audit_chain_head`');
    await queryRunner.query('DROP TABLE `audit_log`');
  }
}
