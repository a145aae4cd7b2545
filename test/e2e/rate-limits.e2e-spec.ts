import request, { Response } from 'supertest';
import { RateLimitKind, RateLimitService } from '@app/accounts';
import { createTestApp, createUser, nextClientIp, TestApp } from '../support/app';
import {
  isolateRedisPrefix,
  listen,
  postLogin,
  postRegister,
  registrationBody,
  sleep,
  uniqueEmail,
  withEnv,
} from '../support/accounts';

const WRONG = 'not the password at all';

function retryAfterOf(response: Response): number {
  const header = response.headers['retry-after'] as string | undefined;
  expect(header).toMatch(/^\d+$/);
  return Number(header);
}

describe('rate limits: per account and per client IP, counted in Redis', () => {
  let restorePrefix: () => void;
  let app: TestApp;

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('rate-limits-e2e');
    app = await createTestApp();
  });

  afterAll(async () => {
    await app?.close();
    restorePrefix();
  });

  describe('sign-in, per account for strangers (RATE_LIMIT_LOGIN_ACCOUNT, 100 an hour by default)', () => {
    it('200 parallel wrong passwords from 200 addresses: 100 checked (401), 100 refused (429), 200 counted', async () => {
      const user = await createUser(app);
      // A real socket, so 200 requests really are in flight together.
      const server = await listen(app);
      let responses: Response[];
      try {
        responses = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            request(server.url)
              .post('/api/auth/login')
              .set('X-Forwarded-For', nextClientIp())
              // The same account whatever the case of its address.
              .send({ email: i % 2 === 0 ? user.email : user.email.toUpperCase(), password: WRONG }),
          ),
        );
      } finally {
        await server.close();
      }

      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
      // At most 100 password checks an hour against one account, however many clients try at once.
      expect(statuses.filter((status) => status === 401)).toHaveLength(100);
      expect(statuses.filter((status) => status === 429)).toHaveLength(100);
      expect(responses.find((response) => response.status === 401)!.body.code).toBe('INVALID_CREDENTIALS');

      const consumed = await app
        .get(RateLimitService)
        .consumed(RateLimitKind.LoginAccount, RateLimitService.accountKey(user.email));
      expect(consumed).toBe(200);
    });

    it('a malformed body is refused (400) without being counted', async () => {
      const user = await createUser(app);
      const key = RateLimitService.accountKey(user.email);
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('X-Forwarded-For', nextClientIp())
        .send({ email: user.email })
        .expect(400);
      expect(await app.get(RateLimitService).consumed(RateLimitKind.LoginAccount, key)).toBe(0);
    });

    it('a right password is not counted: 20 sign-ins in a row all succeed', async () => {
      const user = await createUser(app);
      for (let i = 0; i < 20; i++) {
        await postLogin(app, user.email, user.password).expect(200);
      }
      const key = RateLimitService.accountKey(user.email);
      expect(await app.get(RateLimitService).consumed(RateLimitKind.LoginAccount, key)).toBe(0);
    });
  });

  describe('sign-in from a browser never used for the account (RATE_LIMIT_LOGIN_ACCOUNT=3/60)', () => {
    let shortApp: TestApp;

    beforeAll(async () => {
      shortApp = await withEnv({ RATE_LIMIT_LOGIN_ACCOUNT: '3/60' }, () => createTestApp());
    });

    afterAll(async () => {
      await shortApp?.close();
    });

    it('the 429 says TOO_MANY_REQUESTS and carries Retry-After in whole seconds; the right password does not help', async () => {
      const user = await createUser(shortApp);
      for (let i = 0; i < 3; i++) {
        await postLogin(shortApp, user.email, WRONG).expect(401);
      }
      const refused = await postLogin(shortApp, user.email, user.password).expect(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.any(String),
        code: 'TOO_MANY_REQUESTS',
      });
      expect(refused.body.accessToken).toBeUndefined();
      const retryAfter = retryAfterOf(refused);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('counts attempts at an unknown address the same way (no hint that it does not exist)', async () => {
      const unknown = uniqueEmail('nobody');
      for (let i = 0; i < 3; i++) {
        await postLogin(shortApp, unknown, WRONG).expect(401);
      }
      expect((await postLogin(shortApp, unknown, WRONG).expect(429)).body.code).toBe('TOO_MANY_REQUESTS');
    });
  });

  describe('the owner signs in once the window has passed (RATE_LIMIT_LOGIN_ACCOUNT=3/2)', () => {
    let shortApp: TestApp;

    beforeAll(async () => {
      shortApp = await withEnv({ RATE_LIMIT_LOGIN_ACCOUNT: '3/2' }, () => createTestApp());
    });

    afterAll(async () => {
      await shortApp?.close();
    });

    it('3 wrong attempts → the 4th is 429 even with the right password → after Retry-After, 200', async () => {
      const user = await createUser(shortApp);
      for (let i = 0; i < 3; i++) {
        await postLogin(shortApp, user.email, WRONG).expect(401);
      }
      const refused = await postLogin(shortApp, user.email, user.password).expect(429);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
      const retryAfter = retryAfterOf(refused);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(2);

      await sleep(retryAfter * 1000 + 100);
      const signedIn = await postLogin(shortApp, user.email, user.password).expect(200);
      expect(signedIn.body.accessToken).toEqual(expect.any(String));
      // A successful sign-in is not counted.
      const key = RateLimitService.accountKey(user.email);
      expect(await shortApp.get(RateLimitService).consumed(RateLimitKind.LoginAccount, key)).toBe(0);
    });
  });

  describe('registration, per client IP (RATE_LIMIT_REGISTER_IP=2/60)', () => {
    let shortApp: TestApp;

    beforeAll(async () => {
      shortApp = await withEnv({ RATE_LIMIT_REGISTER_IP: '2/60' }, () => createTestApp());
    });

    afterAll(async () => {
      await shortApp?.close();
    });

    it('the third registration from one address is 429; another address still registers', async () => {
      const ip = nextClientIp();
      await postRegister(shortApp, registrationBody(), ip).expect(201);
      await postRegister(shortApp, registrationBody(), ip).expect(201);
      const third = registrationBody();
      const refused = await postRegister(shortApp, third, ip).expect(429);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
      const retryAfter = retryAfterOf(refused);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);

      // Nothing was created for the refused one: the same details register from elsewhere.
      const elsewhere = await postRegister(shortApp, third, nextClientIp()).expect(201);
      expect(elsewhere.body).toEqual({ id: expect.any(String), status: 'unverified' });
    });
  });
});
