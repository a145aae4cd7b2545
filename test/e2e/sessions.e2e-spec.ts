import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { UserStatus } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, nextClientIp, TestApp } from '../support/app';
import {
  bearer,
  GOOD_PASSWORD,
  isolateRedisPrefix,
  linkIn,
  mailsTo,
  nthMailTo,
  postLogin,
  REFRESH_COOKIE,
  refreshCookieOf,
  sleep,
  uniqueEmail,
} from '../support/accounts';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}

const NEW_PASSWORD = 'customs valuation is article seven';

function sessionIdOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
}

describe('sessions: refresh-token rotation, logout, password change and reset', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;

  const http = () => request(app.getHttpServer());

  const signIn = async (email: string, password: string): Promise<SignedIn & { response: Response }> => {
    const response = await postLogin(app, email, password).expect(200);
    const cookie = refreshCookieOf(response);
    if (!cookie) {
      throw new Error('login set no refresh cookie');
    }
    const accessToken = (response.body as { accessToken: string }).accessToken;
    return { accessToken, refreshToken: cookie.value, sessionId: sessionIdOf(accessToken), response };
  };

  const refresh = (refreshToken?: string) => {
    const test = http().post('/api/auth/refresh');
    return (refreshToken === undefined ? test : test.set('Cookie', `${REFRESH_COOKIE}=${refreshToken}`)).send({});
  };

  const me = (accessToken: string) => http().get('/api/me').set(bearer(accessToken));

  const expectCleared = (response: Response): void => {
    const cookie = refreshCookieOf(response);
    expect(cookie).toBeDefined();
    expect(cookie!.value).toBe('');
    const expires = cookie!.attributes.get('expires');
    const maxAge = cookie!.attributes.get('max-age');
    expect(maxAge === '0' || (expires !== undefined && Date.parse(expires) <= Date.now())).toBe(true);
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('sessions-e2e');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    worker = await startTestWorker({ SMTP_URL: smtpUrl }, [QueueName.Notifications]);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix();
  });

  describe('the refresh cookie', () => {
    it('login sets it HttpOnly, Secure, SameSite=Strict, for /api/auth only, with an expiry', async () => {
      const user = await createUser(app);
      const { response, refreshToken } = await signIn(user.email, user.password);
      const cookie = refreshCookieOf(response)!;
      expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.has('secure')).toBe(true);
      expect(cookie.attributes.get('samesite')?.toLowerCase()).toBe('strict');
      expect(cookie.attributes.get('path')).toBe('/api/auth');
      expect(Date.parse(cookie.attributes.get('expires')!)).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
      expect(response.headers['cache-control']).toBe('no-store');
      // The refresh token is never in the body.
      expect(JSON.stringify(response.body)).not.toContain(refreshToken);
    });
  });

  describe('POST /api/auth/refresh', () => {
    it.each([
      ['no cookie', undefined],
      ['a garbage cookie', 'garbage'],
      ['a well-formed token nobody was given', 'A'.repeat(43)],
    ])('answers 401 for %s', async (_, token) => {
      const response = await refresh(token).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' });
      expect(response.body.accessToken).toBeUndefined();
    });

    it('rotates: a new access token and a different cookie', async () => {
      const user = await createUser(app);
      const first = await signIn(user.email, user.password);
      const response = await refresh(first.refreshToken).expect(200);
      const next = refreshCookieOf(response)!;
      expect(next.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(next.value).not.toBe(first.refreshToken);
      expect(next.attributes.get('path')).toBe('/api/auth');
      expect(next.attributes.has('httponly')).toBe(true);
      const accessToken = (response.body as { accessToken: string }).accessToken;
      // (Within the same second it may equal the first one: same claims, same iat.)
      expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(sessionIdOf(accessToken)).toBe(first.sessionId);
      expect((await me(accessToken).expect(200)).body.id).toBe(user.id);
      // The new cookie refreshes in turn.
      await refresh(next.value).expect(200);
    });

    it('reusing a spent refresh token: 401 TOKEN_REUSED, and the whole session is revoked', async () => {
      const user = await createUser(app);
      const first = await signIn(user.email, user.password);
      const rotated = await refresh(first.refreshToken).expect(200);
      const newCookie = refreshCookieOf(rotated)!.value;
      const newAccess = (rotated.body as { accessToken: string }).accessToken;
      await me(newAccess).expect(200);

      const replay = await refresh(first.refreshToken).expect(401);
      expect(replay.body.code).toBe('TOKEN_REUSED');
      expectCleared(replay);

      const afterReplay = await refresh(newCookie).expect(401);
      expect(afterReplay.body.statusCode).toBe(401);
      expect((await me(newAccess).expect(401)).body.code).toBe('TOKEN_INVALID');
      await me(first.accessToken).expect(401);

      // Another sign-in of the same user is not touched.
      const other = await signIn(user.email, user.password);
      await me(other.accessToken).expect(200);
    });

    it('two refreshes racing with the same cookie: exactly one succeeds', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      expect(results.map((response) => response.status).sort()).toEqual([200, 401]);
      expect(results.find((response) => response.status === 401)!.body.code).toBe('TOKEN_REUSED');
    });

    it('a suspended account cannot refresh', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      await app.get(DataSource).query("UPDATE users SET status = 'suspended' WHERE id = ?", [user.id]);
      const response = await refresh(session.refreshToken).expect(401);
      expect(response.body.accessToken).toBeUndefined();
      // Still refused once the account is active again: the session was ended.
      await app.get(DataSource).query("UPDATE users SET status = 'active' WHERE id = ?", [user.id]);
      await refresh(session.refreshToken).expect(401);
    });

    it('no session outlives its absolute lifetime, however recently refreshed', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      const rotated = await refresh(session.refreshToken).expect(200);
      await app
        .get(DataSource)
        .query('UPDATE auth_sessions SET expires_at = ? WHERE id = ?', [
          new Date(Date.now() - 1000),
          session.sessionId,
        ]);
      await refresh(refreshCookieOf(rotated)!.value).expect(401);
      await me((rotated.body as { accessToken: string }).accessToken).expect(401);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('answers 204 without a cookie (nothing to end) and clears the cookie', async () => {
      const response = await http().post('/api/auth/logout').send({}).expect(204);
      expectCleared(response);
    });

    it('ends the session: 204, cookie cleared, its access token and refresh token refused', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      const other = await signIn(user.email, user.password);

      const response = await http()
        .post('/api/auth/logout')
        .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
        .send({})
        .expect(204);
      expect(response.text).toBe('');
      expectCleared(response);

      expect((await me(session.accessToken).expect(401)).body.code).toBe('TOKEN_INVALID');
      await refresh(session.refreshToken).expect(401);
      // The user's other session lives on.
      await me(other.accessToken).expect(200);
      await refresh(other.refreshToken).expect(200);
    });
  });

  describe('POST /api/me/password', () => {
    const change = (accessToken: string | undefined, body: object) => {
      const test = http().post('/api/me/password');
      return (accessToken ? test.set(bearer(accessToken)) : test).send(body);
    };

    it('answers 401 without a token', async () => {
      await change(undefined, { currentPassword: 'x', newPassword: NEW_PASSWORD }).expect(401);
    });

    it.each([
      ['no current password', { newPassword: NEW_PASSWORD }],
      ['no new password', { currentPassword: 'x' }],
      ['an unknown property', { currentPassword: 'x', newPassword: NEW_PASSWORD, userId: 'someone' }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_, body) => {
      const user = await createUser(app);
      const { accessToken } = await signIn(user.email, user.password);
      expect((await change(accessToken, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 400 WRONG_PASSWORD for a wrong current password, and changes nothing', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      const response = await change(session.accessToken, {
        currentPassword: 'not my password at all',
        newPassword: NEW_PASSWORD,
      }).expect(400);
      expect(response.body.code).toBe('WRONG_PASSWORD');
      await me(session.accessToken).expect(200);
      await postLogin(app, user.email, NEW_PASSWORD).expect(401);
    });

    it('answers 400 PASSWORD_TOO_WEAK for a weak new password', async () => {
      const user = await createUser(app);
      const { accessToken } = await signIn(user.email, user.password);
      const response = await change(accessToken, { currentPassword: user.password, newPassword: 'passwordpassword' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('PASSWORD_TOO_WEAK');
    });

    it('changes it: every old access token and refresh cookie is refused, the new password signs in', async () => {
      const user = await createUser(app);
      const session = await signIn(user.email, user.password);
      const other = await signIn(user.email, user.password);

      const response = await change(session.accessToken, {
        currentPassword: user.password,
        newPassword: NEW_PASSWORD,
      }).expect(204);
      expectCleared(response);

      for (const old of [session, other]) {
        await me(old.accessToken).expect(401);
        await refresh(old.refreshToken).expect(401);
      }
      expect((await postLogin(app, user.email, user.password).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
      const fresh = await signIn(user.email, NEW_PASSWORD);
      await me(fresh.accessToken).expect(200);
    });
  });

  describe('PATCH /api/me', () => {
    it('answers 401 without a token', async () => {
      await http().patch('/api/me').send({ displayName: 'x' }).expect(401);
    });

    it.each([
      ['the country (coordinators decide by country)', { country: 'FR' }],
      ['the email', { email: 'other@example.org' }],
      ['the role', { role: 'admin' }],
      ['the status', { status: 'active' }],
      ['a blank name', { displayName: '   ' }],
      ['an unsupported language', { preferredLanguage: 'de' }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_, body) => {
      const user = await createUser(app);
      const { accessToken } = await signIn(user.email, user.password);
      expect((await http().patch('/api/me').set(bearer(accessToken)).send(body).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await me(accessToken).expect(200)).body).toMatchObject({ country: 'KE', roles: ['learner'] });
    });

    it('updates the profile; later mail comes in the newly chosen language', async () => {
      const user = await createUser(app);
      const { accessToken } = await signIn(user.email, user.password);
      const response = await http()
        .patch('/api/me')
        .set(bearer(accessToken))
        .send({ displayName: '  José Ramírez  ', preferredLanguage: 'es', jobTitle: 'Inspector' })
        .expect(200);
      expect(response.body).toMatchObject({
        id: user.id,
        displayName: 'José Ramírez',
        preferredLanguage: 'es',
        jobTitle: 'Inspector',
        country: 'KE',
      });
      await http()
        .post('/api/auth/password-reset')
        .set('X-Forwarded-For', nextClientIp())
        .send({ email: user.email })
        .expect(202);
      const mail = await nthMailTo(sink, user.email);
      expect(mail.subject).toBe('Restablecimiento de su contraseña de Clearance');
      expect(mail.text).toContain('Estimado/a José Ramírez:');
    });
  });

  describe('password reset by mail', () => {
    const requestReset = (email: unknown) =>
      http().post('/api/auth/password-reset').set('X-Forwarded-For', nextClientIp()).send({ email });
    const confirm = (body: object) =>
      http().post('/api/auth/password-reset/confirm').set('X-Forwarded-For', nextClientIp()).send(body);

    it('POST /api/auth/password-reset answers 400 VALIDATION_FAILED for a malformed address', async () => {
      expect((await requestReset('nope').expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 202 for an unknown address too, and mails nothing for it', async () => {
      const unknown = uniqueEmail('nobody');
      const user = await createUser(app);
      const forUnknown = await requestReset(unknown).expect(202);
      const forKnown = await requestReset(user.email).expect(202);
      expect(forUnknown.text).toBe(forKnown.text);
      await nthMailTo(sink, user.email);
      await sleep(300);
      expect(mailsTo(sink, unknown)).toHaveLength(0);
    });

    it.each([
      ['no token', { password: NEW_PASSWORD }],
      ['no password', { token: 'A'.repeat(43) }],
      ['an unknown property', { token: 'A'.repeat(43), password: NEW_PASSWORD, email: 'x@example.org' }],
    ])('confirm answers 400 VALIDATION_FAILED for %s', async (_, body) => {
      expect((await confirm(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['garbage', 'garbage'],
      ['a well-formed token nobody was sent', 'A'.repeat(43)],
    ])('confirm answers 400 LINK_INVALID for %s', async (_, token) => {
      expect((await confirm({ token, password: NEW_PASSWORD }).expect(400)).body.code).toBe('LINK_INVALID');
    });

    it('the mailed link sets a new password once and ends every session', async () => {
      const user = await createUser(app, { email: uniqueEmail('forgetful'), displayName: 'Forgetful Officer' });
      const session = await signIn(user.email, user.password);

      await requestReset(user.email).expect(202);
      const mail = await nthMailTo(sink, user.email);
      expect(mail.subject).toBe('Reset your Clearance password');
      const token = linkIn(mail, app, '/reset-password');

      // A weak password is refused without spending the link.
      expect((await confirm({ token, password: 'passwordpassword' }).expect(400)).body.code).toBe('PASSWORD_TOO_WEAK');

      await confirm({ token, password: NEW_PASSWORD }).expect(200);
      await me(session.accessToken).expect(401);
      await refresh(session.refreshToken).expect(401);
      await postLogin(app, user.email, user.password).expect(401);
      await signIn(user.email, NEW_PASSWORD);

      const reused = await confirm({ token, password: GOOD_PASSWORD }).expect(400);
      expect(reused.body.code).toBe('LINK_INVALID');
      await postLogin(app, user.email, GOOD_PASSWORD).expect(401);
    });

    it('an expired link is refused with 400 LINK_INVALID', async () => {
      const user = await createUser(app);
      await requestReset(user.email).expect(202);
      const token = linkIn(await nthMailTo(sink, user.email), app, '/reset-password');
      await app
        .get(DataSource)
        .query("UPDATE one_time_tokens SET expires_at = ? WHERE user_id = ? AND purpose = 'reset_password'", [
          new Date(Date.now() - 1000),
          user.id,
        ]);
      expect((await confirm({ token, password: NEW_PASSWORD }).expect(400)).body.code).toBe('LINK_INVALID');
      await postLogin(app, user.email, user.password).expect(200);
    });

    it('a suspended or rejected account is mailed no link', async () => {
      const suspended = await createUser(app, { status: UserStatus.Suspended });
      const rejected = await createUser(app, { status: UserStatus.Rejected });
      const control = await createUser(app);
      await requestReset(suspended.email).expect(202);
      await requestReset(rejected.email).expect(202);
      await requestReset(control.email).expect(202);
      await nthMailTo(sink, control.email);
      await sleep(300);
      expect(mailsTo(sink, suspended.email)).toHaveLength(0);
      expect(mailsTo(sink, rejected.email)).toHaveLength(0);
    });

    it('a newer link makes the older one invalid', async () => {
      const user = await createUser(app);
      await requestReset(user.email).expect(202);
      const older = linkIn(await nthMailTo(sink, user.email), app, '/reset-password');
      await requestReset(user.email).expect(202);
      const newer = linkIn(await nthMailTo(sink, user.email, 2), app, '/reset-password');
      expect((await confirm({ token: older, password: NEW_PASSWORD }).expect(400)).body.code).toBe('LINK_INVALID');
      await confirm({ token: newer, password: NEW_PASSWORD }).expect(200);
    });
  });
});
