import { copyFile } from 'node:fs/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { ImportsService } from '@app/imports';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix, withEnv } from '../support/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { addLaunchablePackage } from '../support/course-packages';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Summary {
  id: string;
  title: string;
  description: string;
  topic: string | null;
  languages: string[];
  status: string;
}

describe('the public catalogue and publishing', () => {
  let app: TestApp;
  let admin: string;
  let learner: string;
  const ids: Record<'published' | 'draft' | 'archived' | 'empty', string> = {
    published: '',
    draft: '',
    archived: '',
    empty: '',
  };

  const as = (token: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object) =>
      request(app.getHttpServer()).post(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(app.getHttpServer()).patch(path).auth(token, { type: 'bearer' }).send(body),
  });
  const anonymous = (target: TestApp) => ({ get: (path: string) => request(target.getHttpServer()).get(path) });

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app);
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
    for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
      const created = await as(admin)
        .post('/api/courses', {
          topic: 'customs-valuation',
          texts: [
            { language: 'en', title: `Course ${key}`, description: `The ${key} course.` },
            { language: 'fr', title: `Cours ${key}`, description: `Le cours ${key}.` },
          ],
        })
        .expect(201);
      ids[key] = (created.body as { id: string }).id;
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses to publish a course without a launchable package, with a stable code', async () => {
    const refused = await as(admin).patch(`/api/courses/${ids.empty}`, { status: 'published' }).expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'COURSE_NOT_LAUNCHABLE' });
    // A package whose manifest has nothing to launch does not count either.
    await app.get(DataSource).query(
      `INSERT INTO course_packages (id, course_id, language, version, standard, edition, title, manifest, launchables,
           sco_count, size_bytes, sha256, storage_key)
         VALUES (UUID(), ?, 'en', 1, 'scorm12', NULL, 'Empty', '{}', '[]', 0, 0, REPEAT('0', 64), 'empty')`,
      [ids.empty],
    );
    expect((await as(admin).patch(`/api/courses/${ids.empty}`, { status: 'published' }).expect(409)).body.code).toBe(
      'COURSE_NOT_LAUNCHABLE',
    );
    expect((await as(admin).get(`/api/courses/${ids.empty}`).expect(200)).body.status).toBe('draft');

    const db = app.get(DataSource);
    for (const key of ['published', 'archived'] as const) {
      await addLaunchablePackage(db, ids[key], 'en');
      await addLaunchablePackage(db, ids[key], 'fr');
      await as(admin).patch(`/api/courses/${ids[key]}`, { status: 'published' }).expect(200);
    }
    await as(admin).patch(`/api/courses/${ids.archived}`, { status: 'archived' }).expect(200);
    // Archiving or drafting a course is never refused, nor editing the texts of a published one.
    await as(admin).patch(`/api/courses/${ids.archived}`, { status: 'draft' }).expect(200);
    await as(admin).patch(`/api/courses/${ids.archived}`, { status: 'archived' }).expect(200);
    await as(admin).patch(`/api/courses/${ids.published}`, { language: 'en', description: 'Still here.' }).expect(200);
  });

  it('lets anonymous visitors browse what is published, in their language, and nothing else', async () => {
    const visitor = anonymous(app);
    const listed = (await visitor.get('/api/courses?display=fr&pageSize=50').expect(200)).body as {
      items: Summary[];
      total: number;
    };
    expect(listed.total).toBe(1);
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: ids.published,
        title: 'Cours published',
        description: 'Le cours published.',
        topic: 'customs-valuation',
        languages: ['en', 'fr'],
        status: 'published',
      }),
    ]);
    // Asking for other statuses changes nothing for a visitor (only admins filter by status).
    for (const status of ['draft', 'archived']) {
      expect(((await visitor.get(`/api/courses?status=${status}`).expect(200)).body as { total: number }).total).toBe(
        1,
      );
    }
    expect(((await visitor.get('/api/courses?q=archived').expect(200)).body as { total: number }).total).toBe(0);
    expect((await visitor.get(`/api/courses/${ids.published}`).expect(200)).body.id).toBe(ids.published);
    for (const hidden of [ids.draft, ids.archived, ids.empty]) {
      expect((await visitor.get(`/api/courses/${hidden}`).expect(404)).body.code).toBe('COURSE_NOT_FOUND');
    }
    expect(((await visitor.get('/api/topics').expect(200)).body as unknown[]).length).toBeGreaterThan(0);
    await visitor.get('/api/courses/not-a-uuid').expect(400);
    // Starting, and everything about the learner, still needs a sign-in.
    await request(app.getHttpServer()).post(`/api/courses/${ids.published}/launch`).send({}).expect(401);
    await visitor.get('/api/me/learning').expect(401);
    // A token that is presented must be valid: the web app then refreshes instead of seeing less.
    await request(app.getHttpServer()).get('/api/courses').auth('forged', { type: 'bearer' }).expect(401);
    // Signed in, a learner sees the same; an admin sees every status.
    expect(((await as(learner).get('/api/courses').expect(200)).body as { total: number }).total).toBe(1);
    expect(((await as(admin).get('/api/courses').expect(200)).body as { total: number }).total).toBe(4);
  });

  it('lists import jobs in one state (the Secretariat home: imports that failed), each caller only their own', async () => {
    const db = app.get(DataSource);
    const adminId = ((await as(admin).get('/api/me').expect(200)).body as { id: string }).id;
    const learnerId = ((await as(learner).get('/api/me').expect(200)).body as { id: string }).id;
    const insert = (id: string, state: string, by: string) =>
      db.query(
        "INSERT INTO import_jobs (id, kind, state, file_name, requested_by, error) VALUES (?, 'scorm_package', ?, ?, ?, ?)",
        [id, state, `${id}.zip`, by, state === 'failed' ? 'Not a zip file' : null],
      );
    const failed = '11111111-1111-4111-8111-111111111111';
    const done = '22222222-2222-4222-8222-222222222222';
    const others = '33333333-3333-4333-8333-333333333333';
    await insert(failed, 'failed', adminId);
    await insert(done, 'completed', adminId);
    await insert(others, 'failed', learnerId);
    const ids = async (token: string, query: string) =>
      ((await as(token).get(`/api/import-jobs${query}`).expect(200)).body as { items: Array<{ id: string }> }).items
        .map((job) => job.id)
        .sort();
    expect(await ids(admin, '?state=failed')).toEqual([failed, others]);
    expect(await ids(admin, '?state=completed')).toEqual([done]);
    expect(await ids(admin, '')).toEqual([failed, done, others].sort());
    // A learner's filter never reaches another's jobs.
    expect(await ids(learner, '?state=failed')).toEqual([others]);
    expect((await as(admin).get('/api/import-jobs?state=broken').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('gives My learning titles in the interface language when the course has it', async () => {
    await as(learner).post(`/api/courses/${ids.published}/enrolments`, {}).expect(201);
    const titles = async (query: string) =>
      ((await as(learner).get(`/api/me/learning${query}`).expect(200)).body as Array<{ title: string }>).map(
        (course) => course.title,
      );
    expect(await titles('?lang=fr')).toEqual(['Cours published']);
    expect(await titles('?lang=en')).toEqual(['Course published']);
    // Spanish: the course has no Spanish text, so English.
    expect(await titles('?lang=es')).toEqual(['Course published']);
    await as(learner).get('/api/me/learning?lang=de').expect(400);
  });

  it('needs a sign-in for the catalogue when PUBLIC_CATALOGUE is false', async () => {
    const closed = await withEnv({ PUBLIC_CATALOGUE: 'false' }, () => createTestApp());
    try {
      const visitor = anonymous(closed);
      for (const path of ['/api/courses', `/api/courses/${ids.published}`, '/api/topics']) {
        expect((await visitor.get(path).expect(401)).body.code).toBe('UNAUTHORIZED');
      }
      const l = await createUser(closed);
      const token = await login(closed, l.email, l.password);
      const listed = await request(closed.getHttpServer()).get('/api/courses').auth(token, { type: 'bearer' });
      expect(listed.status).toBe(200);
      expect((listed.body as { items: Summary[] }).items.map((c) => c.id)).toEqual([ids.published]);
    } finally {
      await closed.close();
    }
  });
});

describe('a package import that publishes its course (the demo seed)', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp;
  let worker: TestWorker | undefined;

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('publish-on-import');
    app = await createTestApp();
    worker = await startTestWorker({}, [QueueName.Imports]);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('publishes the course in the transaction that records its package, and only when asked', async () => {
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await login(app, a.email, a.password);
    const admin = { id: a.id, isAdmin: true };
    const imports = app.get(ImportsService);
    const catalogue = app.get(CatalogueService);
    const statusAfterImport = async (publish: boolean) => {
      const course = await catalogue.create(admin, {
        topic: 'tir',
        texts: [{ language: 'en', title: `Seeded ${publish}`, description: '' }],
      });
      const { jobId, uploadPath } = await imports.reserveUpload();
      await copyFile(await writePackage(scorm12Bookmark()), uploadPath);
      await imports.queuePackageImport(admin, {
        jobId,
        uploadPath,
        fileName: 'seed.zip',
        courseId: course.id,
        language: 'en',
        ...(publish ? { publish: true } : {}),
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const job = (
          await request(app.getHttpServer()).get(`/api/import-jobs/${jobId}`).auth(token, { type: 'bearer' })
        ).body as { state: string };
        if (job.state === 'completed') {
          break;
        }
        if (job.state === 'failed' || Date.now() > deadline) {
          throw new Error(`import ${job.state}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return (
        (await request(app.getHttpServer()).get(`/api/courses/${course.id}`).auth(token, { type: 'bearer' })).body as {
          status: string;
        }
      ).status;
    };
    expect(await statusAfterImport(true)).toBe('published');
    expect(await statusAfterImport(false)).toBe('draft');
  }, 120_000);
});
