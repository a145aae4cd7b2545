import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const CREATED = '`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)';
const UPDATED = '`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)';

/** Closed user groups: memberships, fora (threads, posts, attachments) and the file library with versions. */
export class Groups1764220000000 implements MigrationInterface {
  name = 'Groups1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`community_groups\` (
      \`id\` char(36) NOT NULL, \`name\` varchar(200) NOT NULL,
      \`kind\` enum ('expert_community', 'material_workshop', 'workshop_follow_up') NOT NULL,
      \`description\` text NOT NULL, \`language\` enum ('en', 'fr', 'es') NOT NULL DEFAULT 'en',
      \`open_for_requests\` tinyint NOT NULL DEFAULT 0, \`archived_at\` datetime(3) NULL,
      \`quota_bytes\` bigint UNSIGNED NOT NULL, \`used_bytes\` bigint UNSIGNED NOT NULL DEFAULT '0',
      \`created_by\` char(36) NOT NULL, ${CREATED}, ${UPDATED},
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_memberships\` (
      \`id\` char(36) NOT NULL, \`group_id\` char(36) NOT NULL, \`user_id\` char(36) NULL, \`email\` varchar(254) NULL,
      \`role\` enum ('owner', 'moderator', 'member') NOT NULL DEFAULT 'member',
      \`state\` enum ('invited', 'requested', 'active') NOT NULL, \`invited_by\` char(36) NULL,
      ${CREATED}, ${UPDATED},
      UNIQUE INDEX \`UQ_group_memberships_user\` (\`group_id\`, \`user_id\`),
      UNIQUE INDEX \`UQ_group_memberships_email\` (\`group_id\`, \`email\`),
      INDEX \`IDX_group_memberships_member\` (\`user_id\`, \`state\`),
      INDEX \`IDX_group_memberships_invited_email\` (\`email\`, \`state\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_threads\` (
      \`id\` char(36) NOT NULL, \`group_id\` char(36) NOT NULL, \`title\` varchar(200) NOT NULL,
      \`author_id\` char(36) NOT NULL, \`pinned\` tinyint NOT NULL DEFAULT 0,
      \`post_count\` int UNSIGNED NOT NULL DEFAULT '0', \`last_post_at\` datetime(3) NOT NULL,
      ${CREATED}, ${UPDATED},
      INDEX \`IDX_group_threads_group\` (\`group_id\`, \`pinned\`, \`last_post_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_posts\` (
      \`id\` char(36) NOT NULL, \`thread_id\` char(36) NOT NULL, \`author_id\` char(36) NOT NULL,
      \`body_source\` mediumtext NOT NULL, \`body_html\` mediumtext NOT NULL,
      \`edited_at\` datetime(3) NULL, \`deleted_at\` datetime(3) NULL, ${CREATED}, ${UPDATED},
      INDEX \`IDX_group_posts_thread\` (\`thread_id\`, \`created_at\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_folders\` (
      \`id\` char(36) NOT NULL, \`group_id\` char(36) NOT NULL, \`parent_id\` char(36) NULL,
      \`name\` varchar(200) NOT NULL, \`created_by\` char(36) NOT NULL, ${CREATED},
      INDEX \`IDX_group_folders_parent\` (\`group_id\`, \`parent_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_files\` (
      \`id\` char(36) NOT NULL, \`group_id\` char(36) NOT NULL, \`folder_id\` char(36) NULL,
      \`name\` varchar(255) NOT NULL, \`current_version\` int UNSIGNED NOT NULL,
      \`created_by\` char(36) NOT NULL, ${CREATED}, ${UPDATED},
      INDEX \`IDX_group_files_folder\` (\`group_id\`, \`folder_id\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_file_versions\` (
      \`id\` char(36) NOT NULL, \`file_id\` char(36) NOT NULL, \`version\` int UNSIGNED NOT NULL,
      \`blob_key\` varchar(200) NOT NULL, \`size_bytes\` bigint UNSIGNED NOT NULL,
      \`content_type\` varchar(100) NOT NULL, \`sha256\` char(64) NOT NULL, \`uploaded_by\` char(36) NOT NULL,
      ${CREATED},
      UNIQUE INDEX \`UQ_group_file_versions_file\` (\`file_id\`, \`version\`),
      PRIMARY KEY (\`id\`)) ${TABLE_OPTIONS}`);
    await queryRunner.query(`CREATE TABLE \`group_post_attachments\` (
      \`post_id\` char(36) NOT NULL, \`file_id\` char(36) NOT NULL,
      INDEX \`IDX_group_post_attachments_file\` (\`file_id\`),
      PRIMARY KEY (\`post_id\`, \`file_id\`)) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'group_post_attachments',
      'group_file_versions',
      'group_files',
      'group_folders',
      'group_posts',
      'group_threads',
      'group_memberships',
      'community_groups',
    ]) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}
