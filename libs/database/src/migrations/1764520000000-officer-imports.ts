import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk onboarding (docs/people.md): an import job may be a CSV of officers. */
export class OfficerImports1764520000000 implements MigrationInterface {
  name = 'OfficerImports1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `import_jobs` MODIFY `kind` enum ('scorm_package', 'licence_bundle', 'translation', 'officers') NOT NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM `import_jobs` WHERE `kind` = 'officers'");
    await queryRunner.query(
      "ALTER TABLE `import_jobs` MODIFY `kind` enum ('scorm_package', 'licence_bundle', 'translation') NOT NULL",
    );
  }
}
