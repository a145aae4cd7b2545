import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** A child row whose parent is missing, and what the domain does with it. */
interface OrphanRule {
  /** `child alias c` and its parent as `p`, joined on the key. */
  child: string;
  parent: string;
  on: string;
  /** The child's key columns, all set (a null key has no parent to miss). */
  key: string;
  /** `delete`: the row goes, as the cascade would have taken it; otherwise the SQL SET clause. */
  fix: 'delete' | { set: string };
  what: string;
}

/**
 * Orphans in parent-first order, so that a row removed here takes its own children with it below.
 * Exported for the e2e test that plants orphans and runs this migration again.
 */
export const ORPHAN_RULES: OrphanRule[] = [
  {
    child: 'auth_sessions',
    parent: 'users',
    on: 'p.id = c.user_id',
    key: 'c.user_id',
    fix: 'delete',
    what: 'sessions of a missing user',
  },
  {
    child: 'refresh_tokens',
    parent: 'auth_sessions',
    on: 'p.id = c.session_id',
    key: 'c.session_id',
    fix: 'delete',
    what: 'refresh tokens of a missing session',
  },
  {
    child: 'one_time_tokens',
    parent: 'users',
    on: 'p.id = c.user_id',
    key: 'c.user_id',
    fix: 'delete',
    what: 'one-time tokens of a missing user',
  },
  {
    child: 'course_translations',
    parent: 'courses',
    on: 'p.id = c.course_id',
    key: 'c.course_id',
    fix: 'delete',
    what: 'texts of a missing course',
  },
  {
    child: 'course_packages',
    parent: 'courses',
    on: 'p.id = c.course_id',
    key: 'c.course_id',
    fix: 'delete',
    what: 'package versions of a missing course',
  },
  {
    child: 'course_packages',
    parent: 'course_packages',
    on: 'p.id = c.source_package_id',
    key: 'c.source_package_id',
    fix: { set: 'c.source_package_id = NULL' },
    what: 'translations of a missing source package (now without source)',
  },
  {
    child: 'curriculum_files',
    parent: 'curricula',
    on: 'p.id = c.curriculum_id',
    key: 'c.curriculum_id',
    fix: 'delete',
    what: 'files of a missing curriculum',
  },
  {
    child: 'group_memberships',
    parent: 'community_groups',
    on: 'p.id = c.group_id',
    key: 'c.group_id',
    fix: 'delete',
    what: 'memberships of a missing group',
  },
  {
    child: 'group_threads',
    parent: 'community_groups',
    on: 'p.id = c.group_id',
    key: 'c.group_id',
    fix: 'delete',
    what: 'threads of a missing group',
  },
  {
    child: 'group_posts',
    parent: 'group_threads',
    on: 'p.id = c.thread_id',
    key: 'c.thread_id',
    fix: 'delete',
    what: 'posts of a missing thread',
  },
  {
    child: 'group_folders',
    parent: 'community_groups',
    on: 'p.id = c.group_id',
    key: 'c.group_id',
    fix: 'delete',
    what: 'folders of a missing group',
  },
  {
    child: 'group_folders',
    parent: 'group_folders',
    on: 'p.id = c.parent_id',
    key: 'c.parent_id',
    fix: { set: 'c.parent_id = NULL' },
    what: 'folders in a missing folder (moved to the top)',
  },
  {
    child: 'group_files',
    parent: 'community_groups',
    on: 'p.id = c.group_id',
    key: 'c.group_id',
    fix: 'delete',
    what: 'files of a missing group',
  },
  {
    child: 'group_files',
    parent: 'group_folders',
    on: 'p.id = c.folder_id',
    key: 'c.folder_id',
    fix: { set: 'c.folder_id = NULL' },
    what: 'files in a missing folder (moved to the top)',
  },
  {
    child: 'group_file_versions',
    parent: 'group_files',
    on: 'p.id = c.file_id',
    key: 'c.file_id',
    fix: 'delete',
    what: 'versions of a missing file',
  },
  {
    child: 'group_post_attachments',
    parent: 'group_posts',
    on: 'p.id = c.post_id',
    key: 'c.post_id',
    fix: 'delete',
    what: 'attachments of a missing post',
  },
  {
    child: 'group_post_attachments',
    parent: 'group_files',
    on: 'p.id = c.file_id',
    key: 'c.file_id',
    fix: 'delete',
    what: 'attachments of a missing file',
  },
  {
    child: 'group_workshops',
    parent: 'community_groups',
    on: 'p.id = c.group_id',
    key: 'c.group_id',
    fix: 'delete',
    what: 'workshops of a missing group',
  },
  {
    child: 'group_workshop_materials',
    parent: 'group_workshops',
    on: 'p.id = c.workshop_id',
    key: 'c.workshop_id',
    fix: 'delete',
    what: 'material links of a missing workshop',
  },
  {
    child: 'group_workshop_materials',
    parent: 'group_files',
    on: 'p.id = c.file_id',
    key: 'c.file_id',
    fix: 'delete',
    what: 'material links of a missing file',
  },
  {
    child: 'licence_changes',
    parent: 'licences',
    on: 'p.id = c.licence_id',
    key: 'c.licence_id',
    fix: 'delete',
    what: 'changes of a missing licence',
  },
];

/** Foreign keys within each context (docs/architecture.md, "Integrity"), as the entities declare them. */
const FOREIGN_KEYS: Array<
  [
    table: string,
    constraint: string,
    columns: string,
    parent: string,
    parentColumns: string,
    onDelete: 'CASCADE' | 'RESTRICT',
  ]
> = [
  ['auth_sessions', 'FK_auth_sessions_user', '`user_id`', 'users', '`id`', 'CASCADE'],
  ['refresh_tokens', 'FK_refresh_tokens_session', '`session_id`', 'auth_sessions', '`id`', 'CASCADE'],
  ['one_time_tokens', 'FK_one_time_tokens_user', '`user_id`', 'users', '`id`', 'CASCADE'],
  ['course_packages', 'FK_course_packages_course', '`course_id`', 'courses', '`id`', 'RESTRICT'],
  [
    'course_packages',
    'FK_course_packages_source_package',
    '`source_package_id`',
    'course_packages',
    '`id`',
    'RESTRICT',
  ],
  ['course_translations', 'FK_course_translations_course', '`course_id`', 'courses', '`id`', 'CASCADE'],
  ['curriculum_files', 'FK_curriculum_files_curriculum', '`curriculum_id`', 'curricula', '`id`', 'CASCADE'],
  ['group_folders', 'FK_group_folders_group', '`group_id`', 'community_groups', '`id`', 'CASCADE'],
  ['group_folders', 'FK_group_folders_parent', '`parent_id`', 'group_folders', '`id`', 'CASCADE'],
  ['group_files', 'FK_group_files_group', '`group_id`', 'community_groups', '`id`', 'CASCADE'],
  ['group_files', 'FK_group_files_folder', '`folder_id`', 'group_folders', '`id`', 'CASCADE'],
  ['group_file_versions', 'FK_group_file_versions_file', '`file_id`', 'group_files', '`id`', 'CASCADE'],
  ['group_memberships', 'FK_group_memberships_group', '`group_id`', 'community_groups', '`id`', 'CASCADE'],
  ['group_threads', 'FK_group_threads_group', '`group_id`', 'community_groups', '`id`', 'CASCADE'],
  ['group_posts', 'FK_group_posts_thread', '`thread_id`', 'group_threads', '`id`', 'CASCADE'],
  ['group_post_attachments', 'FK_group_post_attachments_post', '`post_id`', 'group_posts', '`id`', 'CASCADE'],
  ['group_post_attachments', 'FK_group_post_attachments_file', '`file_id`', 'group_files', '`id`', 'CASCADE'],
  ['group_workshops', 'FK_group_workshops_group', '`group_id`', 'community_groups', '`id`', 'CASCADE'],
  [
    'group_workshop_materials',
    'FK_group_workshop_materials_workshop',
    '`workshop_id`',
    'group_workshops',
    '`id`',
    'CASCADE',
  ],
  ['group_workshop_materials', 'FK_group_workshop_materials_file', '`file_id`', 'group_files', '`id`', 'CASCADE'],
  ['licence_changes', 'FK_licence_changes_licence', '`licence_id`', 'licences', '`id`', 'CASCADE'],
  ['licence_courses', 'FK_licence_courses_licence', '`licence_id`', 'licences', '`id`', 'CASCADE'],
  [
    'received_licence_courses',
    'FK_received_licence_courses_licence',
    '`licence_id`',
    'received_licences',
    '`id`',
    'CASCADE',
  ],
  ['attempts', 'FK_attempts_enrolment', '`user_id`, `course_id`', 'enrolments', '`user_id`,`course_id`', 'RESTRICT'],
];

/**
 * Integrity in the database: foreign keys within each context, with ON DELETE CASCADE where a
 * child cannot outlive its parent (posts → threads → groups; versions, attachments and materials →
 * files; curriculum files; texts of a course; sessions and tokens of a user; a licence's changes and
 * courses) and RESTRICT where the domain keeps the parent while it has children (package versions
 * of a course, attempts of an enrolment). Licences list their courses in join tables instead of a
 * JSON array. Existing data is kept: orphans found are logged with their counts and removed (or
 * moved, or given the enrolment they lacked) as the domain says, before the keys are added.
 */
export class ForeignKeys1764400000000 implements MigrationInterface {
  name = 'ForeignKeys1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const log = (message: string): void => {
      queryRunner.connection.logger.logMigration(message, queryRunner);
    };

    for (const [table, parent] of [
      ['licence_courses', 'licences'],
      ['received_licence_courses', 'received_licences'],
    ]) {
      await queryRunner.query(`CREATE TABLE \`${table}\` (
        \`licence_id\` char(36) NOT NULL, \`course_id\` char(36) NOT NULL, \`position\` smallint UNSIGNED NOT NULL,
        INDEX \`IDX_${table}_course\` (\`course_id\`),
        PRIMARY KEY (\`licence_id\`, \`course_id\`)) ${TABLE_OPTIONS}`);
      // A course listed twice keeps its first place.
      await queryRunner.query(`INSERT IGNORE INTO \`${table}\` (licence_id, course_id, position)
        SELECT l.id, j.course_id, j.position FROM \`${parent}\` l,
          JSON_TABLE(l.course_ids, '$[*]' COLUMNS (position FOR ORDINALITY, course_id char(36) PATH '$')) j
        ORDER BY l.id, j.position`);
      await queryRunner.query(`ALTER TABLE \`${parent}\` DROP COLUMN \`course_ids\``);
    }

    for (const rule of ORPHAN_RULES) {
      const from = `\`${rule.child}\` c LEFT JOIN \`${rule.parent}\` p ON ${rule.on}`;
      const where = `${rule.key} IS NOT NULL AND p.id IS NULL`;
      const [{ n }] = (await queryRunner.query(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`)) as Array<{
        n: string | number;
      }>;
      if (Number(n) === 0) {
        continue;
      }
      log(`Orphans: ${Number(n)} row(s) of ${rule.child}: ${rule.what}; ${rule.fix === 'delete' ? 'removed' : 'kept'}`);
      await queryRunner.query(
        rule.fix === 'delete'
          ? `DELETE c FROM ${from} WHERE ${where}`
          : `UPDATE ${from} SET ${rule.fix.set} WHERE ${where}`,
      );
    }
    // An attempt without its enrolment: the learner did enrol (a launch enrols first), so the
    // enrolment comes back, dated from the first launch; the learner's history is kept whole.
    const missing = (await queryRunner.query(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT a.user_id, a.course_id
        FROM attempts a LEFT JOIN enrolments e ON e.user_id = a.user_id AND e.course_id = a.course_id
        WHERE e.user_id IS NULL) m`)) as Array<{ n: string | number }>;
    if (Number(missing[0].n) > 0) {
      log(`Orphans: ${Number(missing[0].n)} enrolment(s) missing under attempts; recreated from the first launch`);
      await queryRunner.query(`INSERT INTO enrolments (user_id, course_id, created_at)
        SELECT a.user_id, a.course_id, MIN(a.launched_at) FROM attempts a
        LEFT JOIN enrolments e ON e.user_id = a.user_id AND e.course_id = a.course_id
        WHERE e.user_id IS NULL GROUP BY a.user_id, a.course_id`);
    }

    // One ALTER per table: each ALTER rebuilds its table, so the keys of a table go in together.
    const byTable = new Map<string, string[]>();
    for (const [table, constraint, columns, parent, parentColumns, onDelete] of FOREIGN_KEYS) {
      byTable.set(table, [
        ...(byTable.get(table) ?? []),
        `ADD CONSTRAINT \`${constraint}\` FOREIGN KEY (${columns}) REFERENCES \`${parent}\`(${parentColumns}) ON DELETE ${onDelete} ON UPDATE RESTRICT`,
      ]);
    }
    for (const [table, clauses] of byTable) {
      await queryRunner.query(`ALTER TABLE \`${table}\` ${clauses.join(', ')}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, constraint] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`${constraint}\``);
    }
    for (const [table, parent] of [
      ['received_licence_courses', 'received_licences'],
      ['licence_courses', 'licences'],
    ]) {
      await queryRunner.query(`ALTER TABLE \`${parent}\` ADD \`course_ids\` json NULL`);
      await queryRunner.query(`UPDATE \`${parent}\` l SET l.course_ids = COALESCE((
        SELECT JSON_ARRAYAGG(x.course_id) FROM (SELECT course_id, licence_id FROM \`${table}\` ORDER BY position) x
        WHERE x.licence_id = l.id), JSON_ARRAY())`);
      await queryRunner.query(`ALTER TABLE \`${parent}\` MODIFY \`course_ids\` json NOT NULL`);
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}
