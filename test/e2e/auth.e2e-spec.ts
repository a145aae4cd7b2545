import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function signHs256(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('sign-in and the access token', () => {
  let app: TestApp;
  const secret = process.env.JWT_SECRET!;
  const issuer = 'http://localhost:3000';

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('POST /api/auth/login', () => {
    it('answers 400 for a malformed body before checking anything', async () => {
      const response = await request(app.getHttpServer()).post('/api/auth/login').send({ email: 'nope' }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('signs an active user in with an email in any case', async () => {
      const user = await createUser(app);
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: user.email.toUpperCase(), password: user.password })
        .expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        user: { id: user.id, email: user.email, displayName: expect.any(String), country: 'KE', roles: ['learner'] },
      });
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const user = await createUser(app);
      const wrong = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: user.email, password: 'not the password at all' })
        .expect(401);
      const unknown = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'nobody@example.org', password: 'not the password at all' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    });

    it.each([
      [UserStatus.Unverified, 'ACCOUNT_UNVERIFIED'],
      [UserStatus.Pending, 'ACCOUNT_PENDING'],
      [UserStatus.Rejected, 'ACCOUNT_REJECTED'],
      [UserStatus.Suspended, 'ACCOUNT_SUSPENDED'],
    ])('gives a %s account no token (403 %s)', async (status, code) => {
      const user = await createUser(app, { status });
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code });
      expect(response.body.accessToken).toBeUndefined();
    });
  });

  describe('GET /api/me', () => {
    it('answers 401 without a token', async () => {
      const response = await request(app.getHttpServer()).get('/api/me').expect(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('describes the signed-in user', async () => {
      const user = await createUser(app, { role: UserRole.Admin, country: null });
      const token = await login(app, user.email, user.password);
      const response = await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
      expect(response.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: expect.any(String),
        country: null,
        roles: ['admin'],
        status: 'active',
        administration: '',
        jobTitle: '',
        preferredLanguage: 'en',
        coordinatorCountries: [],
      });
    });

    describe('refuses forged and stale tokens with 401', () => {
      let userId: string;
      let sessionId: string;
      const now = () => Math.floor(Date.now() / 1000);
      const claims = () => ({
        sub: userId,
        ver: 0,
        sid: sessionId,
        typ: 'access',
        aud: 'clearance-api',
        iss: issuer,
        iat: now(),
        exp: now() + 600,
      });

      beforeAll(async () => {
        const user = await createUser(app);
        userId = user.id;
        // A real session, so only what each case forges differs from a genuine token.
        const token = await login(app, user.email, user.password);
        sessionId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
      });

      it('accepts a correctly signed token (the control case)', async () => {
        await request(app.getHttpServer())
          .get('/api/me')
          .auth(signHs256(claims(), secret), { type: 'bearer' })
          .expect(200);
      });

      it.each([
        ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
        ['the wrong key', () => signHs256(claims(), 'another secret that is long enough to look real')],
        ['an expired token', () => signHs256({ ...claims(), iat: now() - 7200, exp: now() - 3600 }, secret)],
        ['the wrong audience', () => signHs256({ ...claims(), aud: 'another-service' }, secret)],
        ['the wrong issuer', () => signHs256({ ...claims(), iss: 'https://evil.example' }, secret)],
        ['the wrong type', () => signHs256({ ...claims(), typ: 'refresh' }, secret)],
        ['HS512 instead of the pinned HS256', () => signHs256(claims(), secret, { alg: 'HS512', typ: 'JWT' })],
        [
          'a tampered payload',
          () => {
            const [header, , signature] = signHs256(claims(), secret).split('.');
            return `${header}.${base64url({ ...claims(), sub: 'someone-else' })}.${signature}`;
          },
        ],
        ['garbage', () => 'not.a.token'],
      ])('%s', async (_, token) => {
        const response = await request(app.getHttpServer())
          .get('/api/me')
          .auth(token(), { type: 'bearer' })
          .expect(401);
        expect(response.body).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' });
      });

      it('a token issued before the token version moved on (logout everywhere, suspension…)', async () => {
        const user = await createUser(app);
        const token = await login(app, user.email, user.password);
        await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
        await app.get(DataSource).query('UPDATE users SET token_version = token_version + 1 WHERE id = ?', [user.id]);
        const response = await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(401);
        expect(response.body.code).toBe('TOKEN_INVALID');
      });

      it('a token of a user suspended since it was issued', async () => {
        const user = await createUser(app);
        const token = await login(app, user.email, user.password);
        await app.get(DataSource).query("UPDATE users SET status = 'suspended' WHERE id = ?", [user.id]);
        await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(401);
      });
    });
  });

  describe('what an authenticated request costs', () => {
    /** Counts the statements the api sends through TypeORM while `run` runs. */
    const countQueries = async (run: () => Promise<unknown>): Promise<string[]> => {
      const dataSource = app.get(DataSource);
      const seen: string[] = [];
      const counter: EntitySubscriberInterface = { beforeQuery: (event) => void seen.push(event.query) };
      dataSource.subscribers.push(counter);
      try {
        await run();
      } finally {
        dataSource.subscribers.splice(dataSource.subscribers.indexOf(counter), 1);
      }
      return seen;
    };

    it('is one query: account, session and appointments together, current to the millisecond', async () => {
      const user = await createUser(app, { country: 'KE' });
      const db = app.get(DataSource);
      const appoint = (country: string, startsAt: string, endsAt: string | null) =>
        db.query(
          'INSERT INTO coordinator_appointments (id, user_id, country, appointed_by, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?)',
          [randomUUID(), user.id, country, user.id, new Date(startsAt), endsAt === null ? null : new Date(endsAt)],
        );
      await appoint('UG', '2020-01-01T00:00:00Z', null);
      await appoint('KE', '2020-01-01T00:00:00Z', null);
      await appoint('KE', '2021-01-01T00:00:00Z', null); // a second one in the same country counts once
      await appoint('TZ', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'); // ended
      await appoint('RW', '2999-01-01T00:00:00Z', null); // not started
      const token = await login(app, user.email, user.password);
      const me = await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body).toMatchObject({ roles: ['learner', 'coordinator'], coordinatorCountries: ['KE', 'UG'] });

      // An admin-only route: the roles guard refuses after authentication, so only the guard's queries run.
      const refused = await countQueries(() =>
        request(app.getHttpServer()).get('/api/certificates').auth(token, { type: 'bearer' }).expect(403),
      );
      expect(refused).toHaveLength(1);

      // Nothing is cached: the appointment's end is seen on the very next request.
      await db.query('UPDATE coordinator_appointments SET ends_at = ? WHERE user_id = ? AND country = ?', [
        new Date(Date.now() - 1000),
        user.id,
        'UG',
      ]);
      const after = await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
      expect(after.body).toMatchObject({ roles: ['learner', 'coordinator'], coordinatorCountries: ['KE'] });
    });
  });
});
