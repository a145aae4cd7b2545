import { readdirSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { QueueName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { HOSTILE_CASES, HostileZip, PLATFORM_LIMIT_REASONS, writeHostileZips } from '../support/hostile-zips';
import { WorkerProcess } from '../support/worker-process';

interface Job {
  id: string;
  state: string;
  error: string | null;
  errorCode: string | null;
}

/** Every file under `dir`, relative, sorted (an empty folder lists as itself with a trailing slash). */
async function tree(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    found.push(entry.isDirectory() ? `${relative}/` : relative);
    if (entry.isDirectory()) {
      found.push(...(await tree(path.join(dir, entry.name), `${relative}/`)));
    }
  }
  return found.sort();
}

/**
 * The whole hostile-zip corpus that the platform's own limits decide (the few cases built around
 * the unit spec's smaller limits run there), uploaded through the api and imported by the real
 * worker as its own process: every one fails at once with its reason, nothing is written outside
 * the job's folder, the work and upload folders end empty, and the worker never restarts.
 */
describe('hostile packages through the api and a worker process', () => {
  let app: TestApp;
  let worker: WorkerProcess;
  let restorePrefix: () => void;
  let admin: string;
  let corpus: HostileZip[];

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('hostile-packages');
    app = await createTestApp();
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    admin = await login(app, a.email, a.password);
    const ownLimits = new Set(HOSTILE_CASES.filter((hostile) => hostile.limits).map((hostile) => hostile.id));
    corpus = (await writeHostileZips(await mkdtemp(path.join(tmpdir(), 'clearance-hostile-')))).filter(
      (zip) => !ownLimits.has(zip.id),
    );
    worker = new WorkerProcess();
    await worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    restorePrefix?.();
  });

  // Minutes, not seconds: each package is inspected in a child process of its own.
  it('every one fails with its reason, without retry, leaving nothing behind; the worker stays up', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const dataDir = process.env.DATA_DIR!;
    const before = await tree(dataDir);
    const workerPid = worker.pid;

    const jobs = new Map<string, HostileZip>();
    for (const hostile of corpus) {
      const response = await request(app.getHttpServer())
        .post('/api/courses/packages')
        .auth(admin, { type: 'bearer' })
        .field('language', 'en')
        .attach('file', hostile.file)
        .expect(202);
      jobs.set((response.body as { jobId: string }).jobId, hostile);
    }

    const outcomes = new Map<string, Job>();
    const deadline = Date.now() + 240_000;
    while (outcomes.size < jobs.size) {
      if (Date.now() > deadline) {
        throw new Error(`${jobs.size - outcomes.size} imports still unfinished:\n${worker.log.slice(-2000)}`);
      }
      for (const id of jobs.keys()) {
        if (outcomes.has(id)) {
          continue;
        }
        const job = (
          await request(app.getHttpServer()).get(`/api/import-jobs/${id}`).auth(admin, { type: 'bearer' }).expect(200)
        ).body as Job;
        if (job.state === 'completed' || job.state === 'failed') {
          outcomes.set(id, job);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const seen = [...jobs].map(([id, hostile]) => {
      const job = outcomes.get(id)!;
      return { id: hostile.id, state: job.state, code: job.errorCode, readable: (job.error ?? '').length > 15 };
    });
    expect(seen).toEqual(
      corpus.map((hostile) => ({
        id: hostile.id,
        state: 'failed',
        code: PLATFORM_LIMIT_REASONS[hostile.id] ?? hostile.reason,
        readable: true,
      })),
    );

    // Each failed on its first attempt (3 are allowed for transient faults): no retry.
    const queue = app.get(QueueService).queue(QueueName.Imports);
    for (const id of jobs.keys()) {
      const job = await queue.getJob(id);
      expect({ id, attemptsMade: job?.attemptsMade, failed: await job?.isFailed() }).toEqual({
        id,
        attemptsMade: 1,
        failed: true,
      });
    }

    // The worker process is the same one, still running.
    expect(worker.pid).toBe(workerPid);
    expect(() => process.kill(workerPid!, 0)).not.toThrow();
    expect(worker.log).not.toMatch(/uncaught|unhandled|FATAL|heap out of memory/i);

    // Nothing written anywhere but transient job folders, and those are gone.
    expect(readdirSync(path.join(dataDir, 'work'))).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
    // The mail outbox holds the "import failed" notices to the uploader (docs/notifications.md), not
    // package residue.
    const added = (await tree(dataDir)).filter((entry) => !before.includes(entry) && !entry.startsWith('outbox/'));
    // At most the (empty) folders the first import creates: no package folder, no stray file.
    expect(added.filter((entry) => !['blobs/', 'blobs/packages/', 'work/', 'uploads/'].includes(entry))).toEqual([]);
  }, 300_000);
});
