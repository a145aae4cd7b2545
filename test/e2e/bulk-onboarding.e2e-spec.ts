import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import {
  appoint,
  bearer,
  GOOD_PASSWORD,
  isolateRedisPrefix,
  linkIn,
  mailsTo,
  nthMailTo,
  postLogin,
  sleep,
} from '../support/accounts';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface OfficerReport {
  country: string;
  rows: number;
  created: number;
  alreadyRegistered: number;
  rejectedCount: number;
  rejected: Array<{ line: number; email: string; name: string; problem: string }>;
}

describe('bulk onboarding: a coordinator’s CSV of officers (docs/people.md)', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let dataSource: DataSource;
  let adminToken: string;
  let bjCoordinator: string;
  let tgCoordinator: string;
  let learner: string;
  const tag = `${Date.now()}`;
  const address = (name: string) => `${name}-${tag}@douanes.example.org`;

  function upload(token: string, csv: string | Buffer, fields: Record<string, string> = {}): request.Test {
    let call = request(app.getHttpServer()).post('/api/registrations/import').set(bearer(token));
    for (const [name, value] of Object.entries(fields)) {
      call = call.field(name, value);
    }
    return call.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), 'officers.csv');
  }

  async function finished(
    token: string,
    jobId: string,
  ): Promise<{ state: string; result: unknown; errorCode: string }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const job = await request(app.getHttpServer()).get(`/api/import-jobs/${jobId}`).set(bearer(token)).expect(200);
      const body = job.body as { state: string; result: unknown; errorCode: string; kind: string };
      if (body.state === 'completed' || body.state === 'failed') {
        expect(body.kind).toBe('officers');
        return body;
      }
      if (Date.now() > deadline) {
        throw new Error(`import ${jobId} still ${body.state}`);
      }
      await sleep(100);
    }
  }

  async function onboard(
    token: string,
    csv: string | Buffer,
    fields: Record<string, string> = {},
  ): Promise<OfficerReport> {
    const accepted = await upload(token, csv, fields).expect(202);
    const job = await finished(token, (accepted.body as { jobId: string }).jobId);
    expect(job.state).toBe('completed');
    return job.result as OfficerReport;
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('bulk-onboarding-e2e');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    dataSource = app.get(DataSource);
    worker = await startTestWorker({ SMTP_URL: smtpUrl });
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    const bj = await createUser(app, { country: 'BJ', preferredLanguage: 'fr' });
    const tg = await createUser(app, { country: 'TG' });
    await appoint(app, adminToken, bj.id, 'BJ');
    await appoint(app, adminToken, tg.id, 'TG');
    bjCoordinator = await login(app, bj.email, bj.password);
    tgCoordinator = await login(app, tg.email, tg.password);
    const plain = await createUser(app, { country: 'BJ' });
    learner = await login(app, plain.email, plain.password);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix?.();
  });

  it('is for coordinators and admins, multipart, with a file; a coordinator onboards into their own country only', async () => {
    const csv = `email,name\n${address('nobody')},Nobody\n`;
    await request(app.getHttpServer())
      .post('/api/registrations/import')
      .attach('file', Buffer.from(csv), 'a.csv')
      .expect(401);
    expect((await upload(learner, csv).expect(403)).body.code).toBe('FORBIDDEN');
    await request(app.getHttpServer())
      .post('/api/registrations/import')
      .set(bearer(bjCoordinator))
      .send({ country: 'BJ' })
      .expect(415);
    // Coordinator of BJ cannot onboard into TG; nothing is queued.
    expect((await upload(bjCoordinator, csv, { country: 'TG' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await upload(bjCoordinator, csv, { country: 'ZZ' }).expect(400)).body.code).toBe('INVALID_COUNTRY');
    expect((await upload(bjCoordinator, csv, { other: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // An admin must name the country.
    expect((await upload(adminToken, csv).expect(400)).body.code).toBe('INVALID_COUNTRY');
    const [{ n }] = await dataSource.query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM users WHERE email = ?', [
      address('nobody'),
    ]);
    expect(Number(n)).toBe(0);
    // Another person's job answers 404.
    const accepted = await upload(tgCoordinator, `email;name\n${address('tg-one')};Afi Mensah\n`).expect(202);
    const jobId = (accepted.body as { jobId: string }).jobId;
    await request(app.getHttpServer()).get(`/api/import-jobs/${jobId}`).set(bearer(bjCoordinator)).expect(404);
    const report = (await finished(tgCoordinator, jobId)).result as OfficerReport;
    expect(report).toMatchObject({ country: 'TG', created: 1 });
  });

  it('creates approved accounts of the country, reports bad rows by line and content, and is idempotent', async () => {
    const csv =
      '\ufeffE-mail;Nom;Fonction\n' +
      `${address('koffi')};Koffi Agbodjan;Inspecteur\n` +
      `not-an-address;Sans Adresse;Agent\n` +
      `${address('awa')};;Agent\n` +
      `"${address('chantal')}";"Chantal Houngbo; née Dossou";"Chef de brigade"\n` +
      `${address('KOFFI')};Koffi Encore;Inspecteur\n` +
      `${address('tg-one')};Afi Mensah;Agent\n` +
      '\n' +
      `${address('rose')};Rose Adjovi;\n`;
    const first = await onboard(bjCoordinator, csv);
    expect(first).toEqual({
      country: 'BJ',
      rows: 7,
      created: 3,
      alreadyRegistered: 0,
      rejectedCount: 4,
      rejected: [
        { line: 3, email: 'not-an-address', name: 'Sans Adresse', problem: 'INVALID_EMAIL' },
        { line: 4, email: address('awa'), name: '', problem: 'MISSING_NAME' },
        { line: 6, email: address('KOFFI'), name: 'Koffi Encore', problem: 'DUPLICATE_IN_FILE' },
        { line: 7, email: address('tg-one'), name: 'Afi Mensah', problem: 'EMAIL_OF_ANOTHER_COUNTRY' },
      ],
    });
    const rows = await dataSource.query<Array<Record<string, string>>>(
      `SELECT email, display_name AS name, job_title AS jobTitle, country, status, role, password_hash AS hash,
              preferred_language AS language
         FROM users WHERE email IN (?, ?, ?) ORDER BY email`,
      [address('chantal'), address('koffi'), address('rose')],
    );
    expect(rows).toEqual([
      expect.objectContaining({ name: 'Chantal Houngbo; née Dossou', jobTitle: 'Chef de brigade', country: 'BJ' }),
      expect.objectContaining({ name: 'Koffi Agbodjan', jobTitle: 'Inspecteur', status: 'active', role: 'learner' }),
      expect.objectContaining({ name: 'Rose Adjovi', jobTitle: '', language: 'fr' }),
    ]);
    // No password yet, and no argon2 work spent on one.
    expect(rows.every((row) => !row.hash.startsWith('$argon2'))).toBe(true);
    const decisions = await dataSource.query<Array<{ outcome: string; country: string }>>(
      `SELECT d.outcome, d.country FROM registration_decisions d JOIN users u ON u.id = d.user_id WHERE u.email = ?`,
      [address('koffi')],
    );
    expect(decisions).toEqual([{ outcome: 'approved', country: 'BJ' }]);
    // The Togolese officer was not moved.
    const [afi] = await dataSource.query<
      Array<{
        country: string;
      }>
    >('SELECT country FROM users WHERE email = ?', [address('tg-one')]);
    expect(afi.country).toBe('TG');

    // The same file again creates nobody twice and mails nobody again.
    await nthMailTo(sink, address('rose'));
    const again = await onboard(bjCoordinator, csv);
    expect(again).toMatchObject({ rows: 7, created: 0, alreadyRegistered: 3, rejectedCount: 4 });
    const [{ n }] = await dataSource.query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM users WHERE email LIKE ?', [
      `%-${tag}@douanes.example.org`,
    ]);
    expect(Number(n)).toBe(4); // tg-one, koffi, chantal, rose
    await sleep(500);
    expect(mailsTo(sink, address('rose'))).toHaveLength(1);
  });

  it('an admin onboards into the country they name; a file that cannot be read fails with its reason', async () => {
    const report = await onboard(adminToken, `${address('mali')},Moussa Keita,Douanier\n`, { country: 'ML' });
    expect(report).toMatchObject({ country: 'ML', rows: 1, created: 1 });
    const bad = await upload(adminToken, Buffer.from([0x65, 0x6d, 0xff, 0xfe, 0x0a]), { country: 'ML' }).expect(202);
    const job = await finished(adminToken, (bad.body as { jobId: string }).jobId);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'CSV_NOT_UTF8' });
    const header = await upload(adminToken, 'who,what\nx,y\n', { country: 'ML' }).expect(202);
    expect(await finished(adminToken, (header.body as { jobId: string }).jobId)).toMatchObject({
      state: 'failed',
      errorCode: 'CSV_HEADER_INVALID',
    });
  });

  it('the mailed link, in the officer’s language, sets a password that signs in; none signs in before', async () => {
    await postLogin(app, address('koffi'), '!unset').expect(401);
    await postLogin(app, address('koffi'), '').expect((response) =>
      expect(response.status).toBeGreaterThanOrEqual(400),
    );
    const mail = await nthMailTo(sink, address('koffi'));
    expect(mail.subject).toBe('Votre compte Clearance est prêt');
    expect(mail.text).toContain('Bénin');
    const token = linkIn(mail, app, '/reset-password');
    await request(app.getHttpServer())
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: GOOD_PASSWORD })
      .expect((response) => expect(response.status).toBeLessThan(300));
    const signedIn = await postLogin(app, address('koffi'), GOOD_PASSWORD).expect(200);
    expect((signedIn.body as { user: { country: string } }).user.country).toBe('BJ');
    const [row] = await dataSource.query<Array<{ verified: Date | null }>>(
      'SELECT email_verified_at AS verified FROM users WHERE email = ?',
      [address('koffi')],
    );
    expect(row.verified).not.toBeNull();
  });
});
