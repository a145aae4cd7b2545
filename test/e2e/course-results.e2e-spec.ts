import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { backfillCourseResults } from '@app/learning';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import {
  buildPackage,
  scorm12MultiSco,
  scorm2004Remediation,
  scorm2004Sequenced,
  type CourseSpec,
} from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Launch {
  attemptId: string;
  launchUrl: string;
  commitUrl: string;
}

interface Outcome {
  completion?: string;
  success?: string;
  scaled?: number;
  exit?: string;
}

/** SCORM 2004, three SCOs and no sequencing at all: the default rollup applies. */
const defaultRollup2004: CourseSpec = {
  version: '2004-4th',
  identifier: 'clearance-results-2004-default',
  title: 'Customs procedures in three parts',
  items: [1, 2, 3].map((n) => ({ id: `part_${n}`, title: `Part ${n}` })),
};

const NOTES = 'urn:clearance:test:shared-notes';
const map = (read: boolean, write: boolean) =>
  `<adlcp:data><adlcp:map targetID="${NOTES}" readSharedData="${read}" writeSharedData="${write}"/></adlcp:data>`;

/** SCORM 2004 4th edition: Part 1 reads and writes a shared data store, Part 2 only reads it. */
const sharedData2004: CourseSpec = {
  version: '2004-4th',
  identifier: 'clearance-results-2004-shared-data',
  title: 'Shared notes',
  items: [
    { id: 'writer', title: 'Part 1', extraXml: map(true, true) },
    { id: 'reader', title: 'Part 2', extraXml: map(true, false) },
  ],
};

describe('Course results (SCORM rollup, stored)', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let dataSource: DataSource;
  let admin: string;
  let learner: string;
  let learnerId: string;
  let other: string;
  const courses: Record<'default2004' | 'sequenced' | 'remediation' | 'multi12' | 'shared', string> = {
    shared: '',
    default2004: '',
    sequenced: '',
    remediation: '',
    multi12: '',
  };

  const server = () => app.getHttpServer();
  const as = (token: string) => ({
    get: (url: string) => request(server()).get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => request(server()).post(url).auth(token, { type: 'bearer' }).send(body),
  });
  const local = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  };

  async function importPackage(spec: CourseSpec): Promise<string> {
    const upload = await request(server())
      .post('/api/courses/packages')
      .auth(admin, { type: 'bearer' })
      .field('language', 'en')
      .attach('file', await buildPackage(spec), `${spec.identifier}.zip`)
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await as(admin).get(`/api/import-jobs/${upload.body.jobId}`).expect(200)).body;
      if (job.state === 'completed') {
        const courseId = job.result.courseId as string;
        await request(server())
          .patch(`/api/courses/${courseId}`)
          .auth(admin, { type: 'bearer' })
          .send({ status: 'published' })
          .expect(200);
        return courseId;
      }
      if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`import of ${spec.identifier}: ${job.state} ${job.error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function launch(token: string, courseId: string, itemId: string, newAttempt = false): Promise<Launch> {
    return (await as(token).post(`/api/courses/${courseId}/launch`, { itemId, newAttempt }).expect(200)).body as Launch;
  }

  function commit(launched: Launch, body: unknown, terminate = false) {
    return request(server())
      .post(local(launched.commitUrl) + (terminate ? '&terminate=true' : ''))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body))
      .expect(200);
  }

  function body2004(outcome: Outcome, terminate: boolean) {
    return {
      cmi: {
        completion_status: outcome.completion ?? 'completed',
        success_status: outcome.success ?? 'unknown',
        exit: outcome.exit ?? (terminate ? 'normal' : ''),
        session_time: 'PT1M',
        score: { scaled: outcome.scaled === undefined ? '' : String(outcome.scaled), raw: '', min: '', max: '' },
        ...(terminate ? { total_time: 'PT1M' } : {}),
      },
    };
  }

  /** Launches an item of a SCORM 2004 course, commits the outcome and terminates. */
  async function finish2004(courseId: string, itemId: string, outcome: Outcome, newAttempt = false): Promise<Launch> {
    const launched = await launch(learner, courseId, itemId, newAttempt);
    await commit(launched, body2004(outcome, false));
    await commit(launched, body2004(outcome, true), true);
    return launched;
  }

  async function finish12(courseId: string, itemId: string, status: string, raw?: number): Promise<void> {
    const launched = await launch(learner, courseId, itemId);
    await commit(
      launched,
      {
        cmi: {
          core: {
            lesson_status: status,
            exit: '',
            session_time: '00:01:00',
            score: raw === undefined ? {} : { raw: String(raw), min: '0', max: '100' },
          },
        },
      },
      true,
    );
  }

  async function progress(token: string, courseId: string): Promise<Record<string, unknown>> {
    const list = (await as(token).get('/api/me/learning').expect(200)).body as Array<Record<string, unknown>>;
    const entry = list.find((c) => c.courseId === courseId);
    expect(entry).toBeDefined();
    return entry!;
  }

  async function stored(courseId: string): Promise<Record<string, unknown>> {
    const rows: Array<Record<string, unknown>> = await dataSource.query(
      'SELECT * FROM course_results WHERE user_id = ? AND course_id = ?',
      [learnerId, courseId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('course-results');
    app = await createTestApp();
    await resetDatabase(app);
    dataSource = app.get(DataSource);
    worker = await startTestWorker({}, [QueueName.Imports]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app, { displayName: 'Rollup Learner' });
    const o = await createUser(app);
    learnerId = l.id;
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
    other = await login(app, o.email, o.password);
    courses.default2004 = await importPackage(defaultRollup2004);
    courses.sequenced = await importPackage(scorm2004Sequenced());
    courses.remediation = await importPackage(scorm2004Remediation());
    courses.multi12 = await importPackage(scorm12MultiSco({ scos: 3 }));
    courses.shared = await importPackage(sharedData2004);
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('GET /api/me/learning needs a signed-in learner', async () => {
    await request(server()).get('/api/me/learning').expect(401);
  });

  describe('SCORM 2004 with the default rollup', () => {
    it('one part of three done and passed: neither completed nor passed, "1 of 3"', async () => {
      await finish2004(courses.default2004, 'part_1', { success: 'passed', scaled: 0.9 });
      expect(await progress(learner, courses.default2004)).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
        partsTotal: 3,
        completedAt: null,
        passedAt: null,
      });
      expect(await stored(courses.default2004)).toMatchObject({
        completion_status: 'incomplete',
        success_status: 'unknown',
        parts_done: 1,
        parts_total: 3,
        completed_at: null,
      });
    });

    it('a commit that changes no status leaves the attempt’s status version alone', async () => {
      const launched = await launch(learner, courses.default2004, 'part_2');
      await commit(launched, body2004({ completion: 'incomplete' }, false));
      const [first] = await dataSource.query('SELECT status_version FROM attempts WHERE id = ?', [launched.attemptId]);
      const before = await stored(courses.default2004);
      await commit(launched, body2004({ completion: 'incomplete' }, false));
      const [second] = await dataSource.query('SELECT status_version FROM attempts WHERE id = ?', [launched.attemptId]);
      expect(Number(first.status_version)).toBe(1);
      expect(Number(second.status_version)).toBe(1);
      expect((await stored(courses.default2004)).updated_at).toEqual(before.updated_at);
      // Terminated without reporting success: SCORM's End Attempt Process takes it as satisfied.
      await commit(launched, body2004({ completion: 'completed', scaled: 0.6 }, true), true);
      const [third] = await dataSource.query('SELECT status_version FROM attempts WHERE id = ?', [launched.attemptId]);
      expect(Number(third.status_version)).toBe(2);
      expect(await progress(learner, courses.default2004)).toMatchObject({ partsDone: 2, successStatus: 'unknown' });
    });

    it('every part done: completed and passed with the rolled-up score, and the date reached', async () => {
      await finish2004(courses.default2004, 'part_3', { success: 'passed', scaled: 0.75 });
      const result = await progress(learner, courses.default2004);
      expect(result).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.75,
        partsDone: 3,
        partsTotal: 3,
      });
      expect(new Date(result.completedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(result.passedAt).toEqual(result.completedAt);
      const row = await stored(courses.default2004);
      expect(row).toMatchObject({ completion_status: 'completed', success_status: 'passed', score_scaled: '0.75000' });
    });

    it('another learner’s results are not the caller’s', async () => {
      const list = (await as(other).get('/api/me/learning').expect(200)).body as Array<Record<string, unknown>>;
      expect(list.find((c) => c.courseId === courses.default2004)).toBeUndefined();
      expect((await as(other).get(`/api/me/learning/${courses.default2004}/attempts`).expect(200)).body).toEqual([]);
    });
  });

  describe('SCORM 2004 with rollup rules', () => {
    it('a first SCO that does not count towards satisfaction (rollupObjectiveSatisfied="false") passes nothing', async () => {
      await finish2004(courses.sequenced, 'part_1', { success: 'passed', scaled: 1 });
      expect(await progress(learner, courses.sequenced)).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
        partsTotal: 3,
      });
    });

    it('remediation: a failed post-test fails the course, passing it on a new attempt passes it', async () => {
      await finish2004(courses.remediation, 'pretest', { success: 'failed', scaled: 0.3 });
      await finish2004(courses.remediation, 'lesson_1', {});
      await finish2004(courses.remediation, 'lesson_2', {});
      await finish2004(courses.remediation, 'posttest', { success: 'failed', scaled: 0.4 });
      expect(await progress(learner, courses.remediation)).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'failed',
        passedAt: null,
      });
      await finish2004(courses.remediation, 'posttest', { success: 'passed', scaled: 0.9 }, true);
      const result = await progress(learner, courses.remediation);
      expect(result).toMatchObject({ completionStatus: 'completed', successStatus: 'passed', partsDone: 4 });
      expect(result.passedAt).not.toBeNull();
      const attempts = (await as(learner).get(`/api/me/learning/${courses.remediation}/attempts`).expect(200)).body;
      expect(attempts.filter((a: { itemId: string }) => a.itemId === 'posttest')).toHaveLength(2);
    });
  });

  describe('SCORM 1.2 with several SCOs', () => {
    it('one part passed: neither completed nor passed; every part passed: completed and passed', async () => {
      await finish12(courses.multi12, 'part_1', 'passed', 80);
      expect(await progress(learner, courses.multi12)).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
        partsTotal: 3,
      });
      await finish12(courses.multi12, 'part_2', 'passed', 90);
      await finish12(courses.multi12, 'part_3', 'passed', 100);
      expect(await progress(learner, courses.multi12)).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.9,
        partsDone: 3,
      });
    });
  });

  describe('time measured by the platform', () => {
    const attemptRow = async (id: string) =>
      (await dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM attempts WHERE id = ?', [id]))[0];

    it('a SCO that reports no session time gets its wall time, idle gaps over 30 minutes left out', async () => {
      const launched = await launch(learner, courses.sequenced, 'part_2');
      // The session began 90 s ago.
      await dataSource.query('UPDATE attempts SET launched_at = NOW(3) - INTERVAL 90 SECOND WHERE id = ?', [
        launched.attemptId,
      ]);
      await commit(launched, noTime(false));
      let row = await attemptRow(launched.attemptId);
      expect(Number(row.total_seconds)).toBeGreaterThanOrEqual(90);
      expect(Number(row.total_seconds)).toBeLessThan(120);
      const measured = Number(row.total_seconds);
      // Two idle hours since the last save: that gap is not learning time.
      await dataSource.query(
        'UPDATE attempts SET launched_at = launched_at - INTERVAL 2 HOUR, last_commit_at = last_commit_at - INTERVAL 2 HOUR WHERE id = ?',
        [launched.attemptId],
      );
      await commit(launched, noTime(false));
      row = await attemptRow(launched.attemptId);
      expect(Number(row.total_seconds)).toBeCloseTo(measured, 0);
      const history = (await as(learner).get(`/api/me/learning/${courses.sequenced}/attempts`).expect(200))
        .body as Array<Record<string, unknown>>;
      expect(history.find((a) => a.attemptId === launched.attemptId)).toMatchObject({ timeMeasured: true });
      expect(await progress(learner, courses.sequenced)).toMatchObject({ timeMeasured: true });
      // The next session's SCO reports its time: that is what counts for it.
      const next = await launch(learner, courses.sequenced, 'part_2');
      expect(next.attemptId).toBe(launched.attemptId);
      await commit(next, { cmi: { ...noTime(false).cmi, session_time: 'PT30S' } });
      row = await attemptRow(launched.attemptId);
      expect(Number(row.total_seconds)).toBeCloseTo(measured + 30, 0);
      expect(Number(row.session_reported)).toBe(1);
      expect(Number(row.time_measured)).toBe(1);
    });

    function noTime(terminate: boolean) {
      const body = body2004({ completion: 'incomplete', exit: 'suspend' }, terminate);
      return { cmi: { ...body.cmi, session_time: 'PT0H0M0S' } };
    }
  });

  describe('SCORM 2004 4th edition shared data (adl.data)', () => {
    const playerData = async (launched: Launch) => {
      const token = decodeURIComponent(new URL(launched.launchUrl).hash.replace('#token=', ''));
      return (
        await request(server())
          .get(`/api/attempts/${launched.attemptId}/player`)
          .auth(token, { type: 'bearer' })
          .expect(200)
      ).body as { sharedData: Record<string, string> };
    };

    it('is stored per learner through the item’s write maps and returned through its read maps', async () => {
      const writer = await launch(learner, courses.shared, 'writer');
      expect((await playerData(writer)).sharedData).toEqual({});
      await commit(writer, {
        ...body2004({ completion: 'incomplete' }, false),
        sharedData: { [NOTES]: 'tariff 8471' },
      });
      const reader = await launch(learner, courses.shared, 'reader');
      expect((await playerData(reader)).sharedData).toEqual({ [NOTES]: 'tariff 8471' });
      // The reader may not write the store: what it sends is ignored.
      await commit(reader, {
        ...body2004({ completion: 'incomplete' }, false),
        sharedData: { [NOTES]: 'overwritten' },
      });
      const rows = await dataSource.query<Array<{ store: string; target_id: string }>>(
        'SELECT store, target_id FROM shared_data_stores WHERE user_id = ?',
        [learnerId],
      );
      expect(rows).toEqual([{ store: 'tariff 8471', target_id: NOTES }]);
      // Another learner has stores of their own.
      const others = await as(other).post(`/api/courses/${courses.shared}/launch`, { itemId: 'reader' }).expect(200);
      expect((await playerData(others.body as Launch)).sharedData).toEqual({});
    });
  });

  it('the backfill run after the migrations gives existing enrolments their results from their attempts', async () => {
    await as(learner).post(`/api/courses/${courses.sequenced}/enrolments`);
    const before: unknown[] = await dataSource.query(
      'SELECT user_id, course_id, completion_status, success_status, score_scaled, parts_done, parts_total FROM course_results ORDER BY user_id, course_id',
    );
    // As on a database from before course results: the rows are gone, the enrolments and attempts stay.
    await dataSource.query('DELETE FROM course_results');
    expect(await backfillCourseResults((sql, parameters) => dataSource.query(sql, parameters))).toBe(before.length);
    expect(await backfillCourseResults((sql, parameters) => dataSource.query(sql, parameters))).toBe(0);
    const after: Array<Record<string, unknown>> = await dataSource.query(
      'SELECT user_id, course_id, completion_status, success_status, score_scaled, parts_done, parts_total, completed_at FROM course_results ORDER BY user_id, course_id',
    );
    expect(after.map(({ completed_at: _, ...rest }) => rest)).toEqual(before);
    expect(after.find((r) => r.course_id === courses.default2004)!.completed_at).not.toBeNull();
  });
});
