import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Certificates (docs/certificates.md): one per learner and course completion, verifiable by code. */
export class Certificates1764470000000 implements MigrationInterface {
  name = 'Certificates1764470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`certificates\` (
      \`id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL,
      \`sequence\` int UNSIGNED NOT NULL, \`code\` char(16) NOT NULL,
      \`learner_name\` varchar(120) NOT NULL, \`course_title\` varchar(300) NOT NULL, \`language\` char(2) NOT NULL,
      \`score_scaled\` decimal(6,5) NULL, \`assessed\` tinyint NOT NULL DEFAULT 0,
      \`completed_at\` datetime(3) NOT NULL, \`issued_at\` datetime(3) NOT NULL,
      \`revoked_at\` datetime(3) NULL, \`revoked_reason\` varchar(500) NULL,
      \`replaced_by_id\` char(36) NULL, \`replaced_at\` datetime(3) NULL,
      UNIQUE INDEX \`UQ_certificates_issue\` (\`user_id\`, \`course_id\`, \`sequence\`),
      UNIQUE INDEX \`UQ_certificates_code\` (\`code\`),
      INDEX \`IDX_certificates_course\` (\`course_id\`, \`issued_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `certificates`');
  }
}
