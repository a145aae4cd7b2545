import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { JobName, QueueName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { startTestWorker, TestWorker } from '../support/test-worker';

const JOBS = 100;

/**
 * Redis restarted without persistence forgets every queued job. MySQL still has them: the worker's
 * sweep queues them again from their rows, and every import of the batch ends completed.
 */
describe('a batch of 100 imports survives Redis losing its jobs', () => {
  let app: TestApp;
  let worker: TestWorker | undefined;
  let restorePrefix: () => void;
  let admin: string;

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('lost-jobs');
    app = await createTestApp();
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    admin = await login(app, a.email, a.password);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('queues lost jobs again from MySQL; all 100 complete', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'clearance-lost-'));
    const server = app.getHttpServer();
    const courseIds: string[] = [];
    for (let n = 0; n < JOBS; n++) {
      const created = await request(server)
        .post('/api/courses')
        .auth(admin, { type: 'bearer' })
        .send({ topic: 'tir', texts: [{ language: 'en', title: `TIR carnets ${n}`, description: '' }] })
        .expect(201);
      courseIds.push((created.body as { id: string }).id);
    }
    const jobIds: string[] = [];
    for (const [n, courseId] of courseIds.entries()) {
      const file = path.join(dir, `${n}.xlf`);
      writeFileSync(
        file,
        `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"><file id="course-${courseId}"><unit id="title"><segment><source>TIR carnets ${n}</source><target>Carnets TIR ${n}</target></segment></unit></file></xliff>`,
      );
      const accepted = await request(server)
        .post('/api/imports/translation')
        .auth(admin, { type: 'bearer' })
        .attach('file', file)
        .expect(202);
      jobIds.push((accepted.body as { jobId: string }).jobId);
    }

    // Redis restarts without persistence: every key of the queues is gone.
    const queues = app.get(QueueService);
    const redis = new Redis(process.env.REDIS_URL!);
    let removed = 0;
    for await (const keys of redis.scanStream({
      match: `${queues.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
      count: 1000,
    })) {
      if ((keys as string[]).length > 0) {
        removed += await redis.del(...(keys as string[]));
      }
    }
    redis.disconnect();
    expect(removed).toBeGreaterThan(0);
    expect(await queues.isKnown(JobName.ImportXliffTranslation, jobIds[0])).toBe(false);

    // A worker comes up; its sweep (asked now rather than in a minute) queues the batch again.
    worker = await startTestWorker({}, [QueueName.Translations, QueueName.Maintenance]);
    await queues.enqueue(JobName.RequeueLostImports, { olderThanSeconds: 0 });

    const db = app.get(DataSource);
    const deadline = Date.now() + 90_000;
    let states: Record<string, number> = {};
    while (Date.now() < deadline) {
      const rows: Array<{ state: string; n: string }> = await db.query(
        'SELECT state, COUNT(*) AS n FROM import_jobs WHERE id IN (?) GROUP BY state',
        [jobIds],
      );
      states = Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
      if ((states.completed ?? 0) + (states.failed ?? 0) === JOBS) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(states).toEqual({ completed: JOBS });
    const titles: Array<{ title: string }> = await db.query(
      "SELECT title FROM course_translations WHERE language = 'fr' AND course_id IN (?) ORDER BY title",
      [courseIds],
    );
    expect(titles).toHaveLength(JOBS);
  }, 180_000);
});
