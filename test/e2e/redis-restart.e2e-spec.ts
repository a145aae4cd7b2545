import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { JOB_QUEUE, JobName } from '@app/queue';
import { bearer, isolateRedisPrefix } from '../support/accounts';
import { ApiProcess, freePort } from '../support/api-process';
import { createTestApp, createUser, TestApp } from '../support/app';
import { buildPackage, scorm12MultiSco } from '../support/scorm-packages';
import { WorkerProcess } from '../support/worker-process';

const IMPORTS = 50;
const OUTAGE_MS = 10_000;
const SCHEDULES = [JobName.RemindPendingRegistrations, JobName.RequeueLostImports, JobName.SendGroupDigests];

/** A redis-server of the test's own, without persistence (as in docker/compose.yml), on `port`. */
class RedisServer {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'clearance-redis-'));

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    }
  }
}

/**
 * Issue 12 item 11: Redis (its own redis-server, no persistence) is SIGKILLed while 50 imports are
 * queued or running and started again empty 10 s later. The api answers throughout (health: redis
 * down, then up), the worker process stays up, every accepted import completes exactly once (one
 * package each), and the job schedules exist again.
 */
describe('a Redis restart takes nothing down', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let redis: RedisServer;
  const api = new ApiProcess();
  const worker = new WorkerProcess();

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('redis-restart');
    redis = new RedisServer(await freePort());
    await redis.start();
    app = await createTestApp();
    await api.start({ REDIS_URL: redis.url });
    await worker.start({ REDIS_URL: redis.url, LOG_LEVEL: 'warn' });
  });

  afterAll(async () => {
    await worker.stop();
    await api.stop();
    await app?.close();
    await redis?.kill('SIGTERM');
    restorePrefix?.();
  });

  it('keeps the api answering, the worker up, completes each import once and declares the schedules again', async () => {
    const http = () => request(api.url);
    const dataSource = app.get(DataSource);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const login = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send({ email: a.email, password: a.password })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;

    // 50 imports accepted, ten uploads at a time.
    const jobIds: string[] = [];
    const packages = await Promise.all(
      Array.from({ length: IMPORTS }, (_, n) => buildPackage(scorm12MultiSco({ scos: 1, identifier: `restart-${n}` }))),
    );
    for (let n = 0; n < IMPORTS; n += 10) {
      const accepted = await Promise.all(
        packages.slice(n, n + 10).map((zip, i) =>
          http()
            .post('/api/courses/packages')
            .set(bearer(token))
            .field('language', 'en')
            .attach('file', zip, `restart-${n + i}.zip`)
            .expect(202),
        ),
      );
      jobIds.push(...accepted.map((response) => (response.body as { jobId: string }).jobId));
    }
    const states = async (): Promise<Record<string, number>> => {
      const rows: Array<{ state: string; n: string }> = await dataSource.query(
        'SELECT state, COUNT(*) AS n FROM import_jobs WHERE id IN (?) GROUP BY state',
        [jobIds],
      );
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    };
    const before = await states();
    expect((before.waiting ?? 0) + (before.active ?? 0)).toBeGreaterThan(0);

    // Redis dies mid-batch and comes back empty 10 s later; the api answers all along.
    await redis.kill('SIGKILL');
    const health: string[] = [];
    const poll = async (until: () => boolean, deadline: number): Promise<void> => {
      while (!until() && Date.now() < deadline) {
        const response = await http().get('/api/health').timeout(5000);
        expect([200, 503]).toContain(response.status);
        health.push((response.body as { redis: string }).redis);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const outageEnds = Date.now() + OUTAGE_MS;
    await poll(() => false, outageEnds);
    expect(health).toContain('down');
    expect(worker.pid && process.kill(worker.pid, 0)).toBe(true);
    await redis.start();
    await poll(() => health[health.length - 1] === 'up', Date.now() + 30_000);
    expect(health[health.length - 1]).toBe('up');
    expect(health.indexOf('down')).toBeLessThan(health.lastIndexOf('up'));

    // Every accepted import completes (lost ones are queued again by the sweep from their rows).
    const deadline = Date.now() + 300_000;
    let now = await states();
    while ((now.completed ?? 0) < IMPORTS && (now.failed ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      now = await states();
    }
    expect(now).toEqual({ completed: IMPORTS });
    // Exactly once: one package per import.
    const packagesPerJob: Array<{ import_job_id: string; n: string }> = await dataSource.query(
      'SELECT import_job_id, COUNT(*) AS n FROM course_packages WHERE import_job_id IN (?) GROUP BY import_job_id',
      [jobIds],
    );
    expect(packagesPerJob).toHaveLength(IMPORTS);
    expect(packagesPerJob.every((row) => Number(row.n) === 1)).toBe(true);

    // The worker never stopped, and said nothing of an unhandled error.
    expect(worker.pid && process.kill(worker.pid, 0)).toBe(true);
    expect(worker.log).not.toMatch(/unhandled|UnhandledPromiseRejection/i);

    // The schedules exist again in the new, empty Redis.
    for (const name of SCHEDULES) {
      const queue = new Queue(JOB_QUEUE[name], {
        connection: { host: '127.0.0.1', port: redis.port },
        prefix: process.env.REDIS_PREFIX,
      });
      try {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.map((scheduler) => scheduler.key)).toContain(name);
      } finally {
        await queue.close();
      }
    }
    // And the api still serves, Redis up.
    expect((await http().get('/api/health').expect(200)).body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  }, 480_000);
});
