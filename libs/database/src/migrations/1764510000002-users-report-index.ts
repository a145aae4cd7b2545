import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reports' registration figures (by country, date and status) from an index alone (docs/reports.md). */
export class UsersReportIndex1764510000002 implements MigrationInterface {
  name = 'UsersReportIndex1764510000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `IDX_users_country_created_status` ON `users` (`country`, `created_at`, `status`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_users_country_created_status` ON `users`');
  }
}
