import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { InteractionExtractionService } from '@app/learning';
import { QueueName } from '@app/queue';
import { appoint, bearer, isolateRedisPrefix } from '../support/accounts';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { buildPackage, scorm2004Measure, scorm12Bookmark } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Launch {
  attemptId: string;
  commitUrl: string;
}

interface Answer {
  id: string;
  type: string;
  response: string;
  result: string;
  correct: string;
}

interface Figures {
  interactionId: string;
  type: string | null;
  attempts: number;
  correct: number;
  shareCorrect: number;
  topWrongResponse: string | null;
  topWrongCount: number;
  country?: string;
}

/**
 * Question analysis (docs/reports.md): officers in Botswana (BW) and Senegal (SN) answer the
 * assessment of a SCORM 2004 course through the commit endpoint; the worker extracts the
 * interactions off the commit path; coordinators see their own country only, the Secretariat all.
 */
describe('question analysis: interactions extracted after the commit, per country', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let worker: TestWorker;
  let db: DataSource;
  let adminToken: string;
  let bwToken: string;
  let snToken: string;
  let course2004: string;
  let course12: string;
  const officers: Record<'bw1' | 'bw2' | 'sn1' | 'uy1', string> = { bw1: '', bw2: '', sn1: '', uy1: '' };
  const attempts: Record<string, string> = {};

  const server = () => app.getHttpServer();
  const local = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  };
  const questions = (token: string, courseId: string, query: Record<string, string> = {}) =>
    request(server()).get(`/api/reports/courses/${courseId}/questions`).query(query).set(bearer(token));

  async function importPackage(spec: ReturnType<typeof scorm2004Measure>): Promise<string> {
    const upload = await request(server())
      .post('/api/courses/packages')
      .set(bearer(adminToken))
      .field('language', 'en')
      .attach('file', await buildPackage(spec), `${spec.identifier}.zip`)
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await request(server()).get(`/api/import-jobs/${upload.body.jobId}`).set(bearer(adminToken)))
        .body as { state: string; result?: { courseId: string }; error?: string };
      if (job.state === 'completed') {
        const courseId = job.result!.courseId;
        await request(server())
          .patch(`/api/courses/${courseId}`)
          .set(bearer(adminToken))
          .send({ status: 'published' })
          .expect(200);
        return courseId;
      }
      if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`import of ${spec.identifier}: ${job.state} ${job.error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function answer2004(token: string, answers: Answer[]): Promise<string> {
    const launched = (
      await request(server())
        .post(`/api/courses/${course2004}/launch`)
        .set(bearer(token))
        .send({ itemId: 'assessment' })
        .expect(200)
    ).body as Launch;
    const interactions = Object.fromEntries(
      answers.map((a, n) => [
        String(n),
        {
          id: a.id,
          type: a.type,
          learner_response: a.response,
          result: a.result,
          correct_responses: { '0': { pattern: a.correct } },
        },
      ]),
    );
    await request(server())
      .post(local(launched.commitUrl))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ cmi: { completion_status: 'incomplete', exit: '', session_time: 'PT1M', interactions } }))
      .expect(200);
    return launched.attemptId;
  }

  async function extracted(attemptIds: string[]): Promise<void> {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const [row] = await db.query<Array<{ n: number }>>(
        'SELECT COUNT(DISTINCT attempt_id) AS n FROM attempt_interactions WHERE attempt_id IN (?)',
        [attemptIds],
      );
      if (Number(row.n) === attemptIds.length) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`only ${row.n} of ${attemptIds.length} attempts extracted`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  const q = (id: string, response: string, result: string, correct = 'a', type = 'choice'): Answer => ({
    id,
    type,
    response,
    result,
    correct,
  });

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('question-analysis');
    app = await createTestApp();
    db = app.get(DataSource);
    worker = await startTestWorker({}, [QueueName.Imports, QueueName.Maintenance]);
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    const bw = await createUser(app, { country: 'BW' });
    const sn = await createUser(app, { country: 'SN' });
    await appoint(app, adminToken, bw.id, 'BW');
    await appoint(app, adminToken, sn.id, 'SN');
    bwToken = await login(app, bw.email, bw.password);
    snToken = await login(app, sn.email, sn.password);
    course2004 = await importPackage(scorm2004Measure());
    course12 = await importPackage(scorm12Bookmark());
    const tokens: Record<string, string> = {};
    for (const [key, country] of [
      ['bw1', 'BW'],
      ['bw2', 'BW'],
      ['sn1', 'SN'],
      ['uy1', 'UY'],
    ] as const) {
      const officer = await createUser(app, { country });
      officers[key] = officer.id;
      tokens[key] = await login(app, officer.email, officer.password);
    }
    attempts.bw1 = await answer2004(tokens.bw1, [q('q_value', 'b', 'incorrect'), q('q_rate', '12', 'correct', '12')]);
    attempts.bw2 = await answer2004(tokens.bw2, [q('q_value', 'b', 'incorrect'), q('q_rate', '10', 'incorrect', '12')]);
    attempts.sn1 = await answer2004(tokens.sn1, [q('q_value', 'a', 'correct'), q('q_rate', '15', 'incorrect', '12')]);
    attempts.uy1 = await answer2004(tokens.uy1, [q('q_value', 'c', 'incorrect')]);
    await extracted(Object.values(attempts));
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('the worker copied each attempt’s interactions, one row per interaction id', async () => {
    const rows = await db.query<Array<Record<string, unknown>>>(
      'SELECT interaction_id, type, response, result, correct_response FROM attempt_interactions WHERE attempt_id = ? ORDER BY position',
      [attempts.bw2],
    );
    expect(rows).toEqual([
      { interaction_id: 'q_value', type: 'choice', response: 'b', result: 'incorrect', correct_response: 'a' },
      { interaction_id: 'q_rate', type: 'choice', response: '10', result: 'incorrect', correct_response: '12' },
    ]);
  });

  it('re-extracting an attempt replaces its rows', async () => {
    const extraction = app.get(InteractionExtractionService);
    expect(await extraction.extract(attempts.bw1)).toBe(2);
    expect(await extraction.extract(attempts.bw1)).toBe(2);
    const [row] = await db.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM attempt_interactions WHERE attempt_id = ?',
      [attempts.bw1],
    );
    expect(Number(row.n)).toBe(2);
  });

  it('the Secretariat sees every country, with a breakdown per country', async () => {
    const body = (await questions(adminToken, course2004).expect(200)).body as {
      courseId: string;
      questions: Figures[];
      byCountry: Figures[];
    };
    expect(body.courseId).toBe(course2004);
    expect(body.questions).toEqual([
      {
        interactionId: 'q_rate',
        type: 'choice',
        attempts: 3,
        correct: 1,
        shareCorrect: 0.3333,
        topWrongResponse: '10',
        topWrongCount: 1,
      },
      {
        interactionId: 'q_value',
        type: 'choice',
        attempts: 4,
        correct: 1,
        shareCorrect: 0.25,
        topWrongResponse: 'b',
        topWrongCount: 2,
      },
    ]);
    expect(body.byCountry.map((row) => [row.country, row.interactionId, row.attempts, row.correct])).toEqual([
      ['BW', 'q_rate', 2, 1],
      ['BW', 'q_value', 2, 0],
      ['SN', 'q_rate', 1, 0],
      ['SN', 'q_value', 1, 1],
      ['UY', 'q_value', 1, 0],
    ]);
    const uy = (await questions(adminToken, course2004, { country: 'UY' }).expect(200)).body as {
      questions: Figures[];
    };
    expect(uy.questions).toEqual([
      {
        interactionId: 'q_value',
        type: 'choice',
        attempts: 1,
        correct: 0,
        shareCorrect: 0,
        topWrongResponse: 'c',
        topWrongCount: 1,
      },
    ]);
  });

  it('a coordinator sees their own country’s attempts only, and no breakdown', async () => {
    const bw = (await questions(bwToken, course2004).expect(200)).body as { questions: Figures[]; byCountry: null };
    expect(bw.byCountry).toBeNull();
    expect(bw.questions.map((row) => [row.interactionId, row.attempts, row.correct, row.topWrongResponse])).toEqual([
      ['q_rate', 2, 1, '10'],
      ['q_value', 2, 0, 'b'],
    ]);
    const sn = (await questions(snToken, course2004).expect(200)).body as { questions: Figures[] };
    expect(sn.questions.map((row) => [row.interactionId, row.attempts, row.correct, row.topWrongResponse])).toEqual([
      ['q_rate', 1, 0, '15'],
      ['q_value', 1, 1, null],
    ]);
    const refused = await questions(bwToken, course2004, { country: 'SN' }).expect(403);
    expect((refused.body as { code: string }).code).toBe('FORBIDDEN');
  });

  it('a course without reported interactions has no questions', async () => {
    const body = (await questions(adminToken, course12).expect(200)).body as { questions: Figures[] };
    expect(body.questions).toEqual([]);
  });

  it('refuses bad input and other roles with stable codes', async () => {
    await request(server()).get(`/api/reports/courses/${course2004}/questions`).expect(401);
    const learner = await createUser(app, { country: 'BW' });
    const learnerToken = await login(app, learner.email, learner.password);
    await questions(learnerToken, course2004).expect(403);
    const bad = await questions(adminToken, 'not-a-uuid').expect(400);
    expect((bad.body as { code: string }).code).toBeDefined();
    const missing = await questions(adminToken, '00000000-0000-4000-8000-00000000dead').expect(404);
    expect((missing.body as { code: string }).code).toBe('NOT_FOUND');
    await questions(adminToken, course2004, { country: 'bw' }).expect(400);
  });
});
