import { hkdfSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { AppConfig } from '@app/config';
import { parseIsoDuration } from '@app/learning';
import { QueueName } from '@app/queue';
import { loggerParams } from '../../apps/api/src/logger';
import { isolateRedisPrefix } from '../support/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import {
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Sequenced,
  scorm2004Single,
  writePackage,
  type CourseSpec,
} from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

const MISSING = '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';
const MULTI_SCOS = 6;

/** The courses of this file: the project's generated packages (test/support/scorm-packages). */
const FIXTURE_SPECS = {
  basic12: () => scorm12Bookmark(),
  multi12: () => scorm12MultiSco({ scos: MULTI_SCOS }),
  assets12: () => scorm12MultiSco({ scos: 0, assets: 4 }),
  single2004: () => scorm2004Single('2004-2nd'),
  basic2004: () => scorm2004Single('2004-3rd'),
  seq2004: () => scorm2004Sequenced(),
} satisfies Record<string, () => CourseSpec>;
type Fixture = keyof typeof FIXTURE_SPECS;

interface Launch {
  attemptId: string;
  launchUrl: string;
  commitUrl: string;
}

interface AttemptRow {
  id: string;
  number: number;
  session_no: number;
  commit_seq: number;
  completion_status: string;
  success_status: string;
  score_scaled: string | null;
  exit_mode: string;
  terminated: number;
  base_seconds: string;
  session_seconds: string;
  total_seconds: string;
  cmi: unknown;
}

/** A SCORM 2004 commit as scorm-again sends it. */
function cmi2004(fields: Record<string, unknown>, commitSequence?: number): Record<string, unknown> {
  return {
    cmi: {
      completion_status: 'incomplete',
      success_status: 'unknown',
      exit: '',
      location: '',
      suspend_data: '',
      session_time: 'PT0H0M0S',
      score: { scaled: '', raw: '', min: '', max: '' },
      interactions: {},
      objectives: {},
      ...fields,
    },
    ...(commitSequence === undefined ? {} : { commitSequence }),
  };
}

/** A SCORM 1.2 commit as scorm-again sends it. */
function cmi12(core: Record<string, unknown>, extra: Record<string, unknown> = {}, commitSequence?: number) {
  return {
    cmi: {
      suspend_data: '',
      launch_data: '',
      comments: '',
      core: {
        lesson_location: '',
        lesson_status: 'incomplete',
        exit: '',
        session_time: '00:00:00',
        score: {},
        ...core,
      },
      objectives: {},
      interactions: {},
      ...extra,
    },
    ...(commitSequence === undefined ? {} : { commitSequence }),
  };
}

describe('SCORM run-time: enrolment, launch, commits and progress', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let dataSource: DataSource;
  let admin: string;
  let learner: string;
  let learnerId: string;
  let other: string;
  let otherId: string;
  const courses = {} as Record<Fixture, string>;
  const items = {} as Record<Fixture, Array<{ id: string; title: string; type: string }>>;

  const server = () => app.getHttpServer();
  const as = (token: string) => ({
    get: (url: string) => request(server()).get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => request(server()).post(url).auth(token, { type: 'bearer' }).send(body),
  });
  /** Path and query of an absolute URL of the app. */
  const local = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  };
  const tokenOf = (launch: Launch) => decodeURIComponent(new URL(launch.launchUrl).hash.replace('#token=', ''));

  async function launch(token: string, course: Fixture, body: object = {}): Promise<Launch> {
    return (await as(token).post(`/api/courses/${courses[course]}/launch`, body).expect(200)).body as Launch;
  }
  function commit(launched: Launch, body: unknown, options: { text?: boolean; query?: string } = {}) {
    const call = request(server()).post(local(launched.commitUrl) + (options.query ?? ''));
    return options.text
      ? call
          .set('Content-Type', 'text/plain;charset=UTF-8')
          .send(typeof body === 'string' ? body : JSON.stringify(body))
      : call.set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  }
  function player(launched: Launch, token = tokenOf(launched)) {
    return request(server()).get(`/api/attempts/${launched.attemptId}/player`).auth(token, { type: 'bearer' });
  }
  async function row(attemptId: string): Promise<AttemptRow> {
    const rows: AttemptRow[] = await dataSource.query('SELECT * FROM attempts WHERE id = ?', [attemptId]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function importFixture(file: string): Promise<string> {
    const upload = await request(server())
      .post('/api/courses/packages')
      .auth(admin, { type: 'bearer' })
      .field('language', 'en')
      .attach('file', file)
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await as(admin).get(`/api/import-jobs/${upload.body.jobId}`).expect(200)).body;
      if (job.state === 'completed') {
        return job.result.courseId as string;
      }
      if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`import of ${file}: ${job.state} ${job.error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('learning');
    app = await createTestApp();
    await resetDatabase(app);
    dataSource = app.get(DataSource);
    worker = await startTestWorker({}, [QueueName.Imports]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app, { displayName: 'Amina Learner' });
    const o = await createUser(app);
    learnerId = l.id;
    otherId = o.id;
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
    other = await login(app, o.email, o.password);
    for (const [key, spec] of Object.entries(FIXTURE_SPECS) as Array<[Fixture, () => CourseSpec]>) {
      courses[key] = await importFixture(await writePackage(spec()));
      await request(server())
        .patch(`/api/courses/${courses[key]}`)
        .auth(admin, { type: 'bearer' })
        .send({ status: 'published' })
        .expect(200);
      const detail = (await as(learner).get(`/api/courses/${courses[key]}`).expect(200)).body;
      items[key] = detail.packages[0].items;
    }
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  describe('enrolment', () => {
    it('needs a signed-in user, a valid id and a published course', async () => {
      await request(server()).post(`/api/courses/${courses.basic12}/enrolments`).expect(401);
      await request(server()).post(`/api/courses/${courses.basic12}/launch`).send({}).expect(401);
      await as(learner).post('/api/courses/not-a-uuid/enrolments').expect(400);
      expect((await as(learner).post(`/api/courses/${MISSING}/enrolments`).expect(404)).body.code).toBe(
        'COURSE_NOT_FOUND',
      );
      const draft = (
        await as(admin)
          .post('/api/courses', { topic: 'tir', texts: [{ language: 'en', title: 'Draft', description: '' }] })
          .expect(201)
      ).body.id;
      expect((await as(learner).post(`/api/courses/${draft}/enrolments`).expect(404)).body.code).toBe(
        'COURSE_NOT_FOUND',
      );
      expect((await as(learner).post(`/api/courses/${draft}/launch`).expect(404)).body.code).toBe('COURSE_NOT_FOUND');
      // Publishing a course with nothing to launch is refused (docs/catalogue.md)…
      const refused = await request(server())
        .patch(`/api/courses/${draft}`)
        .auth(admin, { type: 'bearer' })
        .send({ status: 'published' })
        .expect(409);
      expect(refused.body.code).toBe('COURSE_NOT_LAUNCHABLE');
      // …but one published before that rule (here by SQL) still says why it cannot start.
      await app.get(DataSource).query("UPDATE courses SET status = 'published' WHERE id = ?", [draft]);
      expect((await as(learner).post(`/api/courses/${draft}/launch`).expect(409)).body.code).toBe(
        'COURSE_HAS_NO_PACKAGE',
      );
    });

    it('is idempotent', async () => {
      const first = await as(learner).post(`/api/courses/${courses.single2004}/enrolments`).expect(201);
      const again = await as(learner).post(`/api/courses/${courses.single2004}/enrolments`).expect(201);
      expect(first.body).toEqual({ courseId: courses.single2004, enrolledAt: expect.any(String) });
      expect(again.body).toEqual(first.body);
      const rows = await dataSource.query('SELECT COUNT(*) AS n FROM enrolments WHERE user_id = ? AND course_id = ?', [
        learnerId,
        courses.single2004,
      ]);
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('launch and player data', () => {
    it('launches every item of every fixture with the data the player needs', async () => {
      const config = app.get(AppConfig);
      const withParameters: Record<string, string[]> = {};
      for (const key of Object.keys(FIXTURE_SPECS) as Fixture[]) {
        withParameters[key] = [];
        for (const item of items[key]) {
          const launched = await launch(other, key, { itemId: item.id });
          expect(launched.launchUrl).toBe(
            `${config.publicUrl.origin}/play/${launched.attemptId}#token=${encodeURIComponent(tokenOf(launched))}`,
          );
          expect(launched.commitUrl).toBe(
            `${config.publicUrl.origin}/api/attempts/${launched.attemptId}/commit?token=${tokenOf(launched)}`,
          );
          const data = (await player(launched).expect(200)).body;
          expect(data.attempt).toEqual({
            id: launched.attemptId,
            number: 1,
            itemId: item.id,
            mode: 'normal',
            credit: 'credit',
            entry: 'ab-initio',
          });
          expect(data.learner.id).toBe(otherId);
          expect(data.items).toHaveLength(items[key].length);
          expect(data.organization.items.length).toBeGreaterThan(0);
          expect(data.scoUrl.startsWith(`${config.contentUrl.origin}/content/`)).toBe(true);
          expect(data.launcherUrl).toBe(`${config.contentUrl.origin}/content/_launcher/launcher.html`);
          expect(data.commitUrl).toBe(launched.commitUrl);
          // The item's file is really served under the signed prefix.
          const sco = new URL(data.scoUrl);
          await request(server()).get(sco.pathname).set('Host', sco.host).expect(200);
          if (sco.search) {
            withParameters[key].push(sco.search);
          }
          if (data.standard === 'scorm12') {
            expect(data.cmi.core).toEqual(
              expect.objectContaining({
                student_id: otherId,
                credit: 'credit',
                entry: 'ab-initio',
                lesson_mode: 'normal',
                total_time: '00:00:00',
              }),
            );
          } else {
            expect(data.cmi).toEqual(
              expect.objectContaining({
                learner_id: otherId,
                credit: 'credit',
                mode: 'normal',
                entry: 'ab-initio',
                total_time: 'PT0H0M0S',
              }),
            );
          }
        }
      }
      // The manifests' item parameters (?part=…) reach the content URL (SCORM CAM rules).
      expect(withParameters.multi12.sort()).toEqual(
        Array.from({ length: MULTI_SCOS }, (_, i) => `?part=${i + 1}`).sort(),
      );
      expect(withParameters.assets12).toHaveLength(4);
      expect(withParameters.basic2004).toEqual([]);
    });

    it('without itemId, opens the item last launched, else the first', async () => {
      const first = await launch(learner, 'multi12');
      expect((await player(first).expect(200)).body.attempt.itemId).toBe(items.multi12[0].id);
      const third = await launch(learner, 'multi12', { itemId: items.multi12[2].id });
      const again = await launch(learner, 'multi12');
      expect(again.attemptId).toBe(third.attemptId);
      expect(
        (await as(learner).post(`/api/courses/${courses.multi12}/launch`, { itemId: 'nope' }).expect(404)).body.code,
      ).toBe('ITEM_NOT_FOUND');
      await as(learner).post(`/api/courses/${courses.multi12}/launch`, { itemId: 42 }).expect(400);
    });

    it('simultaneous launches of a new item make one attempt, and one live session', async () => {
      const fresh = await createUser(app);
      const token = await login(app, fresh.email, fresh.password);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          as(token).post(`/api/courses/${courses.seq2004}/launch`, { itemId: items.seq2004[2].id }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
      const rows: Array<{ id: string; number: number; session_no: number }> = await dataSource.query(
        'SELECT id, number, session_no FROM attempts WHERE user_id = ?',
        [fresh.id],
      );
      expect(rows).toHaveLength(1);
      expect(new Set(answers.map((answer) => (answer.body as Launch).attemptId))).toEqual(new Set([rows[0].id]));
      // Each launch started its own session; only the last one's token still writes.
      expect(rows[0].session_no).toBe(6);
      const statuses = await Promise.all(answers.map(async (answer) => (await player(answer.body as Launch)).status));
      expect(statuses.sort()).toEqual([200, 409, 409, 409, 409, 409]);
    });

    it('moves to another item of the package with the launch token', async () => {
      const first = await launch(learner, 'seq2004', { itemId: items.seq2004[0].id });
      const url = `/api/attempts/${first.attemptId}/items/${encodeURIComponent(items.seq2004[1].id)}/launch`;
      await request(server()).post(url).send({}).expect(401);
      await request(server()).post(url).auth(learner, { type: 'bearer' }).send({}).expect(401);
      const moved = (await request(server()).post(url).auth(tokenOf(first), { type: 'bearer' }).send({}).expect(200))
        .body as Launch;
      expect(moved.attemptId).not.toBe(first.attemptId);
      expect((await player(moved).expect(200)).body.attempt.itemId).toBe(items.seq2004[1].id);
      const bad = `/api/attempts/${first.attemptId}/items/nope/launch`;
      expect(
        (await request(server()).post(bad).auth(tokenOf(first), { type: 'bearer' }).send({}).expect(404)).body.code,
      ).toBe('ITEM_NOT_FOUND');
      // Another attempt's id with this token: not found.
      const elsewhere = `/api/attempts/${moved.attemptId}/items/${encodeURIComponent(items.seq2004[2].id)}/launch`;
      expect(
        (await request(server()).post(elsewhere).auth(tokenOf(first), { type: 'bearer' }).send({}).expect(404)).body
          .code,
      ).toBe('ATTEMPT_NOT_FOUND');
    });

    it('names the learner, the course and the origins', async () => {
      const launched = await launch(learner, 'seq2004', { itemId: items.seq2004[0].id });
      const data = (await player(launched).expect(200)).body;
      expect(data.standard).toBe('scorm2004');
      expect(data.edition).toBe('3rd');
      expect(data.cmi.learner_name).toBe('Amina Learner');
      expect(data.learner.name).toBe('Amina Learner');
      expect(data.course.id).toBe(courses.seq2004);
      expect(data.courseUrl).toBe(`/courses/${courses.seq2004}`);
      expect(data.contentOrigin).toBe(app.get(AppConfig).contentUrl.origin);
    });
  });

  describe('commits', () => {
    it('are refused without a valid launch token, for another attempt, or with an access token', async () => {
      const launched = await launch(learner, 'basic2004');
      const path = `/api/attempts/${launched.attemptId}/commit`;
      const body = cmi2004({ location: 'p2' }, 1);
      expect((await request(server()).post(path).send(body).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await request(server()).post(`${path}?token=nonsense`).send(body).expect(401)).body.code).toBe(
        'TOKEN_INVALID',
      );
      expect((await request(server()).post(`${path}?token=${learner}`).send(body).expect(401)).body.code).toBe(
        'TOKEN_INVALID',
      );
      // Signed with the access-token key (not the launch key): refused.
      const config = app.get(AppConfig);
      const jwt = new JwtService({});
      const sid = jwt.decode<{ sid: string }>(learner).sid;
      const claims = { typ: 'launch', sub: learnerId, sid, att: launched.attemptId, ses: 1, std: 'scorm2004' };
      const wrongKey = jwt.sign(claims, {
        secret: config.jwtSecret,
        audience: 'clearance-launch',
        issuer: config.publicUrl.origin,
        expiresIn: 60,
      });
      await request(server()).post(`${path}?token=${wrongKey}`).send(body).expect(401);
      // The right key, but expired.
      const key = Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), 'clearance-launch-token', 32));
      const expired = jwt.sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
        { secret: key, audience: 'clearance-launch', issuer: config.publicUrl.origin },
      );
      expect((await request(server()).post(`${path}?token=${expired}`).send(body).expect(401)).body.code).toBe(
        'TOKEN_INVALID',
      );
      const forgedAlg = jwt.sign(claims, {
        secret: key,
        algorithm: 'HS512',
        audience: 'clearance-launch',
        issuer: config.publicUrl.origin,
      });
      await request(server()).post(`${path}?token=${forgedAlg}`).send(body).expect(401);
      // The same key and claims, still valid: accepted (so the refusals above are about the token).
      const valid = jwt.sign(claims, {
        secret: key,
        audience: 'clearance-launch',
        issuer: config.publicUrl.origin,
        expiresIn: 60,
      });
      await request(server()).post(`${path}?token=${valid}`).send(body).expect(200);
      expect((await row(launched.attemptId)).cmi).toEqual(expect.objectContaining({ location: 'p2' }));
    });

    it("never writes another learner's attempt", async () => {
      const mine = await launch(learner, 'single2004');
      const theirs = await launch(other, 'single2004');
      const before = await row(theirs.attemptId);
      // My token, their attempt id.
      const response = await request(server())
        .post(`/api/attempts/${theirs.attemptId}/commit?token=${tokenOf(mine)}`)
        .send(cmi2004({ location: 'hijack', completion_status: 'completed' }, 1))
        .expect(404);
      expect(response.body.code).toBe('ATTEMPT_NOT_FOUND');
      // My token in the Authorization header, their id.
      await request(server())
        .post(`/api/attempts/${theirs.attemptId}/commit`)
        .auth(tokenOf(mine), { type: 'bearer' })
        .send(cmi2004({ location: 'hijack' }, 2))
        .expect(404);
      expect((await player(theirs, tokenOf(mine)).expect(404)).body.code).toBe('ATTEMPT_NOT_FOUND');
      // A (validly signed) token naming their attempt but me as the learner: the SQL is scoped by user.
      const config = app.get(AppConfig);
      const key = Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), 'clearance-launch-token', 32));
      const sid = new JwtService({}).decode<{ sid: string }>(learner).sid;
      const crossed = new JwtService({}).sign(
        { typ: 'launch', sub: learnerId, sid, att: theirs.attemptId, ses: before.session_no, std: 'scorm2004' },
        { secret: key, audience: 'clearance-launch', issuer: config.publicUrl.origin, expiresIn: 60 },
      );
      await request(server())
        .post(`/api/attempts/${theirs.attemptId}/commit?token=${crossed}`)
        .send(cmi2004({ location: 'hijack' }, 3))
        .expect(404);
      await player(theirs, crossed).expect(404);
      expect(await row(theirs.attemptId)).toEqual(before);
      // Their history is not mine.
      const history = (await as(learner).get(`/api/me/learning/${courses.single2004}/attempts`).expect(200)).body;
      expect(history.map((h: { attemptId: string }) => h.attemptId)).not.toContain(theirs.attemptId);
    });

    it('accept JSON and text/plain (sendBeacon), in the Authorization header too, and answer the SCORM result', async () => {
      const launched = await launch(learner, 'basic2004');
      const json = await commit(launched, cmi2004({ location: 'page-3', suspend_data: 'abc' }, 1)).expect(200);
      expect(json.body).toEqual({ result: true, errorCode: 0 });
      expect(json.headers).toEqual(
        expect.objectContaining({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }),
      );
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect((await row(launched.attemptId)).cmi).toEqual(expect.objectContaining({ location: 'page-3' }));
      const beacon = await commit(launched, cmi2004({ location: 'page-4' }, 2), { text: true }).expect(200);
      expect(beacon.body).toEqual({ result: true, errorCode: 0 });
      expect((await row(launched.attemptId)).cmi).toEqual(expect.objectContaining({ location: 'page-4' }));
      await request(server())
        .post(`/api/attempts/${launched.attemptId}/commit`)
        .auth(tokenOf(launched), { type: 'bearer' })
        .send(cmi2004({ location: 'page-5' }, 3))
        .expect(200);
      expect((await row(launched.attemptId)).cmi).toEqual(expect.objectContaining({ location: 'page-5' }));
      // suspend_data of exactly 64,000 characters is kept whole.
      await commit(launched, cmi2004({ suspend_data: 's'.repeat(64_000) }, 4), { text: true }).expect(200);
      expect(((await row(launched.attemptId)).cmi as { suspend_data: string }).suspend_data).toHaveLength(64_000);
    });

    it('are logged without their token', () => {
      const params = loggerParams(app.get(AppConfig)) as {
        pinoHttp: { serializers: { req: (req: { url: string; method: string }) => { url: string; method: string } } };
      };
      const logged = params.pinoHttp.serializers.req({
        method: 'POST',
        url: '/api/attempts/a1/commit?token=eyJhbGciOi.secret.sig&reason=pagehide',
      });
      expect(logged).toEqual({ method: 'POST', url: '/api/attempts/a1/commit?token=[redacted]&reason=pagehide' });
      expect(params.pinoHttp.serializers.req({ method: 'GET', url: '/x?a=1&token=t' }).url).toBe(
        '/x?a=1&token=[redacted]',
      );
    });

    it('derive completion, success, scaled score and time for SCORM 2004 and 1.2', async () => {
      const s2004 = await launch(learner, 'single2004');
      await commit(
        s2004,
        cmi2004(
          {
            completion_status: 'completed',
            success_status: 'passed',
            score: { scaled: '0.85', raw: '85', min: '0', max: '100' },
            session_time: 'PT1M30S',
          },
          1,
        ),
      ).expect(200);
      expect(await row(s2004.attemptId)).toEqual(
        expect.objectContaining({
          completion_status: 'completed',
          success_status: 'passed',
          score_scaled: '0.85000',
          session_seconds: '90.00',
          total_seconds: '90.00',
        }),
      );
      const s12 = await launch(learner, 'basic12');
      await commit(
        s12,
        cmi12(
          { lesson_status: 'failed', score: { raw: '40', min: '0', max: '80' }, session_time: '00:02:03.50' },
          {},
          1,
        ),
      ).expect(200);
      expect(await row(s12.attemptId)).toEqual(
        expect.objectContaining({
          completion_status: 'completed',
          success_status: 'failed',
          score_scaled: '0.50000',
          session_seconds: '123.50',
          total_seconds: '123.50',
        }),
      );
    });
  });

  describe('resume rules', () => {
    it('SCORM 2004: suspend resumes with the stored data; a normal exit starts a new attempt', async () => {
      const first = await launch(learner, 'basic2004', { language: 'en' });
      const before = await row(first.attemptId);
      await commit(
        first,
        cmi2004(
          {
            location: 'slide-7',
            suspend_data: 'state=42',
            exit: 'suspend',
            session_time: 'PT10S',
            interactions: { '0': { id: 'q1', type: 'choice', learner_response: 'a', result: 'correct' } },
          },
          10,
        ),
      ).expect(200);
      const resumed = await launch(learner, 'basic2004');
      expect(resumed.attemptId).toBe(first.attemptId);
      const data = (await player(resumed).expect(200)).body;
      expect(data.attempt.entry).toBe('resume');
      expect(data.cmi).toEqual(
        expect.objectContaining({ location: 'slide-7', suspend_data: 'state=42', entry: 'resume' }),
      );
      // Collections go back to arrays for loadFromJSON; session values are not reloaded.
      expect(data.cmi.interactions).toEqual([{ id: 'q1', type: 'choice', learner_response: 'a', result: 'correct' }]);
      expect(data.cmi.exit).toBeUndefined();
      expect(data.cmi.session_time).toBeUndefined();
      // Earlier sessions of this attempt reported no time: their measured wall time is in the base.
      expect(parseIsoDuration(data.cmi.total_time)).toBeCloseTo(Number(before.base_seconds) + 10, 2);
      // The old session's token is superseded.
      expect((await player(first).expect(409)).body.code).toBe('SESSION_SUPERSEDED');
      expect((await commit(first, cmi2004({ location: 'late' }, 11)).expect(409)).body.code).toBe('SESSION_SUPERSEDED');
      expect((await row(first.attemptId)).session_no).toBe(before.session_no + 1);
      // Finish with a normal exit (the terminate commit carries total_time): the attempt has ended.
      await commit(resumed, cmi2004({ exit: 'normal', session_time: 'PT5S', total_time: 'PT15S' }, 1), {
        text: true,
      }).expect(200);
      const next = await launch(learner, 'basic2004');
      expect(next.attemptId).not.toBe(first.attemptId);
      const nextData = (await player(next).expect(200)).body;
      expect(nextData.attempt).toEqual(expect.objectContaining({ number: 2, entry: 'ab-initio' }));
      expect(nextData.cmi.location).toBeUndefined();
      expect(Number((await row(first.attemptId)).total_seconds)).toBeCloseTo(Number(before.base_seconds) + 15, 2);
    });

    it('SCORM 2004: a session never terminated reopens the same attempt with entry ""', async () => {
      const first = await launch(other, 'basic2004');
      await commit(first, cmi2004({ location: 'x', session_time: 'PT3S' }, 1)).expect(200);
      const again = await launch(other, 'basic2004');
      expect(again.attemptId).toBe(first.attemptId);
      const data = (await player(again).expect(200)).body;
      expect(data.attempt.entry).toBe('');
      expect(data.cmi.entry).toBeUndefined();
      expect(data.cmi.location).toBe('x');
    });

    it('SCORM 1.2: suspend resumes; otherwise the same attempt with entry ""', async () => {
      const first = await launch(other, 'basic12');
      await commit(
        first,
        cmi12({ lesson_location: 'page5', exit: 'suspend', session_time: '00:00:20' }, { suspend_data: 'bookmark' }, 1),
      ).expect(200);
      const resumed = await launch(other, 'basic12');
      expect(resumed.attemptId).toBe(first.attemptId);
      const data = (await player(resumed).expect(200)).body;
      expect(data.cmi.core).toEqual(
        expect.objectContaining({ entry: 'resume', lesson_location: 'page5', total_time: '00:00:20' }),
      );
      expect(data.cmi.core.exit).toBeUndefined();
      expect(data.cmi.suspend_data).toBe('bookmark');
      await commit(resumed, cmi12({ lesson_location: 'page6', exit: '', total_time: '00:00:30' }, {}, 1), {
        text: true,
      }).expect(200);
      const third = await launch(other, 'basic12');
      expect(third.attemptId).toBe(first.attemptId);
      expect((await player(third).expect(200)).body.cmi.core.entry).toBeUndefined();
    });

    it('the pagehide beacon stores a missing exit as suspend', async () => {
      const first = await launch(other, 'single2004', { newAttempt: true });
      await commit(first, cmi2004({ location: 'half-way', suspend_data: 'sd' }, 4), {
        text: true,
        query: '&reason=pagehide',
      }).expect(200);
      expect((await row(first.attemptId)).exit_mode).toBe('suspend');
      const resumed = await launch(other, 'single2004');
      expect(resumed.attemptId).toBe(first.attemptId);
      expect((await player(resumed).expect(200)).body.cmi).toEqual(
        expect.objectContaining({ entry: 'resume', location: 'half-way', suspend_data: 'sd' }),
      );
    });

    it('a completed item opens in review (commits not written); newAttempt starts the next attempt', async () => {
      const first = await launch(other, 'seq2004', { itemId: items.seq2004[2].id });
      await commit(first, cmi2004({ completion_status: 'completed', location: 'end', exit: 'suspend' }, 1)).expect(200);
      const review = await launch(other, 'seq2004', { itemId: items.seq2004[2].id });
      expect(review.attemptId).toBe(first.attemptId);
      const data = (await player(review).expect(200)).body;
      expect(data.attempt).toEqual(expect.objectContaining({ mode: 'review', credit: 'no-credit' }));
      expect(data.cmi).toEqual(expect.objectContaining({ mode: 'review', credit: 'no-credit', location: 'end' }));
      const before = await row(first.attemptId);
      expect((await commit(review, cmi2004({ location: 'changed' }, 5)).expect(200)).body).toEqual({
        result: true,
        errorCode: 0,
      });
      expect(await row(first.attemptId)).toEqual(before);
      const fresh = await launch(other, 'seq2004', { itemId: items.seq2004[2].id, newAttempt: true });
      expect(fresh.attemptId).not.toBe(first.attemptId);
      expect((await player(fresh).expect(200)).body.attempt).toEqual(
        expect.objectContaining({ number: 2, mode: 'normal', entry: 'ab-initio' }),
      );
    });
  });

  describe('session time counts once', () => {
    it('through Finish twice, duplicates, out-of-order commits and relaunches', async () => {
      const first = await launch(learner, 'basic2004', { newAttempt: true });
      const id = first.attemptId;
      // Earlier sessions of this attempt (other tests) reported no time: their measured wall time is the base.
      const base = Number((await row(id)).base_seconds);
      const plus = (seconds: number) => (base + seconds).toFixed(2);
      await commit(first, cmi2004({ session_time: 'PT20S', location: 'a' }, 2)).expect(200);
      // An older commit arriving late: acknowledged, not written.
      await commit(first, cmi2004({ session_time: 'PT5S', location: 'old' }, 1)).expect(200);
      expect(await row(id)).toEqual(expect.objectContaining({ total_seconds: plus(20), commit_seq: 2 }));
      expect((await row(id)).cmi).toEqual(expect.objectContaining({ location: 'a' }));
      // The same commit twice.
      await commit(first, cmi2004({ session_time: 'PT30S', location: 'b', exit: 'suspend' }, 3)).expect(200);
      await commit(first, cmi2004({ session_time: 'PT30S', location: 'b', exit: 'suspend' }, 3)).expect(200);
      // Finish twice: both terminate commits carry the same session.
      const finish = cmi2004({ session_time: 'PT30S', location: 'b', exit: 'suspend', total_time: 'PT30S' }, 4);
      await commit(first, finish, { text: true }).expect(200);
      await commit(first, { ...finish, commitSequence: 5 }, { text: true }).expect(200);
      expect(await row(id)).toEqual(
        expect.objectContaining({ base_seconds: plus(0), session_seconds: '30.00', total_seconds: plus(30) }),
      );
      // Relaunch: the session is folded into the base; the next one adds its own time.
      const second = await launch(learner, 'basic2004');
      expect(second.attemptId).toBe(id);
      expect(await row(id)).toEqual(
        expect.objectContaining({ base_seconds: plus(30), session_seconds: '0.00', total_seconds: plus(30) }),
      );
      expect(parseIsoDuration((await player(second).expect(200)).body.cmi.total_time)).toBeCloseTo(base + 30, 2);
      await commit(second, cmi2004({ session_time: 'PT12.5S', exit: 'suspend' }, 1)).expect(200);
      await commit(
        second,
        cmi2004({ session_time: 'PT12.5S', exit: 'suspend', total_time: `PT${base + 42.5}S` }, 2),
      ).expect(200);
      expect((await row(id)).total_seconds).toBe(plus(42.5));
      // Relaunch without any commit in between: nothing is counted twice.
      await launch(learner, 'basic2004');
      const third = await launch(learner, 'basic2004');
      expect(await row(id)).toEqual(
        expect.objectContaining({ base_seconds: plus(42.5), session_seconds: '0.00', total_seconds: plus(42.5) }),
      );
      // A terminate commit without session_time: the run-time's total minus the base is the session.
      await commit(third, cmi2004({ session_time: 'PT0H0M0S', total_time: `PT${base + 50}S`, exit: 'suspend' }, 1), {
        text: true,
      }).expect(200);
      expect((await row(id)).total_seconds).toBe(plus(50));
    });
  });

  describe('hostile commits', () => {
    let launched: Launch;
    let before: AttemptRow;

    beforeAll(async () => {
      launched = await launch(other, 'seq2004', { itemId: items.seq2004[1].id });
      await commit(launched, cmi2004({ location: 'safe' }, 1)).expect(200);
      before = await row(launched.attemptId);
    });

    afterEach(async () => {
      expect(await row(launched.attemptId)).toEqual(before);
    });

    const expectCode = async (response: Promise<request.Response>, status: number, code: string) => {
      const answer = await response;
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
    };

    it('refuses a body over 1 MiB with 413', async () => {
      const big = cmi2004({ suspend_data: 'x'.repeat(1024 * 1024) }, 2);
      await expectCode(commit(launched, big), 413, 'PAYLOAD_TOO_LARGE');
      await expectCode(commit(launched, big, { text: true }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses suspend_data over 64,000 characters', async () => {
      await expectCode(
        commit(launched, cmi2004({ suspend_data: 'x'.repeat(64_001) }, 2)),
        400,
        'SUSPEND_DATA_TOO_LONG',
      );
      await expectCode(
        commit(launched, cmi12({}, { suspend_data: 'y'.repeat(64_001) }, 2), { text: true }),
        400,
        'SUSPEND_DATA_TOO_LONG',
      );
    });

    it('refuses what is not JSON, or not the commit shape', async () => {
      await expectCode(commit(launched, '{"cmi": {', { text: true }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, 'cmi.location=x', { text: true }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, '[]', { text: true }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, '"cmi"', { text: true }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, '{}'), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, { cmi: [] }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, { cmi: 'x' }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, cmi2004({ interactions: [{ id: 'q' }] }, 2)), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, cmi2004({ score: ['0.5'] }, 2)), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, cmi2004({ score: 'high' }, 2)), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, { ...cmi2004({}), commitSequence: -1 }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, { ...cmi2004({}), commitSequence: '7' }), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, { ...cmi2004({}), extra: 1 }), 400, 'COMMIT_INVALID');
      await expectCode(
        commit(launched, '{"cmi":{"__proto__":{"polluted":true}},"commitSequence":2}', { text: true }),
        400,
        'COMMIT_INVALID',
      );
      let deep: Record<string, unknown> = { location: 'deep' };
      for (let i = 0; i < 20; i++) {
        deep = { nested: deep };
      }
      await expectCode(commit(launched, cmi2004({ interactions: deep }, 2)), 400, 'COMMIT_INVALID');
      await expectCode(commit(launched, cmi2004({ comments: 'z'.repeat(64_001) }, 2)), 400, 'COMMIT_INVALID');
      const form = await request(server())
        .post(local(launched.commitUrl))
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('cmi=1');
      expect([400, 415]).toContain(form.status);
    });

    it('refuses huge numbers of keys', async () => {
      const interactions: Record<string, unknown> = {};
      for (let i = 0; i < 25_000; i++) {
        interactions[String(i)] = 1;
      }
      await expectCode(commit(launched, cmi2004({ interactions }, 2)), 400, 'COMMIT_INVALID');
    });
  });

  describe('progress', () => {
    it('needs a signed-in user', async () => {
      await request(server()).get('/api/me/learning').expect(401);
      await request(server()).get(`/api/me/learning/${courses.multi12}/attempts`).expect(401);
      await as(learner).get('/api/me/learning/nope/attempts').expect(400);
    });

    it('rolls the multi-SCO course up from its SCOs', async () => {
      const fresh = await createUser(app);
      const token = await login(app, fresh.email, fresh.password);
      await as(token).post(`/api/courses/${courses.multi12}/enrolments`).expect(201);
      const course = async () =>
        ((await as(token).get('/api/me/learning').expect(200)).body as Array<Record<string, unknown>>).find(
          (c) => c.courseId === courses.multi12,
        )!;
      expect(await course()).toEqual(
        expect.objectContaining({
          completionStatus: 'not attempted',
          successStatus: 'unknown',
          scoreScaled: null,
          totalTimeSeconds: 0,
          enrolledAt: expect.any(String),
        }),
      );
      const scos = items.multi12;
      expect(scos).toHaveLength(MULTI_SCOS);
      for (const [index, sco] of scos.entries()) {
        const launched = await launch(token, 'multi12', { itemId: sco.id });
        const status = index === 0 ? 'completed' : 'passed';
        await commit(
          launched,
          cmi12({ lesson_status: status, score: { raw: index === 0 ? '' : '80' }, session_time: '00:00:10' }, {}, 1),
        ).expect(200);
        if (index === 0) {
          expect(await course()).toEqual(
            expect.objectContaining({ completionStatus: 'incomplete', totalTimeSeconds: 10 }),
          );
        }
      }
      const rolled = await course();
      expect(rolled).toEqual(
        expect.objectContaining({
          completionStatus: 'completed',
          successStatus: 'passed',
          scoreScaled: 0.8,
          totalTimeSeconds: MULTI_SCOS * 10,
          language: 'en',
        }),
      );
      expect(rolled.items).toHaveLength(MULTI_SCOS);
      // One SCO fails on a new attempt: the course has failed.
      const retry = await launch(token, 'multi12', { itemId: scos[5].id, newAttempt: true });
      await commit(
        retry,
        cmi12({ lesson_status: 'failed', score: { raw: '20' }, session_time: '00:00:05' }, {}, 1),
      ).expect(200);
      const failed = await course();
      expect(failed).toEqual(
        expect.objectContaining({ successStatus: 'failed', totalTimeSeconds: MULTI_SCOS * 10 + 5 }),
      );
      expect((failed.items as Array<Record<string, unknown>>)[5]).toEqual(
        expect.objectContaining({ attempts: 2, successStatus: 'failed', scoreScaled: 0.2, totalTimeSeconds: 15 }),
      );
      const history = (await as(token).get(`/api/me/learning/${courses.multi12}/attempts`).expect(200)).body;
      expect(history).toHaveLength(MULTI_SCOS + 1);
      expect(history[0]).toEqual(
        expect.objectContaining({ attemptId: retry.attemptId, number: 2, itemId: scos[5].id }),
      );
      // Nobody else sees this learner's attempts.
      const theirs = (await as(other).get(`/api/me/learning/${courses.multi12}/attempts`).expect(200)).body as Array<{
        attemptId: string;
      }>;
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.map((h) => h.attemptId)).not.toContain(retry.attemptId);
      expect(history.map((h: { attemptId: string }) => h.attemptId)).not.toContain(theirs[0].attemptId);
    });

    it('counts an asset once launched', async () => {
      const fresh = await createUser(app);
      const token = await login(app, fresh.email, fresh.password);
      for (const asset of items.assets12) {
        await launch(token, 'assets12', { itemId: asset.id });
      }
      const rolled = (
        (await as(token).get('/api/me/learning').expect(200)).body as Array<Record<string, unknown>>
      ).find((c) => c.courseId === courses.assets12);
      expect(rolled).toEqual(expect.objectContaining({ completionStatus: 'completed', successStatus: 'unknown' }));
    });
  });
});
