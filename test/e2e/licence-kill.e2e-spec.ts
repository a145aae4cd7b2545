import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix, withEnv } from '../support/accounts';
import { newKeys, TestKeys, writeBundle } from '../support/licence-bundles';
import {
  buildPackage,
  largeCourse,
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Sequenced,
} from '../support/scorm-packages';
import { WorkerProcess } from '../support/worker-process';

const ROUNDS = 10;

/** Three generated packages of about 350 KB each (pages plus media), so an import takes long enough to be caught. */
function courseZips(): Promise<Buffer[]> {
  const media = largeCourse({ files: 40, bytes: 350 * 1024 }).extraFiles;
  return Promise.all(
    [scorm12Bookmark(), scorm12MultiSco({ scos: 18 }), scorm2004Sequenced()].map((spec) =>
      buildPackage({ ...spec, extraFiles: media }),
    ),
  );
}

/**
 * Two worker processes import licence bundles; in each round the one running the import is killed
 * with SIGKILL in the middle of it. The other takes the job over once its lock lapses
 * (JOB_LOCK_SECONDS=1 here), and the import ends completed exactly once, never half-visible.
 */
describe('a worker killed in the middle of a licence import, ten times', () => {
  let app: TestApp;
  let restorePrefix: () => void;
  let admin: string;
  let keys: TestKeys;
  let dir: string;
  let zips: Buffer[];
  const workers = new Set<WorkerProcess>();
  let workerEnv: Record<string, string>;

  async function startWorker(): Promise<WorkerProcess> {
    const worker = new WorkerProcess();
    workers.add(worker);
    await worker.start(workerEnv);
    return worker;
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('licence-kill');
    keys = newKeys();
    const env = {
      LICENCE_TRUSTED_KEYS: keys.publicText,
      SERVER_COUNTRY: 'KE',
      SERVER_ADMINISTRATION: 'Kenya Revenue Authority',
    };
    workerEnv = { ...env, JOB_LOCK_SECONDS: '1', REDIS_PREFIX: process.env.REDIS_PREFIX! };
    app = await withEnv(env, () => createTestApp());
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    admin = await login(app, a.email, a.password);
    dir = await mkdtemp(path.join(tmpdir(), 'clearance-kill-'));
    zips = await courseZips();
    await Promise.all([startWorker(), startWorker()]);
    // Two worker processes starting: slow on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...workers].map((worker) => worker.stop()));
    await app?.close();
    restorePrefix?.();
  });

  it(`ends every import completed exactly once, ${ROUNDS} kills in a row`, async () => {
    const db = app.get(DataSource);
    const queue = app.get(QueueService).queue(QueueName.Imports);
    const visible = async (licenceId: string) => {
      const [row] = await db.query(
        `SELECT (SELECT COUNT(*) FROM courses WHERE licence_id = ?) AS courses,
                (SELECT COUNT(*) FROM course_packages p JOIN courses c ON c.id = p.course_id WHERE c.licence_id = ?) AS packages,
                (SELECT COUNT(*) FROM received_licences WHERE id = ?) AS licences`,
        [licenceId, licenceId, licenceId],
      );
      return { courses: Number(row.courses), packages: Number(row.packages), licences: Number(row.licences) };
    };
    const whole = { courses: zips.length, packages: zips.length, licences: 1 };
    const nothing = { courses: 0, packages: 0, licences: 0 };

    let kills = 0;
    for (let round = 0; kills < ROUNDS && round < ROUNDS * 2; round++) {
      const licenceId = randomUUID();
      const courses = zips.map((zip, index) => ({
        id: randomUUID(),
        title: `Round ${round} course ${index}`,
        packages: [{ id: randomUUID(), language: 'en' as const, zip }],
      }));
      const file = path.join(dir, `round-${round}.zip`);
      await writeBundle(file, keys, { id: licenceId, courseIds: courses.map((c) => c.id) }, courses);
      const accepted = await request(app.getHttpServer())
        .post('/api/imports/licence')
        .auth(admin, { type: 'bearer' })
        .attach('file', file)
        .expect(202);
      const jobId = (accepted.body as { jobId: string }).jobId;

      // Wait until the bundle has been read and packages are being imported, then kill that worker.
      let killed = false;
      const deadline = Date.now() + 30_000;
      while (!killed && Date.now() < deadline) {
        const [row] = await db.query('SELECT state, progress FROM import_jobs WHERE id = ?', [jobId]);
        if (row.state === 'completed' || row.state === 'failed') {
          break; // too quick to catch: this round does not count
        }
        if (row.state === 'active' && Number(row.progress) >= 25) {
          const job = await queue.getJob(jobId);
          const pid = Number(job?.processedBy?.split(':').at(-1));
          const victim = [...workers].find((worker) => worker.pid === pid);
          if (victim) {
            victim.signal('SIGKILL');
            await victim.exit;
            workers.delete(victim);
            killed = true;
            kills += 1;
            // Whatever the worker got to, nothing of the bundle is half there.
            expect([nothing, whole]).toContainEqual(await visible(licenceId));
            // The next round's second worker. One killed before it said it was up rejects here;
            // the round's own checks notice if too few workers are left to finish the job.
            startWorker().catch(() => undefined);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      // Another worker takes the job over and finishes it.
      let finalState = '';
      const finishBy = Date.now() + 60_000;
      while (Date.now() < finishBy) {
        const [row] = await db.query('SELECT state, error FROM import_jobs WHERE id = ?', [jobId]);
        if (row.state === 'completed' || row.state === 'failed') {
          finalState = row.state as string;
          if (row.state === 'failed') {
            expect(row.error).toEqual(expect.stringMatching(/\w+ \w+/));
          }
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect({ round, finalState }).toEqual({ round, finalState: 'completed' });
      expect(await visible(licenceId)).toEqual(whole);
      // Each package once, its files where the catalogue says.
      for (const course of courses) {
        const rows = await db.query('SELECT id, storage_key FROM course_packages WHERE course_id = ?', [course.id]);
        expect(rows.map((r: { id: string }) => r.id)).toEqual([course.packages[0].id]);
        expect(existsSync(path.join(process.env.DATA_DIR!, 'blobs', rows[0].storage_key, 'imsmanifest.xml'))).toBe(
          true,
        );
      }
    }
    expect(kills).toBe(ROUNDS);
    expect(
      readdirSync(path.join(process.env.DATA_DIR!, 'work')).filter((name) => /^[0-9a-f-]{36}$/.test(name)),
    ).toEqual([]);
  }, 600_000);
});
