import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** In-app notifications and each person's choice per kind (docs/notifications.md). */
export class Notifications1764521000000 implements MigrationInterface {
  name = 'Notifications1764521000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`notifications\` (
      \`id\` char(36) NOT NULL, \`recipient_id\` char(36) NOT NULL, \`kind\` varchar(40) NOT NULL,
      \`params\` json NOT NULL, \`dedupe_key\` varchar(120) NULL, \`digest_due\` tinyint NOT NULL DEFAULT 0,
      \`created_at\` datetime(3) NOT NULL, \`read_at\` datetime(3) NULL, \`mailed_at\` datetime(3) NULL,
      INDEX \`IDX_notifications_recipient\` (\`recipient_id\`, \`created_at\`),
      INDEX \`IDX_notifications_digest\` (\`digest_due\`, \`recipient_id\`),
      UNIQUE INDEX \`UQ_notifications_dedupe\` (\`recipient_id\`, \`dedupe_key\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`notification_preferences\` (
      \`user_id\` char(36) NOT NULL, \`kind\` varchar(40) NOT NULL,
      \`delivery\` enum('immediate','digest','off') NOT NULL,
      PRIMARY KEY (\`user_id\`, \`kind\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `notification_preferences`');
    await queryRunner.query('DROP TABLE `notifications`');
  }
}
