import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** SCORM 2004 4th edition shared data (`adl.data`), per learner and scope (docs/course-results.md). */
export class SharedDataStores1764442000000 implements MigrationInterface {
  name = 'SharedDataStores1764442000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`shared_data_stores\` (
      \`user_id\` char(36) NOT NULL, \`scope\` varchar(36) NOT NULL, \`target_hash\` char(64) NOT NULL,
      \`target_id\` text NOT NULL, \`store\` mediumtext NOT NULL,
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`user_id\`, \`scope\`, \`target_hash\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `shared_data_stores`');
  }
}
