import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import {
  bearer,
  GOOD_PASSWORD,
  isolateRedisPrefix,
  linkIn,
  nthMailTo,
  postLogin,
  REFRESH_COOKIE,
  refreshCookieOf,
  uniqueEmail,
} from '../support/accounts';
import { createTestApp, createUser, login, nextClientIp, TestApp } from '../support/app';
import { buildPackage, scorm12MultiSco } from '../support/scorm-packages';
import { SmtpSink } from '../support/smtp-sink';
import { startTestWorker, TestWorker } from '../support/test-worker';

const NEW_PASSWORD = 'customs valuation is article seven';

interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

interface Launched {
  attemptId: string;
  token: string;
}

/** A SCORM 1.2 commit as scorm-again sends it. */
function commitBody(location: string, commitSequence: number): Record<string, unknown> {
  return {
    cmi: {
      suspend_data: `data-${location}`,
      launch_data: '',
      comments: '',
      core: {
        lesson_location: location,
        lesson_status: 'incomplete',
        exit: 'suspend',
        session_time: '00:01:00',
        score: {},
      },
      objectives: {},
      interactions: {},
    },
    commitSequence,
  };
}

/**
 * Issue 12 item 1: a launch token belongs to the sign-in session that launched it. Once that
 * session ends (logout, password change or reset, a replayed refresh token, suspension), commit,
 * item launch and the player's data answer 401 and nothing is written (docs/player.md).
 */
describe('launch tokens follow the sign-in session and the account', () => {
  const sink = new SmtpSink();
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let dataSource: DataSource;
  let admin: string;
  let courseId: string;

  const http = () => request(app.getHttpServer());

  async function signIn(email: string, password: string): Promise<SignedIn> {
    const response = await postLogin(app, email, password).expect(200);
    return {
      accessToken: (response.body as { accessToken: string }).accessToken,
      refreshToken: refreshCookieOf(response)!.value,
    };
  }

  async function launch(accessToken: string, itemId = 'part_1'): Promise<Launched> {
    const body = (
      await http().post(`/api/courses/${courseId}/launch`).set(bearer(accessToken)).send({ itemId }).expect(200)
    ).body as { attemptId: string; launchUrl: string };
    return {
      attemptId: body.attemptId,
      token: decodeURIComponent(new URL(body.launchUrl).hash.slice('#token='.length)),
    };
  }

  const commit = (launched: Launched, body: object, beacon = false) => {
    const call = http().post(`/api/attempts/${launched.attemptId}/commit?token=${launched.token}`);
    return beacon
      ? call.set('Content-Type', 'text/plain;charset=UTF-8').send(JSON.stringify(body))
      : call.set('Content-Type', 'application/json').send(JSON.stringify(body));
  };
  const player = (launched: Launched) =>
    http().get(`/api/attempts/${launched.attemptId}/player`).set(bearer(launched.token));
  const launchItem = (launched: Launched, itemId: string, newAttempt = false) =>
    http()
      .post(`/api/attempts/${launched.attemptId}/items/${itemId}/launch`)
      .set(bearer(launched.token))
      .send({ newAttempt });

  async function attemptRow(attemptId: string): Promise<Record<string, unknown>> {
    const rows: Array<Record<string, unknown>> = await dataSource.query('SELECT * FROM attempts WHERE id = ?', [
      attemptId,
    ]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function attemptsOf(userId: string): Promise<unknown[]> {
    return dataSource.query('SELECT * FROM attempts WHERE user_id = ? ORDER BY id', [userId]);
  }

  /** A user with a launch that works: a commit is written, the player loads, another item launches. */
  async function learnerWithLaunch(): Promise<{ id: string; email: string; session: SignedIn; launched: Launched }> {
    const user = await createUser(app, { email: uniqueEmail('officer'), password: GOOD_PASSWORD });
    const session = await signIn(user.email, GOOD_PASSWORD);
    const launched = await launch(session.accessToken);
    await commit(launched, commitBody('before', 1)).expect(200);
    expect((await attemptRow(launched.attemptId)).commit_seq).toBe(1);
    await player(launched).expect(200);
    return { id: user.id, email: user.email, session, launched };
  }

  /** Every use of the launch token answers 401 `code`, and nothing of the user's attempts changes. */
  async function expectStopped(userId: string, launched: Launched, code: string): Promise<void> {
    const before = await attemptsOf(userId);
    expect(before.length).toBeGreaterThan(0);
    expect((await commit(launched, commitBody('after', 2)).expect(401)).body.code).toBe(code);
    expect((await commit(launched, commitBody('beacon', 3), true).expect(401)).body.code).toBe(code);
    const terminate = http()
      .post(`/api/attempts/${launched.attemptId}/commit?token=${launched.token}&terminate=true&reason=pagehide`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(commitBody('terminate', 4)));
    expect((await terminate.expect(401)).body.code).toBe(code);
    expect((await player(launched).expect(401)).body.code).toBe(code);
    expect((await launchItem(launched, 'part_2').expect(401)).body.code).toBe(code);
    expect((await launchItem(launched, 'part_1', true).expect(401)).body.code).toBe(code);
    // Every attempt row of the user exactly as it was (CMI, commit sequence, session, times), none added.
    expect(await attemptsOf(userId)).toEqual(before);
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('launch-sessions');
    const smtpUrl = await sink.start();
    app = await createTestApp();
    dataSource = app.get(DataSource);
    worker = await startTestWorker({ SMTP_URL: smtpUrl }, [QueueName.Imports, QueueName.Notifications]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    admin = await login(app, a.email, a.password);
    const accepted = await http()
      .post('/api/courses/packages')
      .set(bearer(admin))
      .field('language', 'en')
      .attach('file', await buildPackage(scorm12MultiSco({ scos: 2, identifier: 'launch-sessions' })), 'course.zip')
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await http().get(`/api/import-jobs/${accepted.body.jobId}`).set(bearer(admin)).expect(200)).body as {
        state: string;
        result: { courseId: string } | null;
      };
      if (job.state === 'completed') {
        courseId = job.result!.courseId;
        break;
      }
      if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`the test package was not imported: ${JSON.stringify(job)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await http().patch(`/api/courses/${courseId}`).set(bearer(admin)).send({ status: 'published' }).expect(200);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink.stop();
    restorePrefix?.();
  });

  it('a live launch works, survives an ordinary refresh, and mints launch tokens of the same sign-in', async () => {
    const { launched, session } = await learnerWithLaunch();
    const refreshed = await http()
      .post('/api/auth/refresh')
      .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
      .set('Content-Type', 'application/json')
      .send({})
      .expect(200);
    expect(refreshCookieOf(refreshed)!.value).not.toBe(session.refreshToken);
    await commit(launched, commitBody('refreshed', 2)).expect(200);
    const next = (await launchItem(launched, 'part_2').expect(200)).body as { attemptId: string; launchUrl: string };
    const nextLaunch = {
      attemptId: next.attemptId,
      token: decodeURIComponent(new URL(next.launchUrl).hash.slice('#token='.length)),
    };
    await player(nextLaunch).expect(200);
    await commit(nextLaunch, commitBody('part-2', 1)).expect(200);
  });

  it('logout stops the launch tokens of that sign-in only', async () => {
    const { id, email, session, launched } = await learnerWithLaunch();
    // The same person signed in on another device, launching another item there.
    const elsewhere = await signIn(email, GOOD_PASSWORD);
    const other = await launch(elsewhere.accessToken, 'part_2');
    await http()
      .post('/api/auth/logout')
      .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
      .set('Content-Type', 'application/json')
      .send({})
      .expect(204);
    await expectStopped(id, launched, 'SESSION_ENDED');
    // The launch tokens derived from an ended sign-in stay dead; the other device's go on.
    await commit(other, commitBody('other-device', 1)).expect(200);
    await player(other).expect(200);
  });

  it('a password change stops every launch token of the account', async () => {
    const { id, email, session, launched } = await learnerWithLaunch();
    const elsewhere = await signIn(email, GOOD_PASSWORD);
    const other = await launch(elsewhere.accessToken, 'part_2');
    await http()
      .post('/api/me/password')
      .set(bearer(session.accessToken))
      .send({ currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    await expectStopped(id, launched, 'SESSION_ENDED');
    await expectStopped(id, other, 'SESSION_ENDED');
    // Signing in again gives a new sign-in whose launches work; the old tokens stay dead.
    const again = await signIn(email, NEW_PASSWORD);
    const fresh = await launch(again.accessToken, 'part_1');
    await commit(fresh, commitBody('new-sign-in', 1)).expect(200);
    expect((await commit(launched, commitBody('old', 9)).expect(401)).body.code).toBe('SESSION_ENDED');
  });

  it('a password reset by mail stops every launch token of the account', async () => {
    const { id, email, launched } = await learnerWithLaunch();
    await http().post('/api/auth/password-reset').set('X-Forwarded-For', nextClientIp()).send({ email }).expect(202);
    const token = linkIn(await nthMailTo(sink, email), app, '/reset-password');
    await http()
      .post('/api/auth/password-reset/confirm')
      .set('X-Forwarded-For', nextClientIp())
      .send({ token, password: NEW_PASSWORD })
      .expect(200);
    await expectStopped(id, launched, 'SESSION_ENDED');
  });

  it('a replayed refresh token ends the sign-in and its launch tokens', async () => {
    const { id, session, launched } = await learnerWithLaunch();
    const refresh = (cookie: string) =>
      http()
        .post('/api/auth/refresh')
        .set('Cookie', `${REFRESH_COOKIE}=${cookie}`)
        .set('Content-Type', 'application/json')
        .send({});
    await refresh(session.refreshToken).expect(200);
    // The spent token again (stolen and replayed): the whole sign-in is revoked.
    expect((await refresh(session.refreshToken).expect(401)).body.code).toBe('TOKEN_REUSED');
    await expectStopped(id, launched, 'SESSION_ENDED');
  });

  it('suspension stops launch tokens at once, and reinstatement does not revive them', async () => {
    const { id, launched } = await learnerWithLaunch();
    await http().post(`/api/admin/users/${id}/suspend`).set(bearer(admin)).send({}).expect(200);
    await expectStopped(id, launched, 'ACCOUNT_INACTIVE');
    await http().post(`/api/admin/users/${id}/reinstate`).set(bearer(admin)).send({}).expect(200);
    await expectStopped(id, launched, 'SESSION_ENDED');
  });

  it('an account no longer active stops launch tokens even while the sign-in is not revoked', async () => {
    // Whatever path makes the account inactive (an operator's change in the database included).
    const { id, launched } = await learnerWithLaunch();
    await dataSource.query("UPDATE users SET status = 'suspended' WHERE id = ?", [id]);
    await expectStopped(id, launched, 'ACCOUNT_INACTIVE');
    await dataSource.query("UPDATE users SET status = 'active' WHERE id = ?", [id]);
    await commit(launched, commitBody('active-again', 2)).expect(200);
  });

  it("another user's attempt is still 404, with a live or an ended launch token", async () => {
    const mine = await learnerWithLaunch();
    const theirs = await learnerWithLaunch();
    const before = await attemptRow(theirs.launched.attemptId);
    const crossed = { attemptId: theirs.launched.attemptId, token: mine.launched.token };
    expect((await commit(crossed, commitBody('hijack', 5)).expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    expect((await player(crossed).expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    expect((await launchItem(crossed, 'part_2').expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    await http()
      .post('/api/auth/logout')
      .set('Cookie', `${REFRESH_COOKIE}=${mine.session.refreshToken}`)
      .set('Content-Type', 'application/json')
      .send({})
      .expect(204);
    expect((await commit(crossed, commitBody('hijack', 6)).expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    expect((await player(crossed).expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    expect((await launchItem(crossed, 'part_2').expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
    expect(await attemptRow(theirs.launched.attemptId)).toEqual(before);
    // Theirs still works.
    await commit(theirs.launched, commitBody('theirs', 2)).expect(200);
  });
});
