import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const CREATED = '`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)';
const UPDATED = '`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)';

/** RTCs as records, their staff appointments, and curricula naming their RTC (docs/people.md). */
export class Rtcs1764490000000 implements MigrationInterface {
  name = 'Rtcs1764490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`rtcs\` (
      \`id\` char(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`country\` char(2) NOT NULL,
      \`wco_region\` enum('ESA','WCA','MENA','AP','AC','EUR') NULL, \`contact\` varchar(300) NOT NULL DEFAULT '',
      ${CREATED}, ${UPDATED},
      UNIQUE INDEX \`UQ_rtcs_name\` (\`name\`), INDEX \`IDX_rtcs_country\` (\`country\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`rtc_staff_appointments\` (
      \`id\` char(36) NOT NULL, \`rtc_id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL,
      \`appointed_by\` char(36) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NULL,
      \`ended_by\` char(36) NULL,
      INDEX \`IDX_rtc_staff_appointments_user\` (\`user_id\`, \`ends_at\`),
      INDEX \`IDX_rtc_staff_appointments_rtc\` (\`rtc_id\`, \`ends_at\`),
      CONSTRAINT \`FK_rtc_staff_appointments_rtc\` FOREIGN KEY (\`rtc_id\`) REFERENCES \`rtcs\` (\`id\`)
        ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT \`FK_rtc_staff_appointments_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\` (\`id\`)
        ON DELETE CASCADE ON UPDATE RESTRICT,
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`ALTER TABLE \`curricula\` ADD \`rtc_id\` char(36) NULL,
      ADD CONSTRAINT \`FK_curricula_rtc\` FOREIGN KEY (\`rtc_id\`) REFERENCES \`rtcs\` (\`id\`)
        ON DELETE RESTRICT ON UPDATE RESTRICT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `curricula` DROP FOREIGN KEY `FK_curricula_rtc`');
    await queryRunner.query('ALTER TABLE `curricula` DROP COLUMN `rtc_id`');
    await queryRunner.query('DROP TABLE `rtc_staff_appointments`');
    await queryRunner.query('DROP TABLE `rtcs`');
  }
}
