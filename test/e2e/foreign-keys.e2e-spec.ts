import { randomUUID } from 'node:crypto';
import { DataSource, Logger } from 'typeorm';
import { buildDataSourceOptions, createDatabaseIfMissing, detectFlavor, dropDatabase } from '@app/database';

/** A row of each kind a group holds, all inserted by hand (no service): the keys alone act. */
async function plantGroup(db: DataSource): Promise<{ groupId: string; userId: string }> {
  const userId = randomUUID();
  const groupId = randomUUID();
  const [threadId, postId, folderId, subfolderId, fileId, workshopId] = [1, 2, 3, 4, 5, 6].map(() => randomUUID());
  const q = (sql: string, ...params: unknown[]) => db.query(sql, params);
  await q(
    "INSERT INTO community_groups (id, name, kind, description, quota_bytes, created_by) VALUES (?, 'G', 'expert_community', '', 1000, ?)",
    groupId,
    userId,
  );
  await q(
    "INSERT INTO group_memberships (id, group_id, user_id, state, role) VALUES (?, ?, ?, 'active', 'owner')",
    randomUUID(),
    groupId,
    userId,
  );
  await q(
    'INSERT INTO group_threads (id, group_id, title, author_id, last_post_at) VALUES (?, ?, ?, ?, NOW(3))',
    threadId,
    groupId,
    'T',
    userId,
  );
  await q(
    "INSERT INTO group_posts (id, thread_id, author_id, body_source, body_html) VALUES (?, ?, ?, 'x', '<p>x</p>')",
    postId,
    threadId,
    userId,
  );
  await q(
    "INSERT INTO group_folders (id, group_id, parent_id, name, created_by) VALUES (?, ?, NULL, 'F', ?)",
    folderId,
    groupId,
    userId,
  );
  await q(
    "INSERT INTO group_folders (id, group_id, parent_id, name, created_by) VALUES (?, ?, ?, 'S', ?)",
    subfolderId,
    groupId,
    folderId,
    userId,
  );
  await q(
    "INSERT INTO group_files (id, group_id, folder_id, name, current_version, created_by) VALUES (?, ?, ?, 'a.pdf', 1, ?)",
    fileId,
    groupId,
    subfolderId,
    userId,
  );
  await q(
    "INSERT INTO group_file_versions (id, file_id, version, blob_key, size_bytes, content_type, sha256, uploaded_by) VALUES (?, ?, 1, 'k', 1, 'application/pdf', REPEAT('0', 64), ?)",
    randomUUID(),
    fileId,
    userId,
  );
  await q('INSERT INTO group_post_attachments (post_id, file_id) VALUES (?, ?)', postId, fileId);
  await q(
    "INSERT INTO group_workshops (id, group_id, title, description, starts_at, ends_at, time_zone, created_by) VALUES (?, ?, 'W', '', NOW(3), NOW(3), 'UTC', ?)",
    workshopId,
    groupId,
    userId,
  );
  await q(
    "INSERT INTO group_workshop_materials (workshop_id, file_id, phase) VALUES (?, ?, 'before')",
    workshopId,
    fileId,
  );
  return { groupId, userId };
}

/** Rows left of a group in every table that holds its content (by the ids planted above). */
async function groupRows(db: DataSource, groupId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = async (name: string, sql: string) => {
    const [{ n }] = await db.query<Array<{ n: string | number }>>(sql, [groupId]);
    counts[name] = Number(n);
  };
  await count('groups', 'SELECT COUNT(*) AS n FROM community_groups WHERE id = ?');
  await count('memberships', 'SELECT COUNT(*) AS n FROM group_memberships WHERE group_id = ?');
  await count('threads', 'SELECT COUNT(*) AS n FROM group_threads WHERE group_id = ?');
  await count('folders', 'SELECT COUNT(*) AS n FROM group_folders WHERE group_id = ?');
  await count('files', 'SELECT COUNT(*) AS n FROM group_files WHERE group_id = ?');
  await count('workshops', 'SELECT COUNT(*) AS n FROM group_workshops WHERE group_id = ?');
  // Rows that name the group only through a parent: by what is left anywhere of those parents.
  await count(
    'posts',
    'SELECT COUNT(*) AS n FROM group_posts p LEFT JOIN group_threads t ON t.id = p.thread_id WHERE t.id IS NULL AND ? IS NOT NULL',
  );
  await count(
    'versions',
    'SELECT COUNT(*) AS n FROM group_file_versions v LEFT JOIN group_files f ON f.id = v.file_id WHERE f.id IS NULL AND ? IS NOT NULL',
  );
  await count(
    'attachments',
    'SELECT COUNT(*) AS n FROM group_post_attachments a LEFT JOIN group_posts p ON p.id = a.post_id WHERE p.id IS NULL AND ? IS NOT NULL',
  );
  await count(
    'materials',
    'SELECT COUNT(*) AS n FROM group_workshop_materials m LEFT JOIN group_workshops w ON w.id = m.workshop_id WHERE w.id IS NULL AND ? IS NOT NULL',
  );
  return counts;
}

describe('foreign keys (integrity kept by the database itself)', () => {
  let db: DataSource;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL!;
    db = new DataSource({ ...buildDataSourceOptions(url, await detectFlavor(url)), logging: false });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('deleting a group removes its memberships, threads, posts, folders, files, versions, attachments and workshops', async () => {
    const { groupId } = await plantGroup(db);
    const before = await groupRows(db, groupId);
    expect(before).toMatchObject({ groups: 1, memberships: 1, threads: 1, folders: 2, files: 1, workshops: 1 });
    const [{ n: versions }] = await db.query<Array<{ n: string }>>(
      'SELECT COUNT(*) AS n FROM group_file_versions v JOIN group_files f ON f.id = v.file_id WHERE f.group_id = ?',
      [groupId],
    );
    expect(Number(versions)).toBe(1);

    await db.query('DELETE FROM community_groups WHERE id = ?', [groupId]);

    expect(await groupRows(db, groupId)).toEqual({
      groups: 0,
      memberships: 0,
      threads: 0,
      folders: 0,
      files: 0,
      workshops: 0,
      posts: 0,
      versions: 0,
      attachments: 0,
      materials: 0,
    });
  });

  it.each([
    [
      'a thread of a missing group',
      'INSERT INTO group_threads (id, group_id, title, author_id, last_post_at) VALUES (UUID(), UUID(), "T", UUID(), NOW(3))',
    ],
    [
      'a post of a missing thread',
      "INSERT INTO group_posts (id, thread_id, author_id, body_source, body_html) VALUES (UUID(), UUID(), UUID(), '', '')",
    ],
    [
      'a version of a missing file',
      "INSERT INTO group_file_versions (id, file_id, version, blob_key, size_bytes, content_type, sha256, uploaded_by) VALUES (UUID(), UUID(), 1, 'k', 1, 'x', REPEAT('0', 64), UUID())",
    ],
    [
      'a file of a missing curriculum',
      "INSERT INTO curriculum_files (id, curriculum_id, name, blob_key, size_bytes, content_type, sha256, uploaded_by) VALUES (UUID(), UUID(), 'a', 'k', 1, 'x', REPEAT('0', 64), UUID())",
    ],
    [
      'a text of a missing course',
      "INSERT INTO course_translations (course_id, language, title, description) VALUES (UUID(), 'en', 'T', '')",
    ],
    [
      'a refresh token of a missing session',
      "INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at) VALUES (UUID(), UUID(), REPEAT('1', 64), NOW(3), NOW(3))",
    ],
    [
      'an attempt without its enrolment',
      "INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type) VALUES (UUID(), UUID(), UUID(), UUID(), 'i', 1, 'scorm12', 'sco')",
    ],
    [
      'a change of a missing licence',
      "INSERT INTO licence_changes (licence_id, revision, kind, changed_by, terms) VALUES (UUID(), 1, 'created', UUID(), '{}')",
    ],
  ])('refuses %s', async (_what, sql) => {
    await expect(db.query(sql)).rejects.toMatchObject({ code: 'ER_NO_REFERENCED_ROW_2' });
  });

  it('keeps a course while it has package versions (RESTRICT)', async () => {
    const courseId = randomUUID();
    await db.query("INSERT INTO courses (id, status) VALUES (?, 'draft')", [courseId]);
    await db.query(
      `INSERT INTO course_packages (id, course_id, language, version, standard, edition, title, manifest, launchables,
         sco_count, size_bytes, sha256, storage_key) VALUES (UUID(), ?, 'en', 1, 'scorm12', NULL, 'P', '{}', '[]', 1, 0, REPEAT('0', 64), 'k')`,
      [courseId],
    );
    await expect(db.query('DELETE FROM courses WHERE id = ?', [courseId])).rejects.toMatchObject({
      code: 'ER_ROW_IS_REFERENCED_2',
    });
  });
});

describe('the foreign keys migration on existing data', () => {
  const url = (() => {
    const scratch = new URL(process.env.DATABASE_URL!);
    scratch.pathname = `${scratch.pathname.slice(0, 40)}_fk_${randomUUID().slice(0, 8)}`;
    return scratch.toString();
  })();
  const messages: string[] = [];
  const logger: Logger = {
    logQuery: () => undefined,
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    log: () => undefined,
    logMigration: (message: string) => void messages.push(message),
  };

  afterAll(async () => {
    await dropDatabase(url);
  });

  it('reports orphans with their counts and handles them as the domain says, keeping the rest', async () => {
    await createDatabaseIfMissing(url);
    // The schema as it was just before the foreign keys: every migration up to theirs, then theirs undone.
    const options = buildDataSourceOptions(url, await detectFlavor(url));
    const all = options.migrations as Array<new () => { name?: string }>;
    const upToForeignKeys = all.slice(
      0,
      all.findIndex((migration) => migration.name === 'ForeignKeys1764400000000') + 1,
    );
    const db = new DataSource({ ...options, migrations: upToForeignKeys, logger });
    await db.initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      await db.undoLastMigration({ transaction: 'each' });
      const { groupId, userId } = await plantGroup(db);
      const orphanThread = randomUUID();
      const courseId = randomUUID();
      const licenceId = randomUUID();
      // Orphans of every kind the migration meets: rows of a missing group, a file in a missing
      // folder, an attempt without its enrolment, a licence listing its courses as JSON.
      await db.query(
        'INSERT INTO group_threads (id, group_id, title, author_id, last_post_at) VALUES (?, UUID(), "O", ?, NOW(3))',
        [orphanThread, userId],
      );
      await db.query(
        "INSERT INTO group_posts (id, thread_id, author_id, body_source, body_html) VALUES (UUID(), ?, ?, '', '')",
        [orphanThread, userId],
      );
      const movedFile = randomUUID();
      await db.query(
        "INSERT INTO group_files (id, group_id, folder_id, name, current_version, created_by) VALUES (?, ?, UUID(), 'lost.pdf', 1, ?)",
        [movedFile, groupId, userId],
      );
      await db.query("INSERT INTO courses (id, status) VALUES (?, 'published')", [courseId]);
      await db.query(
        "INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type, launched_at) VALUES (UUID(), ?, ?, UUID(), 'i', 1, 'scorm12', 'sco', '2026-01-02 03:04:05.000')",
        [userId, courseId],
      );
      await db.query(
        `INSERT INTO licences (id, revision, licensee_country, licensee_administration, course_ids, languages, valid_from,
           valid_until, seat_cap, translation_allowed, created_by) VALUES (?, 1, 'KE', 'KRA', JSON_ARRAY(?, ?), JSON_ARRAY('en'),
           '2026-01-01', '2027-01-01', NULL, 0, ?)`,
        [licenceId, courseId, 'c0000000-0000-4000-8000-000000000000', userId],
      );

      await db.runMigrations({ transaction: 'each' });

      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Orphans: 1 row\(s\) of group_threads: threads of a missing group; removed/),
          expect.stringMatching(/^Orphans: 1 row\(s\) of group_posts: posts of a missing thread; removed/),
          expect.stringMatching(
            /^Orphans: 1 row\(s\) of group_files: files in a missing folder \(moved to the top\); kept/,
          ),
          expect.stringMatching(/^Orphans: 1 enrolment\(s\) missing under attempts/),
        ]),
      );
      const [thread] = await db.query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM group_threads WHERE id = ?', [
        orphanThread,
      ]);
      expect(Number(thread.n)).toBe(0);
      const [file] = await db.query<Array<{ folder_id: string | null }>>(
        'SELECT folder_id FROM group_files WHERE id = ?',
        [movedFile],
      );
      expect(file.folder_id).toBeNull();
      const [enrolment] = await db.query<Array<{ created_at: Date }>>(
        'SELECT created_at FROM enrolments WHERE user_id = ? AND course_id = ?',
        [userId, courseId],
      );
      expect(enrolment.created_at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
      const courses = await db.query<Array<{ course_id: string }>>(
        'SELECT course_id FROM licence_courses WHERE licence_id = ? ORDER BY position',
        [licenceId],
      );
      expect(courses.map((row) => row.course_id)).toEqual([courseId, 'c0000000-0000-4000-8000-000000000000']);
      // The group planted whole is kept whole.
      expect(await groupRows(db, groupId)).toMatchObject({
        groups: 1,
        memberships: 1,
        threads: 1,
        folders: 2,
        files: 2,
        workshops: 1,
      });
    } finally {
      await db.destroy();
    }
  });
});
