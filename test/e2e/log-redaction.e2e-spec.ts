import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { bearer, isolateRedisPrefix, refreshCookieOf } from '../support/accounts';
import { ApiProcess } from '../support/api-process';
import { createTestApp, createUser, nextClientIp, TestApp } from '../support/app';
import { buildPackage, scorm12MultiSco } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** Shaped like the tokens of mailed links (43 base64url characters). */
const MAILED_TOKEN = 'Qm9yZGVyUG9zdHNBdE5hbWFuZ2FBbmRCdXNpYTAxMjM';

/** A SCORM 1.2 commit as scorm-again sends it. */
function commitBody(location: string, commitSequence: number): string {
  return JSON.stringify({
    cmi: {
      suspend_data: '',
      launch_data: '',
      comments: '',
      core: { lesson_location: location, lesson_status: 'incomplete', exit: '', session_time: '00:00:10', score: {} },
      objectives: {},
      interactions: {},
    },
    commitSequence,
  });
}

/**
 * Issue 12 item 4: the real api (its own process, LOG_LEVEL=info, its output captured) serves a
 * sign-in, a launch and its commits (JSON and beacon), the player's data and content, a signed
 * download link, verification and reset links, bad requests carrying tokens and a 500 on the commit
 * path; no token, signature or JWT appears anywhere in what it logged.
 */
describe('secrets stay out of the logs', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  const api = new ApiProcess();
  /** Everything that must never be logged, gathered along the way. */
  const secrets = new Map<string, string>();
  let log = '';

  const http = () => request(api.url);
  const keep = (name: string, value: string): string => {
    expect(value.length).toBeGreaterThan(15);
    secrets.set(name, value);
    return value;
  };

  async function signIn(email: string, password: string): Promise<string> {
    const response = await http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', nextClientIp())
      .set('Content-Type', 'application/json')
      .send({ email, password })
      .expect(200);
    keep(`refresh cookie of ${email}`, refreshCookieOf(response)!.value);
    return keep(`access token of ${email}`, (response.body as { accessToken: string }).accessToken);
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('log-redaction');
    app = await createTestApp();
    worker = await startTestWorker({}, [QueueName.Imports]);
    await api.start({ LOG_LEVEL: 'info' });

    const adminUser = await createUser(app, { role: UserRole.Admin, country: null });
    const learnerUser = await createUser(app);
    const rtcUser = await createUser(app, { role: UserRole.RtcStaff, displayName: 'RTC Nairobi' });
    const admin = await signIn(adminUser.email, adminUser.password);
    const learner = await signIn(learnerUser.email, learnerUser.password);
    const rtc = await signIn(rtcUser.email, rtcUser.password);

    // A course, imported through the queue and published.
    const accepted = await http()
      .post('/api/courses/packages')
      .set(bearer(admin))
      .field('language', 'en')
      .attach('file', await buildPackage(scorm12MultiSco({ scos: 2, identifier: 'log-redaction' })), 'course.zip')
      .expect(202);
    let courseId = '';
    for (const deadline = Date.now() + 60_000; !courseId;) {
      const job = (await http().get(`/api/import-jobs/${accepted.body.jobId}`).set(bearer(admin)).expect(200)).body as {
        state: string;
        result: { courseId: string } | null;
      };
      if (job.state === 'completed') {
        courseId = job.result!.courseId;
      } else if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`the test package was not imported: ${JSON.stringify(job)}`);
      } else {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await http().patch(`/api/courses/${courseId}`).set(bearer(admin)).send({ status: 'published' }).expect(200);

    // A launch: commits by JSON and by beacon, with the token in the query string.
    const launched = (await http().post(`/api/courses/${courseId}/launch`).set(bearer(learner)).send({}).expect(200))
      .body as { attemptId: string; launchUrl: string; commitUrl: string };
    const token = keep('launch token', decodeURIComponent(new URL(launched.launchUrl).hash.slice('#token='.length)));
    keep('launch token signature', token.split('.')[2]);
    const commitPath = `/api/attempts/${launched.attemptId}/commit`;
    await http()
      .post(`${commitPath}?token=${token}`)
      .set('Content-Type', 'application/json')
      .send(commitBody('p1', 1))
      .expect(200);
    await http()
      .post(`${commitPath}?token=${token}&terminate=false&reason=pagehide`)
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send(commitBody('p2', 2))
      .expect(200);
    // Bad requests that carry the token: a broken body, another attempt, a mangled token.
    await http()
      .post(`${commitPath}?token=${token}`)
      .set('Content-Type', 'application/json')
      .send('{"cmi":')
      .expect(400);
    await http()
      .post(`/api/attempts/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f/commit?token=${token}`)
      .set('Content-Type', 'application/json')
      .send(commitBody('p3', 3))
      .expect(404);
    await http()
      .post(`${commitPath}?token=${token.slice(0, -4)}AAAA`)
      .set('Content-Type', 'application/json')
      .send(commitBody('p3', 3))
      .expect(401);
    await http().post(`${commitPath}`).set(bearer(token)).set('Content-Type', 'application/json').send('[').expect(400);

    // The player's data, and the content it points at (signed path prefix) on the content origin.
    const player = (await http().get(`/api/attempts/${launched.attemptId}/player`).set(bearer(token)).expect(200))
      .body as { scoUrl: string };
    const sco = new URL(player.scoUrl);
    keep('content signature', sco.pathname.split('/')[4]);
    await request(sco.origin)
      .get(sco.pathname + sco.search)
      .set('Referer', `${api.url}/play/${launched.attemptId}`)
      .expect(200);
    // A page of the package asking for its neighbour: the browser sends the signed URL as Referer.
    await request(sco.origin)
      .get(sco.pathname.replace(/[^/]+$/, 'sco.js'))
      .set('Referer', player.scoUrl);
    await request(sco.origin)
      .get(sco.pathname.replace(sco.pathname.split('/')[4], 'forged-signature-forged-signature'))
      .expect((response) => expect(response.status).toBeGreaterThanOrEqual(400));

    // A signed download link to a group file, and a tampered one.
    const groupId = (
      await http().post('/api/groups').set(bearer(rtc)).send({ name: 'Minutes', kind: 'material_workshop' }).expect(201)
    ).body.id as string;
    const file = await http()
      .post(`/api/groups/${groupId}/files`)
      .set(bearer(rtc))
      .attach('file', Buffer.from('minutes of the meeting'), 'minutes.txt')
      .expect(201);
    const link = (await http().get(`/api/group-files/${file.body.id}/download-link`).set(bearer(rtc)).expect(200))
      .body as { url: string };
    const linkPath = new URL(link.url, api.url).pathname;
    keep('download token', linkPath.split('/').pop()!);
    await http().get(linkPath).expect(200);
    await http()
      .get(`${linkPath.slice(0, -6)}AAAAAA`)
      .expect((response) => expect(response.status).toBeGreaterThanOrEqual(400));

    // Mailed links as the browser opens them, and as the web app posts their token.
    keep('mailed token', MAILED_TOKEN);
    await http().get(`/verify-email?token=${MAILED_TOKEN}`);
    await http().get(`/reset-password?token=${MAILED_TOKEN}`);
    await http().post('/api/auth/verify-email').send({ token: MAILED_TOKEN }).expect(400);
    await http().post('/api/auth/password-reset/confirm').set('X-Forwarded-For', nextClientIp()).send({
      token: MAILED_TOKEN,
      password: 'a perfectly fine new password',
    });

    // An error path: the commit's table is away for a moment, so the commit fails with a 500.
    const dataSource = app.get(DataSource);
    await dataSource.query('RENAME TABLE attempts TO attempts_away');
    try {
      const failed = await http()
        .post(`${commitPath}?token=${token}`)
        .set('Content-Type', 'application/json')
        .send(commitBody('p4', 4))
        .expect(500);
      expect(failed.body.code).toBe('INTERNAL_ERROR');
    } finally {
      await dataSource.query('RENAME TABLE attempts_away TO attempts');
    }

    await api.stop();
    log = api.log;
    if (process.env.LOG_REDACTION_DUMP) {
      writeFileSync(process.env.LOG_REDACTION_DUMP, log);
    }
  });

  afterAll(async () => {
    await api.stop();
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('logged the requests it served, with the secrets in their URLs redacted', () => {
    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; req?: { url?: string }; err?: unknown });
    const urls = lines.map((line) => line.req?.url ?? '');
    expect(urls).toContainEqual(expect.stringMatching(/\/commit\?token=\[redacted\]$/));
    expect(urls).toContainEqual(expect.stringMatching(/\/commit\?token=\[redacted\]&terminate=false&reason=pagehide$/));
    expect(urls).toContainEqual(expect.stringMatching(/\/download\/\[redacted\]$/));
    // The request logger covers /api; content and the web app's pages (verify-email, reset-password)
    // are not logged by it, and the check below holds for every line whatever logged it.
    // The 500 is logged, with its error and the request it failed.
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((line) => line.err !== undefined)).toBe(true);
    expect(errors.some((line) => /\/commit\?token=\[redacted\]/.test(line.req?.url ?? ''))).toBe(true);
  });

  it('holds no token, signature or JWT anywhere', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    for (const [name, secret] of secrets) {
      expect({ name, found: log.includes(secret) }).toEqual({ name, found: false });
    }
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });
});
