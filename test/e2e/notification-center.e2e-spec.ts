import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { Certificate, CertificateService } from '@app/certificates';
import { JobName, QueueService } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import {
  appoint,
  bearer,
  isolateRedisPrefix,
  linkIn,
  mailsTo,
  nthMailTo,
  postRegister,
  postVerify,
  registrationBody,
  sleep,
  uniqueEmail,
  waitForJob,
} from '../support/accounts';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Page {
  items: Array<{ id: string; kind: string; params: Record<string, string>; readAt: string | null }>;
  total: number;
  unread: number;
}

describe('notifications people expect: in-app list, mails, digest, preferences (docs/notifications.md)', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let queues: QueueService;
  let dataSource: DataSource;
  let admin: { id: string; email: string; token: string };
  let owner: { id: string; email: string; token: string };
  let invitee: { id: string; email: string; token: string };
  let coordinator: { id: string; email: string; token: string };

  async function person(overrides: Parameters<typeof createUser>[1] = {}) {
    const user = await createUser(app, overrides);
    return { id: user.id, email: user.email, token: await login(app, user.email, user.password) };
  }

  async function notificationsOf(token: string): Promise<Page> {
    return (await request(app.getHttpServer()).get('/api/me/notifications').set(bearer(token)).expect(200))
      .body as Page;
  }

  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) {
        return value;
      }
      await sleep(100);
    }
  }

  async function newGroup(name: string): Promise<string> {
    const created = await request(app.getHttpServer())
      .post('/api/groups')
      .set(bearer(admin.token))
      .send({ name, kind: 'expert_community' })
      .expect(201);
    return (created.body as { id: string }).id;
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('notification-center-e2e');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    queues = app.get(QueueService);
    dataSource = app.get(DataSource);
    worker = await startTestWorker({ SMTP_URL: smtpUrl });
    admin = await person({ role: UserRole.Admin, country: null, displayName: 'Secretariat' });
    owner = await person({ country: 'GH' });
    invitee = await person({ country: 'GH', preferredLanguage: 'fr', displayName: 'Kofi Mensah' });
    coordinator = await person({ country: 'SN', preferredLanguage: 'es', displayName: 'Coordinadora' });
    await appoint(app, admin.token, coordinator.id, 'SN');
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix?.();
  });

  it('the routes need a sign-in, refuse bad input, and start with every kind at its default', async () => {
    await request(app.getHttpServer()).get('/api/me/notifications').expect(401);
    await request(app.getHttpServer()).get('/api/me/notification-preferences').expect(401);
    expect(await notificationsOf(owner.token)).toEqual({ items: [], total: 0, unread: 0 });
    for (const body of [{}, { all: true, ids: [] }, { ids: ['nope'] }, { all: 'yes' }]) {
      const refused = await request(app.getHttpServer())
        .post('/api/me/notifications/read')
        .set(bearer(owner.token))
        .send(body)
        .expect(400);
      expect((refused.body as { code: string }).code).toBe('VALIDATION_FAILED');
    }
    const defaults = await request(app.getHttpServer())
      .get('/api/me/notification-preferences')
      .set(bearer(owner.token))
      .expect(200);
    expect((defaults.body as { preferences: unknown[] }).preferences).toEqual([
      { kind: 'registrations_waiting', delivery: 'digest' },
      { kind: 'group_invitation', delivery: 'immediate' },
      { kind: 'certificate_issued', delivery: 'immediate' },
      { kind: 'import_ended', delivery: 'immediate' },
      { kind: 'licence_expiring', delivery: 'immediate' },
    ]);
    for (const preferences of [
      [{ kind: 'nope', delivery: 'off' }],
      [{ kind: 'group_invitation', delivery: 'later' }],
    ]) {
      await request(app.getHttpServer())
        .put('/api/me/notification-preferences')
        .set(bearer(owner.token))
        .send({ preferences })
        .expect(400);
    }
  });

  it('a group invitation: to an account, in its list and by mail in its language; to a plain address, by mail', async () => {
    const groupId = await newGroup('Valeur en douane');
    await request(app.getHttpServer())
      .post(`/api/groups/${groupId}/invitations`)
      .set(bearer(admin.token))
      .send({ userId: invitee.id })
      .expect(201);
    const mail = await nthMailTo(sink, invitee.email);
    expect(mail.subject).toBe('Vous êtes invité à un groupe');
    expect(mail.text).toContain('Valeur en douane');
    const page = await notificationsOf(invitee.token);
    expect(page).toMatchObject({ total: 1, unread: 1 });
    expect(page.items[0]).toMatchObject({
      kind: 'group_invitation',
      params: { groupId, groupName: 'Valeur en douane' },
    });

    const address = uniqueEmail('not-yet-registered');
    await request(app.getHttpServer())
      .post(`/api/groups/${groupId}/invitations`)
      .set(bearer(admin.token))
      .send({ email: address })
      .expect(201);
    const plain = await nthMailTo(sink, address);
    expect(plain.subject).toBe('You are invited to a group');

    // Read: the owner's own ids only; another's id changes nothing.
    const mine = page.items[0].id;
    const other = await request(app.getHttpServer())
      .post('/api/me/notifications/read')
      .set(bearer(owner.token))
      .send({ ids: [mine] })
      .expect(200);
    expect(other.body).toEqual({ unread: 0 });
    expect((await notificationsOf(invitee.token)).unread).toBe(1);
    const read = await request(app.getHttpServer())
      .post('/api/me/notifications/read')
      .set(bearer(invitee.token))
      .send({ ids: [mine] })
      .expect(200);
    expect(read.body).toEqual({ unread: 0 });
    expect((await notificationsOf(invitee.token)).items[0].readAt).not.toBeNull();
  });

  it('a kind set to off: neither listed nor mailed', async () => {
    await request(app.getHttpServer())
      .put('/api/me/notification-preferences')
      .set(bearer(invitee.token))
      .send({ preferences: [{ kind: 'group_invitation', delivery: 'off' }] })
      .expect(200)
      .expect((response) =>
        expect((response.body as { preferences: unknown[] }).preferences).toContainEqual({
          kind: 'group_invitation',
          delivery: 'off',
        }),
      );
    const groupId = await newGroup('Origine');
    await request(app.getHttpServer())
      .post(`/api/groups/${groupId}/invitations`)
      .set(bearer(admin.token))
      .send({ userId: invitee.id })
      .expect(201);
    await sleep(1000);
    expect((await notificationsOf(invitee.token)).total).toBe(1);
    expect(mailsTo(sink, invitee.email)).toHaveLength(1);
  });

  it('waiting registrations: listed for the country’s coordinator at once, mailed in the daily digest once', async () => {
    for (const name of ['one', 'two']) {
      await postRegister(app, registrationBody({ email: uniqueEmail(`sn-${name}`), country: 'SN' })).expect(201);
    }
    for (const message of sink.messages.filter((m) => m.to.some((to) => to.includes('sn-')))) {
      await postVerify(app, { token: linkIn(message, app, '/verify-email') }).expect(200);
    }
    const page = await until(
      () => notificationsOf(coordinator.token),
      (value) => value.total > 0,
    );
    // Once a day per country, however many registrations.
    expect(page.items).toEqual([expect.objectContaining({ kind: 'registrations_waiting', params: { country: 'SN' } })]);
    expect(mailsTo(sink, coordinator.email)).toHaveLength(0);

    const run = async () => {
      const jobId = await queues.enqueue(JobName.SendNotificationDigests, {});
      const job = await waitForJob(queues, JobName.SendNotificationDigests, jobId);
      expect(job.state).toBe('completed');
      return job.result as { recipients: number; notifications: number };
    };
    expect(await run()).toEqual({ recipients: 1, notifications: 1 });
    const digest = await nthMailTo(sink, coordinator.email);
    expect(digest.subject).toBe('Clearance: 1 notificación del día');
    expect(digest.text).toContain('Senegal');
    expect(await run()).toEqual({ recipients: 0, notifications: 0 });
  });

  it('an import ended (to whoever started it) and a certificate issued (to its holder)', async () => {
    const accepted = await request(app.getHttpServer())
      .post('/api/registrations/import')
      .set(bearer(coordinator.token))
      .attach('file', Buffer.from(`email,name\n${uniqueEmail('sn-officer')},Awa Ndiaye\n`), 'agents-sn.csv')
      .expect(202);
    const jobId = (accepted.body as { jobId: string }).jobId;
    const page = await until(
      () => notificationsOf(coordinator.token),
      (value) => value.items.some((item) => item.kind === 'import_ended'),
    );
    expect(page.items.find((item) => item.kind === 'import_ended')?.params).toEqual({
      jobId,
      fileName: 'agents-sn.csv',
      kind: 'officers',
      state: 'completed',
    });
    const mail = await nthMailTo(sink, coordinator.email, 1, (m) => m.subject === 'Su importación ha terminado');
    expect(mail.text).toContain('agents-sn.csv');

    await app
      .get(CertificateService)
      .afterIssued(
        Object.assign(new Certificate(), { id: randomUUID(), userId: owner.id, courseTitle: 'Customs valuation' }),
      );
    expect((await notificationsOf(owner.token)).items[0]).toMatchObject({
      kind: 'certificate_issued',
      params: { courseTitle: 'Customs valuation' },
    });
    expect((await nthMailTo(sink, owner.email)).subject).toBe('Your certificate is ready');
  });

  it('a licence ending within 30 days: every admin told once', async () => {
    const ends = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const licenceId = randomUUID();
    await dataSource.query(
      `INSERT INTO licences (id, revision, licensee_country, licensee_administration, languages, valid_from, valid_until,
                             seat_cap, translation_allowed, created_by)
       VALUES (?, 1, 'GH', 'Ghana Revenue Authority', '["en"]', '2026-01-01', ?, NULL, 0, ?)`,
      [licenceId, ends, admin.id],
    );
    const later = randomUUID();
    await dataSource.query(
      `INSERT INTO licences (id, revision, licensee_country, licensee_administration, languages, valid_from, valid_until,
                             seat_cap, translation_allowed, created_by)
       VALUES (?, 1, 'GH', 'Ghana Revenue Authority', '["en"]', '2026-01-01', '2099-12-31', NULL, 0, ?)`,
      [later, admin.id],
    );
    for (let run = 0; run < 2; run++) {
      const jobId = await queues.enqueue(JobName.ScanExpiringLicences, {});
      const job = await waitForJob(queues, JobName.ScanExpiringLicences, jobId);
      expect(job).toMatchObject({ state: 'completed' });
      expect((job.result as { licences: number }).licences).toBeGreaterThanOrEqual(1);
    }
    const page = await notificationsOf(admin.token);
    const told = page.items.filter((item) => item.kind === 'licence_expiring');
    expect(told.map((item) => item.params.licenceId)).toEqual([licenceId]);
    expect(told[0].params).toEqual({ licenceId, country: 'GH', validUntil: ends });
    const mail = await nthMailTo(sink, admin.email, 1, (m) => m.subject === 'A licence ends soon');
    expect(mail.text).toContain('Ghana');
    await sleep(500);
    expect(mailsTo(sink, admin.email).filter((m) => m.subject === 'A licence ends soon')).toHaveLength(1);
  });
});
