import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queued payload of each import job, kept in MySQL beside its state: when Redis loses a job
 * (a restart without persistence, a failover), the worker's sweep queues it again from here.
 */
export class ImportPayloads1764270000000 implements MigrationInterface {
  name = 'ImportPayloads1764270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `import_jobs` ADD `payload` json NULL');
    await queryRunner.query('CREATE INDEX `IDX_import_jobs_state` ON `import_jobs` (`state`, `created_at`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_import_jobs_state` ON `import_jobs`');
    await queryRunner.query('ALTER TABLE `import_jobs` DROP COLUMN `payload`');
  }
}
