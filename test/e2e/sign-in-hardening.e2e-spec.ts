import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { DEVICE_COOKIE, RateLimitKind, RateLimitService } from '@app/accounts';
import { AppConfig } from '@app/config';
import { createTestApp, createUser, nextClientIp, TestApp } from '../support/app';
import {
  bearer,
  isolateRedisPrefix,
  postLogin,
  REFRESH_COOKIE,
  refreshCookieOf,
  setCookies,
  withEnv,
} from '../support/accounts';

const WRONG = 'not the password at all';
const EVIL = 'https://attacker.example';

function deviceCookieOf(response: Response) {
  return setCookies(response).find((cookie) => cookie.name === DEVICE_COOKIE);
}

function retryAfterOf(response: Response): number {
  const header = response.headers['retry-after'] as string | undefined;
  expect(header).toMatch(/^\d+$/);
  return Number(header);
}

describe('sign-in hardening: no lockout by strangers, no login CSRF (docs/security.md)', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let appOrigin: string;

  const http = () => request(app.getHttpServer());
  const sessionsOf = async (userId: string): Promise<number> =>
    Number(
      (
        await app
          .get(DataSource)
          .query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM auth_sessions WHERE user_id = ?', [userId])
      )[0].n,
    );

  /** Signs in from the app's own page, as the web app does; the response keeps the cookies. */
  const signIn = (email: string, password: string, device?: string, ip = nextClientIp()) => {
    const test = http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', ip)
      .set('Origin', appOrigin)
      .set('Sec-Fetch-Site', 'same-origin');
    return (device ? test.set('Cookie', `${DEVICE_COOKIE}=${device}`) : test).send({ email, password });
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('sign-in-hardening-e2e');
    app = await withEnv(
      { RATE_LIMIT_LOGIN_ACCOUNT: '5/600', RATE_LIMIT_LOGIN_DEVICE: '3/600', RATE_LIMIT_LOGIN_IP: '8/600' },
      () => createTestApp(),
    );
    appOrigin = app.get(AppConfig).publicUrl.origin;
  });

  afterAll(async () => {
    await app?.close();
    restorePrefix();
  });

  describe('login CSRF: sign-in, refresh and logout answer only the app’s own pages, in JSON', () => {
    it.each([
      ['another origin', { Origin: EVIL }],
      ['an opaque origin (sandboxed frame, data: page)', { Origin: 'null' }],
      ['the content origin', { Origin: 'http://127.0.0.1:3000' }],
      ['Sec-Fetch-Site: cross-site, without Origin', { 'Sec-Fetch-Site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ])('login from %s: 403 CROSS_SITE_REQUEST, no cookie, no session', async (_, headers) => {
      const victim = await createUser(app);
      const response = await http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', nextClientIp())
        .set(headers)
        .send({ email: victim.email, password: victim.password })
        .expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: expect.any(String),
        code: 'CROSS_SITE_REQUEST',
      });
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await sessionsOf(victim.id)).toBe(0);
    });

    it.each([
      [
        'form-encoded (an HTML form)',
        'application/x-www-form-urlencoded',
        (e: string, p: string) => `email=${encodeURIComponent(e)}&password=${encodeURIComponent(p)}`,
      ],
      [
        'text/plain (a "simple" fetch)',
        'text/plain',
        (e: string, p: string) => JSON.stringify({ email: e, password: p }),
      ],
      [
        'text/plain;charset=UTF-8',
        'text/plain;charset=UTF-8',
        (e: string, p: string) => JSON.stringify({ email: e, password: p }),
      ],
    ])('login with a %s body: 415 UNSUPPORTED_MEDIA_TYPE, no cookie, no session', async (_, type, body) => {
      const user = await createUser(app);
      const response = await http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', nextClientIp())
        .set('Content-Type', type)
        .send(body(user.email, user.password))
        .expect(415);
      expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await sessionsOf(user.id)).toBe(0);
    });

    it('the attack as a foreign page makes it (form post from another origin): 403, no session', async () => {
      const attacker = await createUser(app);
      const response = await http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', nextClientIp())
        .set({ Origin: EVIL, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' })
        .type('form')
        .send({ email: attacker.email, password: attacker.password })
        .expect(403);
      expect(response.body.code).toBe('CROSS_SITE_REQUEST');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await sessionsOf(attacker.id)).toBe(0);
    });

    it('the app’s own page signs in (Origin = PUBLIC_URL, Sec-Fetch-Site: same-origin); so does a client without either', async () => {
      const user = await createUser(app);
      const own = await signIn(user.email, user.password).expect(200);
      expect(refreshCookieOf(own)).toBeDefined();
      await postLogin(app, user.email, user.password).expect(200);
      expect(await sessionsOf(user.id)).toBe(2);
    });

    it('refresh and logout from another origin: 403, the cookie neither rotated nor cleared, the session lives on', async () => {
      const user = await createUser(app);
      const signedIn = await signIn(user.email, user.password).expect(200);
      const refreshToken = refreshCookieOf(signedIn)!.value;
      const accessToken = (signedIn.body as { accessToken: string }).accessToken;
      const withCookie = (path: string) =>
        http().post(path).set('Cookie', `${REFRESH_COOKIE}=${refreshToken}`).set('Origin', EVIL);

      for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
        const refused = await withCookie(path).send({}).expect(403);
        expect(refused.body.code).toBe('CROSS_SITE_REQUEST');
        expect(refused.headers['set-cookie']).toBeUndefined();
      }
      await http().get('/api/me').set(bearer(accessToken)).expect(200);

      // Same origin but not JSON: 415, and still nothing happened.
      const plain = await http()
        .post('/api/auth/logout')
        .set('Cookie', `${REFRESH_COOKIE}=${refreshToken}`)
        .set('Content-Type', 'text/plain')
        .send('{}')
        .expect(415);
      expect(plain.headers['set-cookie']).toBeUndefined();
      const bare = await http()
        .post('/api/auth/refresh')
        .set('Cookie', `${REFRESH_COOKIE}=${refreshToken}`)
        .expect(415);
      expect(bare.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await http().get('/api/me').set(bearer(accessToken)).expect(200);

      // The untouched refresh token still rotates from the app's own page.
      const rotated = await http()
        .post('/api/auth/refresh')
        .set('Cookie', `${REFRESH_COOKIE}=${refreshToken}`)
        .set('Origin', appOrigin)
        .send({})
        .expect(200);
      expect(refreshCookieOf(rotated)!.value).not.toBe(refreshToken);
    });
  });

  describe('no lockout by strangers (RATE_LIMIT_LOGIN_ACCOUNT=5/600, _DEVICE=3/600, _IP=8/600)', () => {
    it('a sign-in leaves a signed device cookie: HttpOnly, Secure, SameSite=Strict, sent to /api/auth/login only', async () => {
      const user = await createUser(app);
      const response = await signIn(user.email, user.password).expect(200);
      const device = deviceCookieOf(response)!;
      expect(device.value).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      expect(device.attributes.has('httponly')).toBe(true);
      expect(device.attributes.has('secure')).toBe(true);
      expect(device.attributes.get('samesite')?.toLowerCase()).toBe('strict');
      expect(device.attributes.get('path')).toBe('/api/auth/login');
      expect(Number(device.attributes.get('max-age'))).toBeGreaterThanOrEqual(90 * 24 * 3600);
      // It names no one.
      expect(device.value.toLowerCase()).not.toContain(user.email.split('@')[0].toLowerCase());
      // Signing in again from that browser keeps it.
      const again = await signIn(user.email, user.password, device.value).expect(200);
      expect(deviceCookieOf(again)!.value).toBe(device.value);
    });

    it('strangers hammering an account get 429 with Retry-After; the owner’s known device still signs in', async () => {
      const owner = await createUser(app);
      const device = deviceCookieOf(await signIn(owner.email, owner.password).expect(200))!.value;

      // Strangers, each from an address of their own, with wrong passwords, then the right one.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await signIn(owner.email, WRONG)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const refused = await signIn(owner.email, owner.password).expect(429);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
      expect(retryAfterOf(refused)).toBeLessThanOrEqual(600);
      expect(refused.headers['set-cookie']).toBeUndefined();

      const sessionsBefore = await sessionsOf(owner.id);
      // The owner, on the browser they signed in from before, is not locked out.
      const own = await signIn(owner.email, owner.password, device).expect(200);
      expect((own.body as { accessToken: string }).accessToken).toEqual(expect.any(String));
      expect(await sessionsOf(owner.id)).toBe(sessionsBefore + 1);
      // ...and strangers still are.
      await signIn(owner.email, owner.password).expect(429);
    });

    it('a known device has an allowance of its own: 3 wrong passwords, then 429 for that device only', async () => {
      const owner = await createUser(app);
      const device = deviceCookieOf(await signIn(owner.email, owner.password).expect(200))!.value;
      const laptop = deviceCookieOf(await signIn(owner.email, owner.password).expect(200))!.value;
      for (let i = 0; i < 3; i++) {
        await signIn(owner.email, WRONG, device).expect(401);
      }
      const refused = await signIn(owner.email, owner.password, device).expect(429);
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
      // The owner's other browser, and a new one, are unaffected.
      await signIn(owner.email, owner.password, laptop).expect(200);
      await signIn(owner.email, owner.password).expect(200);
    });

    it('a device cookie of another account, or a forged one, counts as a stranger', async () => {
      const victim = await createUser(app);
      const attacker = await createUser(app);
      const attackerDevice = deviceCookieOf(await signIn(attacker.email, attacker.password).expect(200))!.value;
      const [id, mac] = attackerDevice.split('.');
      const forged = [attackerDevice, `${id}.${'A'.repeat(43)}`, `${'B'.repeat(22)}.${mac}`, 'not-a-device-cookie'];
      for (let i = 0; i < 5; i++) {
        await signIn(victim.email, WRONG, forged[i % forged.length]).expect(401);
      }
      for (const cookie of forged) {
        expect((await signIn(victim.email, victim.password, cookie).expect(429)).body.code).toBe('TOO_MANY_REQUESTS');
      }
      expect(await sessionsOf(victim.id)).toBe(0);
      const limits = app.get(RateLimitService);
      expect(await limits.consumed(RateLimitKind.LoginAccount, RateLimitService.accountKey(victim.email))).toBe(9);
    });

    it('per client IP: failures across accounts are capped (8), successes are not counted (an office behind one address)', async () => {
      const office = nextClientIp();
      const colleagues = await Promise.all(Array.from({ length: 10 }, () => createUser(app)));
      for (const colleague of colleagues) {
        await signIn(colleague.email, colleague.password, undefined, office).expect(200);
      }
      const sprayer = nextClientIp();
      const statuses: number[] = [];
      for (const colleague of colleagues) {
        statuses.push((await signIn(colleague.email, WRONG, undefined, sprayer)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
      // The accounts were not charged for what the IP limit refused.
      const limits = app.get(RateLimitService);
      expect(await limits.consumed(RateLimitKind.LoginAccount, RateLimitService.accountKey(colleagues[9].email))).toBe(
        0,
      );
      // The office signs in as before.
      await signIn(colleagues[0].email, colleagues[0].password, undefined, office).expect(200);
    });

    it('strangers locking sign-in do not stop the signed-in owner changing the password', async () => {
      const owner = await createUser(app);
      const signedIn = await signIn(owner.email, owner.password).expect(200);
      const accessToken = (signedIn.body as { accessToken: string }).accessToken;
      for (let i = 0; i < 6; i++) {
        await signIn(owner.email, WRONG);
      }
      await signIn(owner.email, owner.password).expect(429);
      await http()
        .post('/api/me/password')
        .set(bearer(accessToken))
        .send({ currentPassword: owner.password, newPassword: 'a fresh phrase for the border post' })
        .expect(204);
    });

    it('a stolen access token guessing the current password: 3 wrong (RATE_LIMIT_LOGIN_DEVICE), then 429', async () => {
      const owner = await createUser(app);
      const accessToken = (await signIn(owner.email, owner.password).expect(200)).body.accessToken as string;
      const change = (currentPassword: string) =>
        http()
          .post('/api/me/password')
          .set(bearer(accessToken))
          .send({ currentPassword, newPassword: 'a fresh phrase for the border post' });
      // A right one is not counted.
      await change(owner.password).expect(204);
      const token = (await signIn(owner.email, 'a fresh phrase for the border post').expect(200)).body
        .accessToken as string;
      const again = (currentPassword: string) =>
        http()
          .post('/api/me/password')
          .set(bearer(token))
          .send({ currentPassword, newPassword: 'yet another phrase for the post' });
      for (let i = 0; i < 3; i++) {
        expect((await again(WRONG).expect(400)).body.code).toBe('WRONG_PASSWORD');
      }
      const refused = await again('a fresh phrase for the border post').expect(429);
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
      await signIn(owner.email, 'a fresh phrase for the border post').expect(200);
    });
  });
});
