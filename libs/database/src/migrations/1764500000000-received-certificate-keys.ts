import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Certificate keys carried by a hub's licence bundles, trusted by this national server (docs/licence-bundle.md). */
export class ReceivedCertificateKeys1764500000000 implements MigrationInterface {
  name = 'ReceivedCertificateKeys1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`received_certificate_keys\` (
      \`key_id\` char(16) NOT NULL, \`public_key\` varchar(200) NOT NULL, \`administration\` varchar(200) NULL,
      \`country\` char(2) NULL, \`url\` varchar(300) NULL, \`licence_id\` char(36) NOT NULL,
      \`bundle_key_id\` char(16) NOT NULL, \`received_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`key_id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `received_certificate_keys`');
  }
}
