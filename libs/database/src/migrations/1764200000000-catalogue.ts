import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The WCO topic areas, as reference data the catalogue needs from its first run. */
const TOPICS: Array<[string, string, string, string]> = [
  ['harmonized-system', 'Harmonized System', 'Système harmonisé', 'Sistema Armonizado'],
  ['customs-valuation', 'Customs Valuation', 'Évaluation en douane', 'Valoración en aduana'],
  ['rules-of-origin', 'Rules of Origin', "Règles d'origine", 'Normas de origen'],
  ['safe-framework', 'SAFE Framework', 'Cadre SAFE', 'Marco SAFE'],
  ['integrity', 'Integrity', 'Éthique', 'Integridad'],
  ['cites', 'CITES', 'CITES', 'CITES'],
  ['tir', 'TIR', 'TIR', 'TIR'],
  ['ipr', 'Intellectual Property Rights', 'Droits de propriété intellectuelle', 'Derechos de propiedad intelectual'],
  ['transfer-pricing', 'Transfer Pricing', 'Prix de transfert', 'Precios de transferencia'],
  ['data-model', 'Data Model', 'Modèle de données', 'Modelo de datos'],
  ['customs-controls', 'Customs Controls', 'Contrôles douaniers', 'Controles aduaneros'],
  ['montreal-protocol', 'Montreal Protocol', 'Protocole de Montréal', 'Protocolo de Montreal'],
  ['istanbul-convention', 'Istanbul Convention', "Convention d'Istanbul", 'Convenio de Estambul'],
  ['data-harmonization', 'Data Harmonization', 'Harmonisation des données', 'Armonización de datos'],
];

/** Courses, their texts per language (full-text indexed), SCORM package versions, and the import job mirror. */
export class Catalogue1764200000000 implements MigrationInterface {
  name = 'Catalogue1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`topics\` (
      \`code\` varchar(40) NOT NULL, \`name_en\` varchar(120) NOT NULL, \`name_fr\` varchar(120) NOT NULL,
      \`name_es\` varchar(120) NOT NULL, \`sort_order\` smallint UNSIGNED NOT NULL DEFAULT '0',
      PRIMARY KEY (\`code\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`courses\` (
      \`id\` char(36) NOT NULL, \`topic_code\` varchar(40) NULL, \`estimated_hours\` decimal(5,1) NULL,
      \`status\` enum ('draft', 'published', 'archived') NOT NULL DEFAULT 'draft',
      \`origin\` enum ('local', 'licensed') NOT NULL DEFAULT 'local', \`created_by\` char(36) NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      INDEX \`IDX_courses_status_topic\` (\`status\`, \`topic_code\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`course_translations\` (
      \`course_id\` char(36) NOT NULL, \`language\` enum ('en', 'fr', 'es') NOT NULL,
      \`title\` varchar(300) NOT NULL, \`description\` text NOT NULL,
      FULLTEXT INDEX \`FT_course_translations_text\` (\`title\`, \`description\`),
      PRIMARY KEY (\`course_id\`, \`language\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`course_packages\` (
      \`id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL, \`language\` enum ('en', 'fr', 'es') NOT NULL,
      \`version\` int UNSIGNED NOT NULL, \`standard\` enum ('scorm12', 'scorm2004') NOT NULL,
      \`edition\` varchar(8) NULL, \`title\` varchar(300) NOT NULL, \`manifest\` json NOT NULL,
      \`launchables\` json NOT NULL, \`sco_count\` int UNSIGNED NOT NULL, \`size_bytes\` bigint UNSIGNED NOT NULL,
      \`sha256\` char(64) NOT NULL, \`storage_key\` varchar(200) NOT NULL, \`source_package_id\` char(36) NULL,
      \`import_job_id\` char(36) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      INDEX \`IDX_course_packages_course\` (\`course_id\`, \`language\`, \`version\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`import_jobs\` (
      \`id\` char(36) NOT NULL, \`kind\` enum ('scorm_package', 'licence_bundle', 'translation') NOT NULL,
      \`state\` enum ('waiting', 'active', 'completed', 'failed') NOT NULL DEFAULT 'waiting',
      \`progress\` tinyint UNSIGNED NOT NULL DEFAULT '0', \`result\` json NULL, \`error\` varchar(2000) NULL,
      \`error_code\` varchar(60) NULL, \`file_name\` varchar(255) NOT NULL DEFAULT '', \`requested_by\` char(36) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      \`finished_at\` datetime(3) NULL,
      INDEX \`IDX_import_jobs_requested_by\` (\`requested_by\`, \`created_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    for (const [index, [code, en, fr, es]] of TOPICS.entries()) {
      await queryRunner.query(
        'INSERT INTO `topics` (`code`, `name_en`, `name_fr`, `name_es`, `sort_order`) VALUES (?, ?, ?, ?, ?)',
        [code, en, fr, es, index],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['import_jobs', 'course_packages', 'course_translations', 'courses', 'topics']) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}
