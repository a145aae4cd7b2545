import { DataSource } from 'typeorm';
import { JobName, QueueName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix, postLogin, waitForJob } from '../support/accounts';
import { startTestWorker, TestWorker } from '../support/test-worker';

const DAY_MS = 24 * 3600 * 1000;

describe('sign-ins are recorded for the usage figures (docs/reports.md)', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let db: DataSource;
  let worker: TestWorker | undefined;

  const signInsOf = (userId: string) =>
    db.query<Array<{ country: string | null; signed_in_at: Date }>>(
      'SELECT country, signed_in_at FROM sign_ins WHERE user_id = ? ORDER BY id',
      [userId],
    );

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('sign-ins-e2e');
    app = await createTestApp();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await app.close();
    restorePrefix();
  });

  it('records each successful sign-in with the time and the account country, and no failed one', async () => {
    const user = await createUser(app, { country: 'GH' });
    const before = Date.now();
    await login(app, user.email, user.password);
    await login(app, user.email, user.password);
    await postLogin(app, user.email, 'a wrong password entirely').expect(401);
    const rows = await signInsOf(user.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.country).toBe('GH');
      expect(new Date(row.signed_in_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(row.signed_in_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('the maintenance job removes sign-ins older than SIGN_IN_RETENTION_DAYS, and only those', async () => {
    const user = await createUser(app, { country: 'PE' });
    const now = Date.now();
    await db.query('INSERT INTO sign_ins (user_id, country, signed_in_at) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)', [
      user.id,
      'PE',
      new Date(now - 40 * DAY_MS),
      user.id,
      'PE',
      new Date(now - 20 * DAY_MS),
      user.id,
      'PE',
      new Date(now - 1 * DAY_MS),
    ]);
    worker = await startTestWorker({ SIGN_IN_RETENTION_DAYS: '30' }, [QueueName.Maintenance]);
    const queues = app.get(QueueService);
    const jobId = await queues.enqueue(JobName.PurgeSignIns, {});
    const job = await waitForJob(queues, JobName.PurgeSignIns, jobId);
    expect(job.state).toBe('completed');
    expect((job.result as { removed: number }).removed).toBeGreaterThanOrEqual(1);
    const left = await signInsOf(user.id);
    expect(left.map((row) => Math.round((now - new Date(row.signed_in_at).getTime()) / DAY_MS))).toEqual([20, 1]);
  });
});
