import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, login, nextClientIp, TestApp } from '../support/app';
import {
  appoint,
  bearer,
  isolateRedisPrefix,
  linkIn,
  mailsTo,
  nthMailTo,
  parseCsv,
  postLogin,
  postRegister,
  postVerify,
  register,
  registrationBody,
  sleep,
  uniqueEmail,
} from '../support/accounts';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface RegistrationItem {
  id: string;
  email: string;
  country: string;
  status: string;
  preferredLanguage: string;
  pendingSince: string | null;
}

interface Decision {
  id: string;
  userId: string;
  email: string;
  country: string;
  outcome: 'approved' | 'rejected';
  reason: string | null;
  decidedBy: string | null;
  deciderName: string | null;
  decidedAt: string;
}

const RANDOM_UUID = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';
const CSV_HEADER = ['decided_at', 'country', 'outcome', 'email', 'display_name', 'reason', 'decided_by'];

describe('registration: sign-up → email verification → coordinator review', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let adminToken: string;
  let coordinatorToken: string;
  let coordinatorId: string;
  let learnerToken: string;

  const http = () => request(app.getHttpServer());

  const listRegistrations = async (query: Record<string, string>, token = coordinatorToken) =>
    (await http().get('/api/registrations').query(query).set(bearer(token)).expect(200)).body as {
      items: RegistrationItem[];
      total: number;
    };

  const decisionsOf = async (query: Record<string, string>, token = coordinatorToken) =>
    (await http().get('/api/registrations/decisions').query(query).set(bearer(token)).expect(200)).body as {
      items: Decision[];
      total: number;
    };

  /** Registers through the API, follows the mailed link: the account is then pending (or active). */
  async function registerAndVerify(overrides: Parameters<typeof register>[1] = {}) {
    const user = await register(app, overrides);
    const mail = await nthMailTo(sink, user.email);
    const verified = await postVerify(app, { token: linkIn(mail, app, '/verify-email') }).expect(200);
    return { ...user, status: (verified.body as { status: string }).status };
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('registration-e2e');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    worker = await startTestWorker({ SMTP_URL: smtpUrl }, [QueueName.Notifications]);

    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    const coordinator = await createUser(app, { country: 'KE', displayName: 'Kenyan Coordinator' });
    coordinatorId = coordinator.id;
    await appoint(app, adminToken, coordinator.id, 'KE');
    coordinatorToken = await login(app, coordinator.email, coordinator.password);
    const learner = await createUser(app, { country: 'KE' });
    learnerToken = await login(app, learner.email, learner.password);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix();
  });

  describe('GET /api/countries (what the sign-up form offers)', () => {
    it('answers 400 for an unsupported language', async () => {
      expect((await http().get('/api/countries').query({ lang: 'de' }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('lists ISO countries, named in the language asked, without signing in', async () => {
      const fr = (await http().get('/api/countries').query({ lang: 'fr' }).expect(200)).body as Array<{
        code: string;
        name: string;
      }>;
      expect(fr).toEqual(
        expect.arrayContaining([
          { code: 'KE', name: 'Kenya' },
          { code: 'DE', name: 'Allemagne' },
        ]),
      );
      expect(fr.some((country) => country.code === 'ZZ')).toBe(false);
    });
  });

  describe('POST /api/auth/register', () => {
    it.each([
      ['a malformed email', { email: 'not-an-email' }],
      ['an unknown property', { role: 'admin' }],
      ['a status of its own choosing', { status: 'active' }],
      ['a country that is not two letters', { country: 'KEN' }],
      ['an unsupported language', { preferredLanguage: 'de' }],
      ['a password that is not a string', { password: 123456789012345 }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_, change) => {
      const response = await postRegister(app, { ...registrationBody(), ...change }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.details).toEqual(expect.arrayContaining([expect.any(String)]));
    });

    it.each(['email', 'password', 'displayName', 'country', 'administration'])(
      'answers 400 VALIDATION_FAILED when %s is missing',
      async (field) => {
        const body: Record<string, unknown> = { ...registrationBody() };
        delete body[field];
        const response = await postRegister(app, body).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.message).toContain(field);
      },
    );

    it('answers 400 VALIDATION_FAILED for an empty body', async () => {
      expect((await postRegister(app, {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 400 INVALID_COUNTRY for a code that is no ISO 3166-1 country', async () => {
      const response = await postRegister(app, registrationBody({ country: 'ZZ' })).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_COUNTRY' });
    });

    it.each([
      ['too short', 'short pass'],
      ['too long', 'a'.repeat(64) + 'b'.repeat(65)],
      ['common', 'passwordpassword'],
      ['a keyboard walk', '1qaz2wsx3edc'],
      ['a repetition', 'abcabcabcabcabc'],
    ])('answers 400 PASSWORD_TOO_WEAK for a password that is %s', async (_, password) => {
      const response = await postRegister(app, registrationBody({ password })).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'PASSWORD_TOO_WEAK' });
    });

    it("answers 400 PASSWORD_TOO_WEAK for the person's own email or name", async () => {
      const email = uniqueEmail('amina.odhiambo');
      const ownEmail = await postRegister(app, registrationBody({ email, password: email })).expect(400);
      expect(ownEmail.body.code).toBe('PASSWORD_TOO_WEAK');
      const ownName = await postRegister(
        app,
        registrationBody({ email, displayName: 'Amina Wanjiku Odhiambo', password: 'Amina Wanjiku Odhiambo1' }),
      ).expect(400);
      expect(ownName.body.code).toBe('PASSWORD_TOO_WEAK');
    });

    it('creates an unverified account (201 {id,status}); nothing was created by the refused attempts', async () => {
      const email = uniqueEmail('first-try');
      await postRegister(app, registrationBody({ email, country: 'ZZ' })).expect(400);
      await postRegister(app, registrationBody({ email, password: 'short' })).expect(400);

      const response = await postRegister(app, registrationBody({ email, country: 'ke' })).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'unverified' });
      const [row] = await app
        .get(DataSource)
        .query('SELECT email, country, status, role, password_hash FROM users WHERE id = ?', [response.body.id]);
      expect(row).toMatchObject({ email, country: 'KE', status: 'unverified', role: 'learner' });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    describe('an address that already has an account (the attacker probes for accounts)', () => {
      const rowOf = (email: string) =>
        app
          .get(DataSource)
          .query<Array<Record<string, unknown>>>(
            'SELECT id, email, display_name, password_hash, status, country, administration, preferred_language, token_version, updated_at FROM users WHERE email = ?',
            [email],
          );
      const tokensOf = async (userId: string): Promise<number> =>
        Number(
          (
            await app
              .get(DataSource)
              .query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM one_time_tokens WHERE user_id = ?', [userId])
          )[0].n,
        );

      it('answers 201 {id,status} exactly as a new address does, writes nothing, and mails the owner instead', async () => {
        const owner = await register(app, { preferredLanguage: 'fr', displayName: 'Awa Diop' });
        await nthMailTo(sink, owner.email);
        const before = await rowOf(owner.email);
        const tokensBefore = await tokensOf(owner.id);

        // A stranger, from another address, with details of their own.
        const attempt = registrationBody({
          email: owner.email.toUpperCase(),
          displayName: 'Someone Else',
          country: 'UG',
          administration: 'Another administration',
          password: 'a different passphrase of mine',
        });
        const probe = await postRegister(app, attempt).expect(201);
        const fresh = await postRegister(app, registrationBody()).expect(201);

        expect(Object.keys(probe.body).sort()).toEqual(Object.keys(fresh.body).sort());
        expect(probe.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'unverified' });
        expect(probe.headers['content-type']).toBe(fresh.headers['content-type']);
        // The id is not the account's, nor any account's.
        expect(probe.body.id).not.toBe(owner.id);
        expect(await app.get(DataSource).query('SELECT id FROM users WHERE id = ?', [probe.body.id])).toEqual([]);
        // Nothing of the account changed, nothing was added.
        expect(await rowOf(owner.email)).toEqual(before);
        expect(await tokensOf(owner.id)).toBe(tokensBefore);

        // The owner is told, in their own language; the stranger's address gets nothing.
        const notice = await nthMailTo(sink, owner.email, 2);
        expect(notice.subject).toBe('Quelqu’un a tenté de s’inscrire avec votre adresse sur Clearance');
        expect(notice.text).toContain('Awa Diop');
        expect(notice.text).not.toContain('Someone Else');
        expect(notice.text).not.toMatch(/token=/);
      });

      it('answers a weak password for a taken address with the same 400 as for a new one', async () => {
        const owner = await register(app);
        const taken = await postRegister(app, registrationBody({ email: owner.email, password: 'password123456' }));
        const free = await postRegister(app, registrationBody({ password: 'password123456' }));
        expect(taken.status).toBe(400);
        expect(taken.body).toEqual(free.body);
      });

      it('takes about as long as a new registration (the argon2 hash is computed either way)', async () => {
        const owner = await register(app);
        const timed = async (body: object): Promise<number> => {
          const started = process.hrtime.bigint();
          await postRegister(app, body).expect(201);
          return Number(process.hrtime.bigint() - started) / 1e6;
        };
        const takenTimes: number[] = [];
        const freeTimes: number[] = [];
        for (let i = 0; i < 5; i++) {
          takenTimes.push(await timed(registrationBody({ email: owner.email })));
          freeTimes.push(await timed(registrationBody()));
        }
        const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        // Loose bounds: a shared machine is noisy, but skipping the hash would be ~10× faster.
        expect(median(takenTimes)).toBeGreaterThan(median(freeTimes) / 3);
        expect(median(takenTimes)).toBeLessThan(median(freeTimes) * 3);
      });

      it('mails the owner at most RATE_LIMIT_MAIL_ACCOUNT times (5 an hour), answering 201 all the same', async () => {
        const owner = await register(app);
        await nthMailTo(sink, owner.email);
        for (let i = 0; i < 7; i++) {
          await postRegister(app, registrationBody({ email: owner.email })).expect(201);
        }
        await nthMailTo(sink, owner.email, 6);
        await sleep(1500);
        expect(mailsTo(sink, owner.email)).toHaveLength(6);
      });
    });
  });

  describe('POST /api/auth/verify-email', () => {
    it.each([
      ['no token', {}],
      ['a token that is not a string', { token: 42 }],
      ['an unknown property', { token: 'x', userId: RANDOM_UUID }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_, body) => {
      expect((await postVerify(app, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['garbage', 'garbage'],
      ['a well-formed token nobody was sent', 'A'.repeat(43)],
    ])('answers 400 LINK_INVALID for %s', async (_, token) => {
      const response = await postVerify(app, { token }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'LINK_INVALID' });
    });
  });

  describe('the whole path: register (fr) → mail → verify → pending → approved → signed in', () => {
    let user: Awaited<ReturnType<typeof register>>;
    let token: string;

    it('mails the verification link in the language the person chose', async () => {
      user = await register(app, {
        email: uniqueEmail('awa.ndiaye'),
        displayName: 'Awa Ndiaye',
        preferredLanguage: 'fr',
        administration: 'Kenya Revenue Authority — Mombasa',
      });
      const mail = await nthMailTo(sink, user.email);
      expect(mail.subject).toBe('Confirmez votre adresse électronique pour Clearance');
      expect(mail.text).toContain('Bonjour Awa Ndiaye,');
      expect(mail.html).toContain('<html lang="fr"');
      token = linkIn(mail, app, '/verify-email');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refuses to sign in before the address is confirmed (403 ACCOUNT_UNVERIFIED)', async () => {
      const response = await postLogin(app, user.email, user.password).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'ACCOUNT_UNVERIFIED' });
      expect(response.body.accessToken).toBeUndefined();
    });

    it('the link confirms the address once: {status:"pending"}, then 400 LINK_INVALID', async () => {
      const first = await postVerify(app, { token }).expect(200);
      expect(first.body).toEqual({ status: 'pending' });
      const again = await postVerify(app, { token }).expect(400);
      expect(again.body.code).toBe('LINK_INVALID');
    });

    it('a pending account cannot sign in (403 ACCOUNT_PENDING), told only to whoever knows the password', async () => {
      const response = await postLogin(app, user.email, user.password).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'ACCOUNT_PENDING' });
      expect((await postLogin(app, user.email, 'not the password at all').expect(401)).body.code).toBe(
        'INVALID_CREDENTIALS',
      );
    });

    it("the country's coordinator sees it among the pending registrations", async () => {
      const pending = await listRegistrations({ status: 'pending', pageSize: '100' });
      const item = pending.items.find((registration) => registration.id === user.id);
      expect(item).toMatchObject({
        email: user.email,
        country: 'KE',
        status: 'pending',
        preferredLanguage: 'fr',
        pendingSince: expect.any(String),
      });
      expect(Math.abs(Date.parse(item!.pendingSince!) - Date.now())).toBeLessThan(60_000);
      expect(pending.items.every((registration) => registration.status === 'pending')).toBe(true);
      expect((await listRegistrations({ status: 'pending', q: user.email })).items.map((r) => r.id)).toEqual([user.id]);
    });

    it('the coordinator approves; the learner is mailed (in French) and can sign in, active', async () => {
      const approved = await http()
        .post(`/api/registrations/${user.id}/approve`)
        .set(bearer(coordinatorToken))
        .expect(200);
      expect(approved.body).toEqual({ id: user.id, status: 'active' });

      const mail = await nthMailTo(sink, user.email, 2);
      expect(mail.subject).toBe('Votre compte Clearance a été approuvé');
      expect(mail.text).toContain('Bonjour Awa Ndiaye,');

      const signedIn = await postLogin(app, user.email, user.password).expect(200);
      const me = await http().get('/api/me').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: user.id, status: 'active', roles: ['learner'], country: 'KE' });

      const decisions = await decisionsOf({ userId: user.id });
      expect(decisions.items).toEqual([
        expect.objectContaining({ userId: user.id, outcome: 'approved', decidedBy: coordinatorId, reason: null }),
      ]);
      expect((await listRegistrations({ status: 'pending', q: user.email })).total).toBe(0);
    });
  });

  describe('POST /api/auth/resend-verification', () => {
    const resend = (email: unknown) =>
      http().post('/api/auth/resend-verification').set('X-Forwarded-For', nextClientIp()).send({ email });

    it('answers 400 VALIDATION_FAILED for a malformed address', async () => {
      expect((await resend('nope').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await resend(undefined).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 202 for known and unknown addresses alike; only the known one gets a mail', async () => {
      const unknown = uniqueEmail('nobody');
      const user = await register(app);
      const first = await nthMailTo(sink, user.email);

      const forUnknown = await resend(unknown).expect(202);
      const forKnown = await resend(user.email.toUpperCase()).expect(202);
      expect(forUnknown.body).toEqual(forKnown.body);
      expect(forUnknown.text).toBe(forKnown.text);

      const second = await nthMailTo(sink, user.email, 2);
      expect(linkIn(second, app, '/verify-email')).not.toBe(linkIn(first, app, '/verify-email'));
      await sleep(300);
      expect(mailsTo(sink, unknown)).toHaveLength(0);
    });

    it('an expired link is refused (400 LINK_INVALID); a resent one works', async () => {
      const user = await register(app);
      const token = linkIn(await nthMailTo(sink, user.email), app, '/verify-email');
      await app
        .get(DataSource)
        .query("UPDATE one_time_tokens SET expires_at = ? WHERE user_id = ? AND purpose = 'verify_email'", [
          new Date(Date.now() - 1000),
          user.id,
        ]);
      expect((await postVerify(app, { token }).expect(400)).body.code).toBe('LINK_INVALID');
      await resend(user.email).expect(202);
      const fresh = linkIn(await nthMailTo(sink, user.email, 2), app, '/verify-email');
      expect((await postVerify(app, { token: fresh }).expect(200)).body).toEqual({ status: 'pending' });
    });

    it('a resent link makes the old one invalid', async () => {
      const user = await register(app);
      const oldToken = linkIn(await nthMailTo(sink, user.email), app, '/verify-email');
      await resend(user.email).expect(202);
      const newToken = linkIn(await nthMailTo(sink, user.email, 2), app, '/verify-email');

      expect((await postVerify(app, { token: oldToken }).expect(400)).body.code).toBe('LINK_INVALID');
      expect((await postVerify(app, { token: newToken }).expect(200)).body).toEqual({ status: 'pending' });
    });

    it('sends nothing for an address that is already confirmed', async () => {
      const user = await registerAndVerify();
      await resend(user.email).expect(202);
      await sleep(300);
      expect(mailsTo(sink, user.email)).toHaveLength(1);
    });
  });

  describe('GET /api/registrations', () => {
    it('answers 401 without a token and 403 to a learner', async () => {
      expect((await http().get('/api/registrations').expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await http().get('/api/registrations').set(bearer(learnerToken)).expect(403)).body.code).toBe(
        'FORBIDDEN',
      );
    });

    it.each([
      { status: 'bogus' },
      { country: 'ke' },
      { pageSize: '0' },
      { pageSize: '101' },
      { page: 'x' },
      { x: '1' },
    ])('answers 400 VALIDATION_FAILED for the query %p', async (query) => {
      const response = await http().get('/api/registrations').query(query).set(bearer(coordinatorToken)).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /api/registrations/:userId/approve and /reject', () => {
    it.each(['approve', 'reject'])('%s: 401 without a token, 403 to a learner', async (action) => {
      const body = { reason: 'x' };
      await http().post(`/api/registrations/${RANDOM_UUID}/${action}`).send(body).expect(401);
      const response = await http()
        .post(`/api/registrations/${RANDOM_UUID}/${action}`)
        .set(bearer(learnerToken))
        .send(body)
        .expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });

    it.each(['approve', 'reject'])('%s: 404 REGISTRATION_NOT_FOUND for an unknown user', async (action) => {
      const response = await http()
        .post(`/api/registrations/${RANDOM_UUID}/${action}`)
        .set(bearer(coordinatorToken))
        .send({ reason: 'x' })
        .expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'REGISTRATION_NOT_FOUND' });
    });

    it.each(['approve', 'reject'])('%s: 400 for an id that is not a UUID', async (action) => {
      const response = await http()
        .post(`/api/registrations/not-a-uuid/${action}`)
        .set(bearer(coordinatorToken))
        .send({ reason: 'x' })
        .expect(400);
      expect(response.body.statusCode).toBe(400);
    });

    it.each([
      ['no reason', {}],
      ['a blank reason', { reason: '   ' }],
      ['a reason over 1000 characters', { reason: 'x'.repeat(1001) }],
      ['an unknown property', { reason: 'x', outcome: 'approved' }],
    ])('reject: 400 VALIDATION_FAILED for %s', async (_, body) => {
      const user = await createUser(app, { status: UserStatus.Pending, country: 'KE' });
      const response = await http()
        .post(`/api/registrations/${user.id}/reject`)
        .set(bearer(coordinatorToken))
        .send(body)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('approve: 409 REGISTRATION_NOT_PENDING for an account whose address is not confirmed', async () => {
      const user = await register(app);
      const response = await http()
        .post(`/api/registrations/${user.id}/approve`)
        .set(bearer(coordinatorToken))
        .expect(409);
      expect(response.body.code).toBe('REGISTRATION_NOT_PENDING');
    });

    it('the reject path: the reason is mailed, sign-in is refused, a second decision is 409', async () => {
      const user = await registerAndVerify({ displayName: 'Juma Otieno' });
      expect(user.status).toBe('pending');
      const reason = 'The administration given is not a customs administration.';

      const rejected = await http()
        .post(`/api/registrations/${user.id}/reject`)
        .set(bearer(coordinatorToken))
        .send({ reason: `  ${reason}  ` })
        .expect(200);
      expect(rejected.body).toEqual({ id: user.id, status: 'rejected' });

      const mail = await nthMailTo(sink, user.email, 2);
      expect(mail.subject).toBe('Your Clearance registration was not approved');
      expect(mail.text).toContain(`Reason given: ${reason}`);

      const signIn = await postLogin(app, user.email, user.password).expect(403);
      expect(signIn.body.code).toBe('ACCOUNT_REJECTED');

      for (const [action, body] of [
        ['approve', {}],
        ['reject', { reason: 'again' }],
      ] as const) {
        const response = await http()
          .post(`/api/registrations/${user.id}/${action}`)
          .set(bearer(coordinatorToken))
          .send(body)
          .expect(409);
        expect(response.body.code).toBe('REGISTRATION_NOT_PENDING');
      }
      const decisions = await decisionsOf({ userId: user.id });
      expect(decisions.items).toEqual([expect.objectContaining({ outcome: 'rejected', reason })]);
    });
  });

  describe('auto-approval by email domain: /api/countries/:code/auto-approve-domains', () => {
    const path = '/api/countries/KE/auto-approve-domains';

    it('GET and PUT: 401 without a token, 403 to a learner', async () => {
      await http().get(path).expect(401);
      await http().put(path).send({ domains: [] }).expect(401);
      expect((await http().get(path).set(bearer(learnerToken)).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await http().put(path).set(bearer(learnerToken)).send({ domains: [] }).expect(403)).body.code).toBe(
        'FORBIDDEN',
      );
    });

    it('answers 404 for a country the coordinator does not coordinate', async () => {
      await http().get('/api/countries/TZ/auto-approve-domains').set(bearer(coordinatorToken)).expect(404);
    });

    it.each([
      ['an unknown country', '/api/countries/ZZ/auto-approve-domains', { domains: [] }, 'INVALID_COUNTRY'],
      ['a path that is no country code', '/api/countries/KEN/auto-approve-domains', { domains: [] }, 'INVALID_COUNTRY'],
      ['no domains', path, {}, 'VALIDATION_FAILED'],
      ['domains that are not a list', path, { domains: 'kra.go.ke' }, 'VALIDATION_FAILED'],
      ['something that is not a domain name', path, { domains: ['not a domain'] }, 'VALIDATION_FAILED'],
      ['a bare word', path, { domains: ['localhost'] }, 'VALIDATION_FAILED'],
    ])('PUT answers 400 for %s', async (_, url, body, code) => {
      const response = await http().put(url).set(bearer(coordinatorToken)).send(body).expect(400);
      expect(response.body.code).toBe(code);
    });

    it.each([
      ['gmail.com', ['gmail.com']],
      ['a free-mail domain among real ones', ['kra.go.ke', 'Outlook.com', '@yahoo.fr']],
      ['a subdomain of one', ['eu.mail.yahoo.com']],
    ])('PUT answers 400 FREE_MAIL_DOMAIN for %s, and the list stays as it was', async (_, domains) => {
      const before = (await http().get(path).set(bearer(coordinatorToken)).expect(200)).body;
      const response = await http().put(path).set(bearer(coordinatorToken)).send({ domains }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'FREE_MAIL_DOMAIN' });
      expect(response.body.details).toEqual(
        domains.filter((d) => d !== 'kra.go.ke').map((d) => d.toLowerCase().replace(/^@/, '')),
      );
      expect((await http().get(path).set(bearer(coordinatorToken)).expect(200)).body).toEqual(before);
      // Nor can another country's list be changed that way by the admin.
      const other = await http()
        .put('/api/countries/UG/auto-approve-domains')
        .set(bearer(adminToken))
        .send({ domains });
      expect(other.status).toBe(400);
      expect(other.body.code).toBe('FREE_MAIL_DOMAIN');
      expect(
        (await http().get('/api/countries/UG/auto-approve-domains').set(bearer(adminToken)).expect(200)).body,
      ).toEqual({
        domains: [],
      });
    });

    it('a free-mail domain listed before the rule (straight in the database) approves nobody', async () => {
      await app
        .get(DataSource)
        .query(
          "INSERT INTO auto_approve_domains (country, domain, added_by, added_at) VALUES ('KE', 'gmail.com', ?, NOW(3))",
          [coordinatorId],
        );
      try {
        const user = await registerAndVerify({ email: uniqueEmail('free', 'gmail.com') });
        expect(user.status).toBe('pending');
      } finally {
        await app
          .get(DataSource)
          .query("DELETE FROM auto_approve_domains WHERE country = 'KE' AND domain = 'gmail.com'");
      }
    });

    it('a registration at an allow-listed domain is active as soon as it is verified, by a system decision', async () => {
      const saved = await http()
        .put(path)
        .set(bearer(coordinatorToken))
        .send({ domains: ['KRA.go.ke', '@kra.go.ke', ' kra.go.ke '] })
        .expect(200);
      expect(saved.body).toEqual({ domains: ['kra.go.ke'] });
      expect((await http().get(path).set(bearer(coordinatorToken)).expect(200)).body).toEqual({
        domains: ['kra.go.ke'],
      });

      const user = await register(app, { email: uniqueEmail('x', 'kra.go.ke') });
      const token = linkIn(await nthMailTo(sink, user.email), app, '/verify-email');
      expect((await postVerify(app, { token }).expect(200)).body).toEqual({ status: 'active' });

      const approvedMail = await nthMailTo(sink, user.email, 2);
      expect(approvedMail.subject).toBe('Your Clearance account has been approved');
      await postLogin(app, user.email, user.password).expect(200);

      const decisions = await decisionsOf({ userId: user.id });
      expect(decisions.items).toEqual([
        expect.objectContaining({
          userId: user.id,
          outcome: 'approved',
          decidedBy: null,
          deciderName: null,
          country: 'KE',
        }),
      ]);
      // A registration elsewhere, or at another domain, still waits.
      const other = await registerAndVerify({ email: uniqueEmail('x', 'gmail.com') });
      expect(other.status).toBe('pending');
      const tanzanian = await registerAndVerify({ email: uniqueEmail('y', 'kra.go.ke'), country: 'TZ' });
      expect(tanzanian.status).toBe('pending');

      await http().put(path).set(bearer(coordinatorToken)).send({ domains: [] }).expect(200);
      expect((await http().get(path).set(bearer(coordinatorToken)).expect(200)).body).toEqual({ domains: [] });
    });
  });

  describe('GET /api/registrations/decisions: the append-only decision history', () => {
    it('answers 401 without a token and 403 to a learner', async () => {
      await http().get('/api/registrations/decisions').expect(401);
      await http().get('/api/registrations/decisions').set(bearer(learnerToken)).expect(403);
    });

    it.each([{ userId: 'nope' }, { country: 'ke' }, { pageSize: '500' }, { outcome: 'approved' }])(
      'answers 400 VALIDATION_FAILED for the query %p',
      async (query) => {
        const response = await http()
          .get('/api/registrations/decisions')
          .query(query)
          .set(bearer(coordinatorToken))
          .expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      },
    );

    it('grows by one decision per decided registration and never rewrites one', async () => {
      const [first, second] = [await registerAndVerify(), await registerAndVerify()];
      const before = (await decisionsOf({ country: 'KE' })).total;

      await http().post(`/api/registrations/${first.id}/approve`).set(bearer(coordinatorToken)).expect(200);
      const afterOne = await decisionsOf({ country: 'KE' });
      expect(afterOne.total).toBe(before + 1);
      const [firstDecision] = (await decisionsOf({ userId: first.id })).items;

      await http()
        .post(`/api/registrations/${second.id}/reject`)
        .set(bearer(coordinatorToken))
        .send({ reason: 'Unknown administration' })
        .expect(200);
      // A refused second decision adds nothing.
      await http().post(`/api/registrations/${first.id}/approve`).set(bearer(coordinatorToken)).expect(409);

      const afterTwo = await decisionsOf({ country: 'KE', pageSize: '100' });
      expect(afterTwo.total).toBe(before + 2);
      // Newest first.
      expect(afterTwo.items[0]).toMatchObject({ userId: second.id, outcome: 'rejected' });
      expect(afterTwo.items[1]).toEqual(firstDecision);
      expect((await decisionsOf({ userId: first.id })).items).toEqual([firstDecision]);
      expect((await decisionsOf({ userId: second.id })).items).toEqual([
        expect.objectContaining({ outcome: 'rejected', reason: 'Unknown administration', decidedBy: coordinatorId }),
      ]);
      const [{ count }] = await app
        .get(DataSource)
        .query('SELECT COUNT(*) AS count FROM registration_decisions WHERE user_id IN (?, ?)', [first.id, second.id]);
      expect(Number(count)).toBe(2);
    });
  });

  describe('decisions racing each other', () => {
    it('an approval and a rejection at the same moment: one wins (200), the other is 409, one decision', async () => {
      const user = await registerAndVerify();
      const [approve, reject] = await Promise.all([
        http().post(`/api/registrations/${user.id}/approve`).set(bearer(coordinatorToken)),
        http().post(`/api/registrations/${user.id}/reject`).set(bearer(adminToken)).send({ reason: 'Duplicate' }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([200, 409]);
      expect([approve, reject].find((response) => response.status === 409)!.body.code).toBe('REGISTRATION_NOT_PENDING');
      expect((await decisionsOf({ userId: user.id })).total).toBe(1);
    });

    it('the same link followed twice at once confirms the address once', async () => {
      const user = await register(app);
      const token = linkIn(await nthMailTo(sink, user.email), app, '/verify-email');
      const results = await Promise.all([postVerify(app, { token }), postVerify(app, { token })]);
      expect(results.map((response) => response.status).sort()).toEqual([200, 400]);
    });
  });

  describe('GET /api/registrations/decisions/export.csv', () => {
    const path = '/api/registrations/decisions/export.csv';

    it('answers 401 without a token and 403 to a learner', async () => {
      await http().get(path).expect(401);
      await http().get(path).set(bearer(learnerToken)).expect(403);
    });

    it('answers 400 VALIDATION_FAILED (JSON) for a bad query', async () => {
      const response = await http().get(path).query({ country: 'kenya' }).set(bearer(coordinatorToken));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('exports a header and one row per decision, with formula-like cells defused', async () => {
      const formula = '=HYPERLINK("http://evil.example","click")';
      const hostile = await registerAndVerify({ displayName: '@SUM(1+1)' });
      const plain = await registerAndVerify({ displayName: 'Plain, "Quoted" Name' });
      await http()
        .post(`/api/registrations/${hostile.id}/reject`)
        .set(bearer(coordinatorToken))
        .send({ reason: formula })
        .expect(200);
      await http().post(`/api/registrations/${plain.id}/approve`).set(bearer(coordinatorToken)).expect(200);

      const response = await http().get(path).set(bearer(coordinatorToken)).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
      const rows = parseCsv(response.text);
      expect(rows[0]).toEqual(CSV_HEADER);
      expect(response.text.startsWith(`${CSV_HEADER.join(',')}\r\n`)).toBe(true);

      const { total } = await decisionsOf({});
      expect(rows).toHaveLength(total + 1);
      expect(rows.slice(1).every((row) => row.length === CSV_HEADER.length && row[1] === 'KE')).toBe(true);

      const hostileRow = rows.find((row) => row[3] === hostile.email);
      expect(hostileRow).toEqual([
        expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        'KE',
        'rejected',
        hostile.email,
        "'@SUM(1+1)",
        `'${formula}`,
        'Kenyan Coordinator',
      ]);
      expect(response.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
      const plainRow = rows.find((row) => row[3] === plain.email);
      expect(plainRow).toEqual([
        expect.any(String),
        'KE',
        'approved',
        plain.email,
        'Plain, "Quoted" Name',
        '',
        'Kenyan Coordinator',
      ]);
    });

    it('names the system as the decider of an automatic approval', async () => {
      const response = await http().get(path).set(bearer(coordinatorToken)).expect(200);
      const automatic = parseCsv(response.text).filter((row) => row[6] === 'system');
      expect(automatic.length).toBeGreaterThanOrEqual(1);
      expect(automatic.every((row) => row[2] === 'approved' && row[3].endsWith('@kra.go.ke'))).toBe(true);
    });
  });
});
