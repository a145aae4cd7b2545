import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { JobName, QueueName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { appoint, isolateRedisPrefix, mailsTo, nthMailTo, sleep, uniqueEmail, waitForJob } from '../support/accounts';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

const DAY_MS = 24 * 3600 * 1000;

describe('pending registrations: reminder to coordinators, escalation to the Secretariat', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let queues: QueueService;
  let dataSource: DataSource;
  let keCoordinator: { id: string; email: string };
  let frCoordinator: { id: string; email: string };
  let admin: { id: string; email: string };
  const created: string[] = [];

  async function pendingFor(days: number, country = 'KE'): Promise<{ id: string; email: string }> {
    const user = await createUser(app, { status: UserStatus.Pending, country, email: uniqueEmail('waiting') });
    await dataSource.query('UPDATE users SET pending_since = ? WHERE id = ?', [
      new Date(Date.now() - days * DAY_MS),
      user.id,
    ]);
    created.push(user.id);
    return user;
  }

  async function runReminders(): Promise<{ reminded: number; escalated: number }> {
    const jobId = await queues.enqueue(JobName.RemindPendingRegistrations, {});
    const job = await waitForJob(queues, JobName.RemindPendingRegistrations, jobId);
    expect(job).toMatchObject({ state: 'completed', error: null });
    return job.result as { reminded: number; escalated: number };
  }

  /** The worker schedules a run as it starts: let it finish before this file's data exists. */
  async function scheduledRunsDone(timeoutMs = 10_000): Promise<void> {
    const queue = queues.queue(QueueName.Maintenance);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await queue.getJobs(['waiting', 'active', 'prioritized']);
      const done = await queue.getJobs(['completed', 'failed']);
      if (pending.length === 0 && done.some((job) => job.name === (JobName.RemindPendingRegistrations as string))) {
        return;
      }
      if (Date.now() > deadline) {
        return;
      }
      await sleep(50);
    }
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('pending-reminders-e2e');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    queues = app.get(QueueService);
    dataSource = app.get(DataSource);
    worker = await startTestWorker({ SMTP_URL: smtpUrl });
    await scheduledRunsDone();

    const adminAccount = await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Secretariat' });
    admin = adminAccount;
    const adminToken = await login(app, adminAccount.email, adminAccount.password);
    keCoordinator = await createUser(app, { country: 'KE', displayName: 'Kenyan Coordinator' });
    frCoordinator = await createUser(app, {
      country: 'FR',
      displayName: 'Coordinatrice française',
      preferredLanguage: 'fr',
    });
    await appoint(app, adminToken, keCoordinator.id, 'KE');
    await appoint(app, adminToken, frCoordinator.id, 'FR');
  });

  afterAll(async () => {
    // Leave no old pending registrations for other files' reminder runs.
    if (created.length > 0) {
      await dataSource?.query(`DELETE FROM users WHERE id IN (${created.map(() => '?').join(',')})`, created);
    }
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix();
  });

  it('reminds the coordinator of 4- and 8-day-old registrations, escalates the 8-day one, each once', async () => {
    const fourDays = await pendingFor(4);
    const eightDays = await pendingFor(8);
    const oneDay = await pendingFor(1);

    const first = await runReminders();
    expect(first).toEqual({ reminded: 2, escalated: 1 });

    const reminder = await nthMailTo(sink, keCoordinator.email);
    expect(reminder.subject).toBe('Clearance: registrations awaiting your decision');
    expect(reminder.text).toContain('Hello Kenyan Coordinator,');
    expect(reminder.text).toContain('2 registrations are waiting for your decision (country: Kenya).');
    expect(reminder.text).toMatch(/Review pending registrations: http:\/\/localhost:3000\/coordinator/);

    const escalation = await nthMailTo(sink, admin.email);
    expect(escalation.subject).toBe('Clearance: registrations pending for more than 7 days (Kenya)');
    expect(escalation.text).toContain('Hello Secretariat,');
    expect(escalation.text).toContain('1 registration has been waiting');

    const rows = await dataSource.query<Array<{ id: string; reminded_at: Date | null; escalated_at: Date | null }>>(
      'SELECT id, reminded_at, escalated_at FROM users WHERE id IN (?, ?, ?)',
      [fourDays.id, eightDays.id, oneDay.id],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(fourDays.id)).toMatchObject({ reminded_at: expect.any(Date), escalated_at: null });
    expect(byId.get(eightDays.id)).toMatchObject({ reminded_at: expect.any(Date), escalated_at: expect.any(Date) });
    expect(byId.get(oneDay.id)).toMatchObject({ reminded_at: null, escalated_at: null });

    // Nobody else's business: the FR coordinator hears nothing of Kenyan registrations.
    await sleep(300);
    expect(mailsTo(sink, frCoordinator.email)).toHaveLength(0);
    expect(mailsTo(sink, keCoordinator.email)).toHaveLength(1);
    expect(mailsTo(sink, admin.email)).toHaveLength(1);

    // Again: nothing new to remind or escalate, nothing sent.
    const second = await runReminders();
    expect(second).toEqual({ reminded: 0, escalated: 0 });
    await sleep(500);
    expect(mailsTo(sink, keCoordinator.email)).toHaveLength(1);
    expect(mailsTo(sink, admin.email)).toHaveLength(1);

    // The 4-day one ages past the escalation threshold: escalated once, not reminded again.
    await dataSource.query('UPDATE users SET pending_since = ? WHERE id = ?', [
      new Date(Date.now() - 9 * DAY_MS),
      fourDays.id,
    ]);
    expect(await runReminders()).toEqual({ reminded: 0, escalated: 1 });
    await nthMailTo(sink, admin.email, 2);
    await sleep(300);
    expect(mailsTo(sink, keCoordinator.email)).toHaveLength(1);
    expect(await runReminders()).toEqual({ reminded: 0, escalated: 0 });
  });

  it('a registration decided before the run is not reminded', async () => {
    const decided = await pendingFor(5);
    await dataSource.query("UPDATE users SET status = 'active' WHERE id = ?", [decided.id]);
    const before = mailsTo(sink, keCoordinator.email).length;
    expect(await runReminders()).toEqual({ reminded: 0, escalated: 0 });
    await sleep(300);
    expect(mailsTo(sink, keCoordinator.email)).toHaveLength(before);
  });

  it('reminds each country’s coordinators of their own registrations only, in their language', async () => {
    await pendingFor(4, 'FR');
    expect(await runReminders()).toEqual({ reminded: 1, escalated: 0 });
    const mail = await nthMailTo(sink, frCoordinator.email);
    expect(mail.subject).toBe('Clearance\u00a0: demandes d’inscription en attente de votre décision');
    expect(mail.text).toContain('Bonjour Coordinatrice française,');
    expect(mail.text).toContain('1 demande d’inscription attend votre décision (pays\u00a0: France).');
    await sleep(300);
    expect(mailsTo(sink, keCoordinator.email)).toHaveLength(1);
  });
});
