import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ModuleRef } from '@nestjs/core';
import { simpleParser } from 'mailparser';
import { MailRenderer, MailRequest, MailTemplate, MailTemplateError, NotificationsService } from '@app/notifications';
import { JobName, JobSnapshot, QueueName, QueueService } from '@app/queue';
import { createTestApp, TestApp } from '../support/app';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

const LINK = 'http://localhost:3000/verify-email?token=3f9c2a7e-e2e&lang=fr';

let counter = 0;
const recipient = (tag: string): string => `${tag}-${++counter}-${Date.now()}@example.org`;

describe('notifications: NotificationsService → queue → worker → mail', () => {
  const sink = new SmtpSink();
  const runPrefix = process.env.REDIS_PREFIX!;
  let app: TestApp;
  let notifications: NotificationsService;
  let queues: QueueService;
  let worker: TestWorker | undefined;

  const waitForJob = async (id: string, states: JobSnapshot['state'][], timeoutMs = 15_000): Promise<JobSnapshot> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await queues.inspect(JobName.SendEmail, id);
      if (job && states.includes(job.state)) {
        // inspect() reads the job before its state: read again for the result that came with the state.
        return (await queues.inspect(JobName.SendEmail, id))!;
      }
      if (Date.now() > deadline) {
        throw new Error(`job ${id} is ${job?.state ?? 'unknown'} after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    // Queues of their own, under the run's prefix (so teardown removes them): another test file's
    // worker (without SMTP_URL) must not take these jobs, nor this worker take theirs.
    process.env.REDIS_PREFIX = `${runPrefix}:notifications-e2e`;
    const smtpUrl = await sink.start();
    app = await createTestApp();
    queues = app.get(QueueService);
    notifications = notificationsOf(app);
    worker = await startTestWorker({ SMTP_URL: smtpUrl }, [QueueName.Notifications]);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    process.env.REDIS_PREFIX = runPrefix;
  });

  describe('through SMTP', () => {
    it('delivers a French verification mail with its link', async () => {
      const to = recipient('fr');
      await notifications.sendEmail({
        to,
        template: MailTemplate.VerifyEmail,
        language: 'fr',
        params: { displayName: 'Amélie Dupont', link: LINK },
      });

      const mail = await sink.waitFor((message) => message.to.includes(to));
      expect(mail.subject).toBe('Confirmez votre adresse électronique pour Clearance');
      expect(mail.from).toBe('"Clearance" <no-reply@clearance.local>');
      expect(mail.text).toContain('Bonjour Amélie Dupont,');
      expect(mail.text).toContain(`Confirmer mon adresse électronique\u00a0: ${LINK}`);
      expect(mail.html).toContain('<html lang="fr"');
      expect(mail.html).toContain(`href="${LINK.replace(/&/g, '&amp;')}"`);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    });

    it('delivers a Spanish rejection mail with its reason', async () => {
      const to = recipient('es');
      await notifications.sendEmail({
        to,
        template: MailTemplate.RegistrationRejected,
        language: 'es',
        params: { displayName: 'José Ramírez', reason: 'La administración indicada no corresponde.' },
      });

      const mail = await sink.waitFor((message) => message.to.includes(to));
      expect(mail.subject).toBe('Su registro en Clearance no ha sido aprobado');
      expect(mail.text).toContain('Estimado/a José Ramírez:');
      expect(mail.text).toContain('Motivo indicado: La administración indicada no corresponde.');
      expect(mail.html).toContain('<html lang="es"');
    });

    it('escapes a hostile display name in the HTML part', async () => {
      const to = recipient('xss');
      const displayName = '<script>alert("pwned")</script> & <img src=x onerror=alert(1)>';
      await notifications.sendEmail({
        to,
        template: MailTemplate.RegistrationApproved,
        language: 'en',
        params: { displayName, link: 'https://clearance.example.org/login' },
      });

      const mail = await sink.waitFor((message) => message.to.includes(to));
      expect(mail.html).not.toContain('<script');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain(
        'Hello &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;,',
      );
      expect(mail.text).toContain(`Hello ${displayName},`);
    });

    it('retries a mail the server refused with a temporary error, then delivers it once', async () => {
      const to = recipient('retry');
      sink.rejectNext(1);
      const started = Date.now();
      const jobId = await notifications.sendEmail({
        to,
        template: MailTemplate.PasswordReset,
        language: 'en',
        params: { displayName: 'Retry Officer', link: 'http://localhost:3000/reset-password?token=abc' },
      });

      const mail = await sink.waitFor((message) => message.to.includes(to), 15_000);
      expect(mail.subject).toBe('Reset your Clearance password');
      expect(sink.rejectedCount).toBe(1);
      // The notifications queue's exponential backoff: the first retry waits 5 s.
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
      const job = await waitForJob(jobId, ['completed', 'failed']);
      expect(job).toMatchObject({ state: 'completed', attemptsMade: 2, result: { transport: 'smtp' } });
      expect(sink.messages.filter((message) => message.to.includes(to))).toHaveLength(1);
    }, 25_000);

    it('a deterministic job id sends one mail however often it is enqueued', async () => {
      const to = recipient('once');
      const payload: MailRequest = {
        to,
        template: MailTemplate.RegistrationApproved,
        language: 'en',
        params: { displayName: 'Once Only', link: 'http://localhost:3000/login' },
      };
      const jobId = `approved-once-${Date.now()}`;
      expect(await notifications.sendEmail(payload, { jobId })).toBe(jobId);
      expect(await notifications.sendEmail(payload, { jobId })).toBe(jobId);
      await sink.waitFor((message) => message.to.includes(to));
      await waitForJob(jobId, ['completed']);
      expect(sink.messages.filter((message) => message.to.includes(to))).toHaveLength(1);
    });

    it('refuses, in the caller, a mail whose params cannot be rendered', async () => {
      const base = { to: recipient('bad'), template: MailTemplate.VerifyEmail, language: 'en' as const };
      await expect(notifications.sendEmail({ ...base, params: { displayName: 'No Link' } })).rejects.toThrow(
        MailTemplateError,
      );
      await expect(
        notifications.sendEmail({ ...base, params: { displayName: 'Bad Link', link: 'javascript:alert(1)' } }),
      ).rejects.toThrow(/http\(s\)/);
    });

    it('a queued mail that cannot be rendered fails at once, without retries', async () => {
      // Straight onto the queue, past NotificationsService's check: as a buggy or older producer would.
      const jobId = await queues.enqueue(JobName.SendEmail, {
        to: recipient('unrecoverable'),
        template: MailTemplate.VerifyEmail,
        language: 'en',
        params: { displayName: 'No Link' },
      });
      const job = await waitForJob(jobId, ['completed', 'failed']);
      expect(job).toMatchObject({ state: 'failed', attemptsMade: 1 });
      expect(job.error).toMatch(/missing param\(s\) link/);
    });
  });

  describe('without SMTP_URL', () => {
    let dataDir: string;

    beforeAll(async () => {
      // Only one worker on the queue from here on: the one writing to the outbox.
      await worker?.close();
      worker = undefined;
      dataDir = mkdtempSync(path.join(process.env.DATA_DIR!, 'notifications-e2e-'));
      worker = await startTestWorker({ SMTP_URL: '', DATA_DIR: dataDir }, [QueueName.Notifications]);
    });

    it('writes the mail as an .eml file in DATA_DIR/outbox, with the link in it', async () => {
      const to = recipient('outbox');
      const link = 'http://localhost:3000/verify-email?token=outbox-token-123';
      const jobId = await notifications.sendEmail({
        to,
        template: MailTemplate.VerifyEmail,
        language: 'en',
        params: { displayName: 'Outbox Officer', link },
      });

      const job = await waitForJob(jobId, ['completed', 'failed']);
      expect(job).toMatchObject({ state: 'completed', result: { transport: 'outbox' } });
      const outbox = path.join(dataDir, 'outbox');
      const files = await readdir(outbox);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{8}T\d{6}\.\d{3}Z-verify-email-[0-9a-f]{12}\.eml$/);

      const raw = await readFile(path.join(outbox, files[0]));
      expect(raw.toString('latin1')).toContain('\r\n');
      const mail = await simpleParser(raw);
      expect(mail.subject).toBe('Confirm your email address for Clearance');
      expect(mail.messageId).toBe((job.result as { messageId: string }).messageId);
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
      expect(sink.messages.some((message) => message.to.includes(to))).toBe(false);
    });
  });
});

/**
 * The api's NotificationsService. Until the api's AppModule imports NotificationsModule (its first
 * mail-sending feature will), one is built on the api's own QueueService: the same producer path.
 */
function notificationsOf(app: TestApp): NotificationsService {
  // Through ModuleRef: the app's own get() ends the process on an unknown provider (abortOnError).
  try {
    return app.get(ModuleRef).get(NotificationsService, { strict: false });
  } catch {
    return new NotificationsService(app.get(QueueService), new MailRenderer());
  }
}
