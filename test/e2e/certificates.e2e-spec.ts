import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { CertificateService, checkSymbol, readStatement, signStatement } from '@app/certificates';
import { dropDatabase, runMigrations } from '@app/database';
import { keyId, publicKeyText } from '@app/licences';
import { BlobStore } from '@app/storage';
import { CourseResult } from '@app/learning';
import { JobName, QueueName, QueueService } from '@app/queue';
import { isolateRedisPrefix, withEnv } from '../support/accounts';
import { ApiProcess } from '../support/api-process';
import { createTestApp, createUser, login, nextClientIp, resetDatabase, TestApp } from '../support/app';
import { buildPackage, type CourseSpec } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Launch {
  attemptId: string;
  launchUrl: string;
  commitUrl: string;
}

/** SCORM 1.2, one SCO that reports no score: not assessed, completion earns the certificate. */
const unassessed12: CourseSpec = {
  version: '1.2',
  identifier: 'clearance-certificates-12',
  title: 'Rules of origin',
  items: [{ id: 'part_1', title: 'Part 1' }],
};

/** SCORM 2004, one SCO with a pass mark: assessed, it must be passed. */
const assessed2004: CourseSpec = {
  version: '2004-4th',
  identifier: 'clearance-certificates-2004',
  title: 'Valuation of imported goods',
  items: [{ id: 'exam', title: 'Exam' }],
};

/** SCORM 1.2, two SCOs committed at the same moment. */
const twoParts12: CourseSpec = {
  version: '1.2',
  identifier: 'clearance-certificates-two-parts',
  title: 'Transit procedures',
  items: [
    { id: 'part_1', title: 'Part 1' },
    { id: 'part_2', title: 'Part 2' },
  ],
};

/** A `certificates` row as the database hands it back. */
interface CertificateRow extends Record<string, unknown> {
  id: string;
  code: string;
}

describe('Certificates (issue once, verify, revoke, reissue)', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  const issuerKey = generateKeyPairSync('ed25519').privateKey;
  let dataSource: DataSource;
  let admin: string;
  let learner: string;
  let learnerId: string;
  let other: string;
  let otherId: string;
  const courses = { unassessed: '', assessed: '', twoParts: '' };

  const server = () => app.getHttpServer();
  const as = (token: string) => ({
    get: (url: string) => request(server()).get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => request(server()).post(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object = {}) => request(server()).patch(url).auth(token, { type: 'bearer' }).send(body),
  });
  const publicGet = (url: string) => request(server()).get(url).set('X-Forwarded-For', nextClientIp());
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
        await as(admin).patch(`/api/courses/${courseId}`, { status: 'published' }).expect(200);
        return courseId;
      }
      if (job.state === 'failed' || Date.now() > deadline) throw new Error(`import: ${job.state} ${job.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function launch(token: string, courseId: string, itemId: string, newAttempt = false): Promise<Launch> {
    return (await as(token).post(`/api/courses/${courseId}/launch`, { itemId, newAttempt }).expect(200)).body as Launch;
  }

  function commit(launched: Launch, body: unknown, terminate = true) {
    return request(server())
      .post(local(launched.commitUrl) + (terminate ? '&terminate=true' : ''))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body))
      .expect(200);
  }

  const body12 = (status: string) => ({
    cmi: { core: { lesson_status: status, exit: '', session_time: '00:01:00', score: {} } },
  });
  const body2004 = (success: string, scaled: number) => ({
    cmi: {
      completion_status: 'completed',
      success_status: success,
      exit: 'normal',
      session_time: 'PT1M',
      total_time: 'PT1M',
      score: { scaled: String(scaled), raw: '', min: '', max: '' },
    },
  });

  async function rows(userId: string, courseId: string): Promise<CertificateRow[]> {
    return dataSource.query('SELECT * FROM certificates WHERE user_id = ? AND course_id = ? ORDER BY sequence', [
      userId,
      courseId,
    ]);
  }

  async function mine(token: string): Promise<Array<Record<string, unknown>>> {
    return (await as(token).get('/api/me/certificates').expect(200)).body;
  }

  /** The same code with one data symbol changed (its check symbol then fails). */
  function mistype(code: string): string {
    const symbol = code[0] === '7' ? '8' : '7';
    return symbol + code.slice(1);
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('certificates');
    const serverEnv = {
      CERTIFICATE_SIGNING_KEY: issuerKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      SERVER_COUNTRY: 'KE',
      SERVER_ADMINISTRATION: 'Kenya Revenue Authority',
    };
    app = await withEnv({ ...serverEnv, RATE_LIMIT_VERIFY_IP: '40/900' }, () => createTestApp());
    await resetDatabase(app);
    dataSource = app.get(DataSource);
    worker = await startTestWorker(serverEnv, [QueueName.Imports, QueueName.Maintenance]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app, { displayName: 'Amina Odhiambo' });
    const o = await createUser(app, { displayName: 'Other Learner' });
    learnerId = l.id;
    otherId = o.id;
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
    other = await login(app, o.email, o.password);
    courses.unassessed = await importPackage(unassessed12);
    courses.assessed = await importPackage(assessed2004);
    courses.twoParts = await importPackage(twoParts12);
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('GET /api/me/certificates needs a signed-in learner; revoke and reissue need an administrator', async () => {
    await request(server()).get('/api/me/certificates').expect(401);
    const id = '00000000-0000-4000-8000-000000000000';
    await request(server()).post(`/api/certificates/${id}/revoke`).send({ reason: 'wrong person' }).expect(401);
    await as(learner).post(`/api/certificates/${id}/revoke`, { reason: 'wrong person' }).expect(403);
    await as(learner).post(`/api/certificates/${id}/reissue`).expect(403);
    expect(
      (await as(admin).post(`/api/certificates/${id}/revoke`, { reason: 'wrong person' }).expect(404)).body.code,
    ).toBe('CERTIFICATE_NOT_FOUND');
    expect((await as(admin).post(`/api/certificates/${id}/revoke`, {}).expect(400)).body.code).toBeDefined();
    await as(admin).post('/api/certificates/not-a-uuid/revoke', { reason: 'wrong person' }).expect(400);
  });

  it('GET /api/verify/:code: malformed → 400, mistyped → 400 with its own code, unknown → 404', async () => {
    expect((await publicGet('/api/verify/abc').expect(400)).body.code).toBe('CERTIFICATE_CODE_INVALID');
    const unknownData = 'ABCDEFGHJKMNPQR';
    const unknown = unknownData + checkSymbol(unknownData);
    expect((await publicGet(`/api/verify/${unknown}`).expect(404)).body.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await publicGet(`/api/verify/${mistype(unknown)}`).expect(400)).body.code).toBe(
      'CERTIFICATE_CODE_CHECK_FAILED',
    );
  });

  it('an incomplete course issues nothing; completing it through the commit issues one certificate', async () => {
    const first = await launch(learner, courses.unassessed, 'part_1');
    await commit(first, body12('incomplete'), false);
    expect(await rows(learnerId, courses.unassessed)).toHaveLength(0);
    await commit(first, body12('completed'));
    const issued = await rows(learnerId, courses.unassessed);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      learner_name: 'Amina Odhiambo',
      course_title: 'Rules of origin',
      sequence: 1,
      assessed: 0,
      score_scaled: null,
    });
    const [result] = await dataSource
      .getRepository(CourseResult)
      .findBy({ userId: learnerId, courseId: courses.unassessed });
    expect(result.completionStatus).toBe('completed');
    // A later attempt that completes again is not a new completion of the course.
    const again = await launch(learner, courses.unassessed, 'part_1', true);
    await commit(again, body12('incomplete'), false);
    await commit(again, body12('completed'));
    expect(await rows(learnerId, courses.unassessed)).toHaveLength(1);

    const list = await mine(learner);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: issued[0].id,
      courseId: courses.unassessed,
      code: issued[0].code.match(/.{4}/g)!.join('-'),
      status: 'valid',
      learnerName: 'Amina Odhiambo',
    });
    expect(list[0].verifyUrl).toMatch(/\/verify\//);
    expect(await mine(other)).toEqual([]);
  });

  it('an assessed course issues a certificate only once passed, with the score', async () => {
    const failed = await launch(learner, courses.assessed, 'exam');
    await commit(failed, body2004('failed', 0.4));
    expect(
      (await dataSource.getRepository(CourseResult).findOneBy({ userId: learnerId, courseId: courses.assessed }))!
        .completionStatus,
    ).toBe('completed');
    expect(await rows(learnerId, courses.assessed)).toHaveLength(0);
    const passed = await launch(learner, courses.assessed, 'exam', true);
    await commit(passed, body2004('passed', 0.85));
    const issued = await rows(learnerId, courses.assessed);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ assessed: 1, course_title: 'Valuation of imported goods' });
    expect(Number(issued[0].score_scaled)).toBeCloseTo(0.85);
  });

  it('concurrent final commits of two parts issue exactly one certificate', async () => {
    const learners = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const user = await createUser(app, { displayName: `Parallel Learner ${n}` });
        return { id: user.id, token: await login(app, user.email, user.password) };
      }),
    );
    for (const { id, token } of learners) {
      const one = await launch(token, courses.twoParts, 'part_1');
      const two = await launch(token, courses.twoParts, 'part_2');
      await Promise.all([commit(one, body12('completed')), commit(two, body12('completed'))]);
      expect(await rows(id, courses.twoParts)).toHaveLength(1);
    }
    // Three learners' launches and commits: slow on a busy machine.
  }, 180_000);

  it('the unique key makes two transactions that both saw no certificate issue exactly one', async () => {
    const service = app.get(CertificateService);
    const result = {
      userId: otherId,
      courseId: courses.twoParts,
      completionStatus: 'completed' as const,
      successStatus: 'unknown' as const,
      scoreScaled: null,
      completedAt: new Date(),
      passedAt: null,
    };
    const issued = await Promise.all(
      [0, 1, 2, 3].map(() => dataSource.transaction((manager) => service.issueOnResult(manager, result))),
    );
    expect(issued.filter((certificate) => certificate !== null)).toHaveLength(1);
    expect(await rows(otherId, courses.twoParts)).toHaveLength(1);
  });

  it('anyone verifies a code, typed loosely; the answer names no e-mail; one changed symbol fails the check', async () => {
    const [certificate] = await rows(learnerId, courses.unassessed);
    const { code } = certificate;
    const answer = (await publicGet(`/api/verify/${encodeURIComponent(code.match(/.{4}/g)!.join('-'))}`).expect(200))
      .body;
    expect(answer).toMatchObject({
      valid: true,
      status: 'valid',
      revoked: false,
      learnerName: 'Amina Odhiambo',
      courseTitle: 'Rules of origin',
      issuer: { platform: 'Clearance' },
    });
    expect(new Date(answer.issuedAt).getTime()).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toMatch(/@|email/i);
    const loose = code.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
    expect((await publicGet(`/api/verify/${encodeURIComponent(loose)}`).expect(200)).body.code).toBe(answer.code);
    expect((await publicGet(`/api/verify/${encodeURIComponent(mistype(code))}`).expect(400)).body.code).toBe(
      'CERTIFICATE_CODE_CHECK_FAILED',
    );
  });

  it('an administrator revokes a certificate with a reason; its code then says revoked', async () => {
    const [certificate] = await rows(learnerId, courses.assessed);
    const revoked = (
      await as(admin)
        .post(`/api/certificates/${certificate.id}/revoke`, { reason: 'Exam taken by someone else' })
        .expect(200)
    ).body;
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: 'Exam taken by someone else' });
    const answer = (await publicGet(`/api/verify/${certificate.code}`).expect(200)).body;
    expect(answer).toMatchObject({
      valid: false,
      status: 'revoked',
      revoked: true,
      revokedReason: 'Exam taken by someone else',
    });
    expect(answer.revokedAt).toBeTruthy();
    expect(
      (await as(admin).post(`/api/certificates/${certificate.id}/revoke`, { reason: 'again' }).expect(409)).body.code,
    ).toBe('CERTIFICATE_REVOKED');
    expect((await rows(learnerId, courses.assessed))[0].revoked_reason).toBe('Exam taken by someone else');
  });

  it('after a name correction, a reissue carries the new name and the old code says replaced', async () => {
    await as(learner).patch('/api/me', { displayName: 'Amina A. Odhiambo' }).expect(200);
    const [old] = await rows(learnerId, courses.unassessed);
    const fresh = (await as(admin).post(`/api/certificates/${old.id}/reissue`).expect(200)).body;
    expect(fresh).toMatchObject({ learnerName: 'Amina A. Odhiambo', status: 'valid', courseId: courses.unassessed });
    expect(fresh.id).not.toBe(old.id);
    const stored = await rows(learnerId, courses.unassessed);
    expect(stored.map((row) => [row.sequence, row.replaced_by_id])).toEqual([
      [1, fresh.id],
      [2, null],
    ]);
    const answer = (await publicGet(`/api/verify/${old.code}`).expect(200)).body;
    expect(answer).toMatchObject({
      valid: false,
      status: 'replaced',
      learnerName: 'Amina Odhiambo',
      replacedByCode: fresh.code,
    });
    expect((await publicGet(`/api/verify/${encodeURIComponent(fresh.code)}`).expect(200)).body).toMatchObject({
      valid: true,
      learnerName: 'Amina A. Odhiambo',
    });
    expect((await as(admin).post(`/api/certificates/${old.id}/reissue`).expect(409)).body.code).toBe(
      'CERTIFICATE_REPLACED',
    );
    expect((await mine(learner)).map((c) => c.status).sort()).toEqual(['replaced', 'revoked', 'valid']);
  });

  it('an administrator lists and searches certificates by name, code, course, dates and status', async () => {
    await request(server()).get('/api/certificates').expect(401);
    await as(learner).get('/api/certificates').expect(403);
    expect((await as(admin).get('/api/certificates?from=yesterday').expect(400)).body.code).toBeDefined();
    await as(admin).get('/api/certificates?status=lost').expect(400);
    const all = (await as(admin).get('/api/certificates?pageSize=100').expect(200)).body;
    expect(all.total).toBe(await dataSource.getRepository('certificates').count());
    expect(JSON.stringify(all)).not.toMatch(/@/);
    const byName = (
      await as(admin)
        .get(`/api/certificates?q=${encodeURIComponent('a. odhiambo')}`)
        .expect(200)
    ).body;
    expect(byName.items.map((c: { learnerName: string }) => c.learnerName)).toEqual(['Amina A. Odhiambo']);
    const [first] = await rows(learnerId, courses.unassessed);
    const byCode = (await as(admin).get(`/api/certificates?q=${first.code.toLowerCase()}`).expect(200)).body;
    expect(byCode.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const byCourse = (await as(admin).get(`/api/certificates?courseId=${courses.twoParts}`).expect(200)).body;
    expect(byCourse.total).toBe(4);
    const revoked = (await as(admin).get('/api/certificates?status=revoked').expect(200)).body;
    expect(revoked.items.map((c: { courseId: string }) => c.courseId)).toEqual([courses.assessed]);
    expect((await as(admin).get('/api/certificates?to=2000-01-01').expect(200)).body.total).toBe(0);
    expect((await as(admin).get('/api/certificates?q=%25').expect(200)).body.total).toBe(0);
  });

  it('GET /api/certificates/:id/pdf: the owner downloads the PDF the worker made once; others get 404', async () => {
    const user = await createUser(app, { displayName: 'Amina أمينة', country: 'US' });
    const token = await login(app, user.email, user.password);
    const launched = await launch(token, courses.unassessed, 'part_1');
    await commit(launched, body12('completed'));
    const [certificate] = await rows(user.id, courses.unassessed);
    const url = `/api/certificates/${certificate.id}/pdf`;
    await request(server()).get(url).expect(401);
    expect((await as(learner).get(url).expect(404)).body.code).toBe('CERTIFICATE_NOT_FOUND');
    await as(token).get('/api/certificates/not-a-uuid/pdf').expect(400);
    let response = await as(token).get(url).buffer(true);
    for (const deadline = Date.now() + 30_000; response.status === 409 && Date.now() < deadline;) {
      expect(response.body.code).toBe('CERTIFICATE_PDF_PENDING');
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await as(token).get(url).buffer(true);
    }
    const job = await app
      .get(QueueService)
      .inspect(JobName.GenerateCertificatePdf, `certificate-pdf-${certificate.id}`);
    expect({ status: response.status, job: response.status === 200 ? null : job }).toEqual({ status: 200, job: null });
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'clearance-certificate-')), 'certificate.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
    const code = certificate.code.match(/.{4}/g)!.join('-');
    for (const expected of ['Amina', 'أمينة', 'Rules of origin', code, 'Kenya Revenue Authority']) {
      expect(text).toContain(expected);
    }
    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
    const [mineNow] = await mine(token);
    expect(info).toContain(mineNow.statement as string);
    // Kept, not rebuilt: the stored file is unchanged by another download.
    const stored = app.get(BlobStore).localPath(`certificates/${certificate.id}-pdf`);
    const before = statSync(stored).mtimeMs;
    expect(Buffer.compare((await as(token).get(url).buffer(true).expect(200)).body as Buffer, pdf)).toBe(0);
    expect(statSync(stored).mtimeMs).toBe(before);
  });

  it('GET /api/me/transcript lists every completion with dates, hours, scores and codes; each sees only their own', async () => {
    await request(server()).get('/api/me/transcript').expect(401);
    await request(server()).get('/api/me/transcript.pdf').expect(401);
    await as(admin).patch(`/api/courses/${courses.unassessed}`, { estimatedHours: 3 }).expect(200);
    await as(admin).patch(`/api/courses/${courses.assessed}`, { estimatedHours: 1.5 }).expect(200);

    const mineNow = await mine(learner);
    const transcript = (await as(learner).get('/api/me/transcript').expect(200)).body;
    expect(transcript).toMatchObject({
      learnerName: 'Amina A. Odhiambo',
      completedCourses: 2,
      estimatedHours: 4.5,
      truncated: false,
      issuer: { administration: 'Kenya Revenue Authority', country: 'KE', platform: 'Clearance' },
    });
    type Entry = { courseId: string; [key: string]: unknown };
    const entry = (courseId: string) => transcript.items.find((item: Entry) => item.courseId === courseId);
    expect(transcript.items.map((item: Entry) => item.courseId).sort()).toEqual(
      [courses.unassessed, courses.assessed].sort(),
    );
    const reissued = mineNow.find((c) => c.courseId === courses.unassessed && c.status === 'valid')!;
    expect(entry(courses.unassessed)).toMatchObject({
      courseTitle: 'Rules of origin',
      successStatus: 'unknown',
      estimatedHours: 3,
      certificate: { id: reissued.id, code: reissued.code, status: 'valid', verifyUrl: reissued.verifyUrl },
    });
    const assessed = entry(courses.assessed);
    expect(assessed).toMatchObject({
      courseTitle: 'Valuation of imported goods',
      successStatus: 'passed',
      estimatedHours: 1.5,
      certificate: { status: 'revoked' },
    });
    expect(assessed.scoreScaled).toBeCloseTo(0.85);
    for (const item of transcript.items as Array<Record<string, string | number>>) {
      const [result] = await dataSource.query(
        'SELECT completed_at FROM course_results WHERE user_id = ? AND course_id = ?',
        [learnerId, item.courseId],
      );
      expect(new Date(item.completedAt).getTime()).toBe(new Date(result.completed_at).getTime());
      expect(new Date(item.startedAt).getTime()).toBeLessThanOrEqual(new Date(item.completedAt).getTime());
      const [{ spent }] = await dataSource.query(
        'SELECT SUM(total_seconds) AS spent FROM attempts WHERE user_id = ? AND course_id = ?',
        [learnerId, item.courseId],
      );
      expect(item.spentSeconds).toBe(Number(spent));
      expect(item.spentSeconds).toBeGreaterThan(0);
    }
    expect(transcript.spentSeconds).toBe(
      (transcript.items as Array<{ spentSeconds: number }>).reduce((sum, item) => sum + item.spentSeconds, 0),
    );

    // Another learner sees only their own completions and codes.
    const user = await createUser(app, { displayName: 'Иван أمين Petrov' });
    const token = await login(app, user.email, user.password);
    expect((await as(token).get('/api/me/transcript').expect(200)).body).toMatchObject({
      completedCourses: 0,
      items: [],
    });
    await commit(await launch(token, courses.unassessed, 'part_1'), body12('completed'));
    const theirs = (await as(token).get('/api/me/transcript').expect(200)).body;
    const [own] = await rows(user.id, courses.unassessed);
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items[0].certificate.code).toBe(own.code.match(/.{4}/g)!.join('-'));
    expect(JSON.stringify(theirs)).not.toContain(reissued.code);
    expect(JSON.stringify(theirs)).not.toContain('Odhiambo');

    const pdfText = async (token: string) => {
      const response = await as(token).get('/api/me/transcript.pdf').buffer(true).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="transcript-/);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'clearance-transcript-')), 'transcript.pdf');
      writeFileSync(file, response.body as Buffer);
      return execFileSync('pdftotext', [file, '-'])
        .toString('utf8')
        .replace(/[\u202a-\u202e]/g, '');
    };
    const learnerPdf = await pdfText(learner);
    for (const expected of ['Amina A. Odhiambo', 'Rules of origin', 'Valuation of imported goods', reissued.code]) {
      expect(learnerPdf).toContain(expected);
    }
    expect(learnerPdf).toContain(assessed.certificate.code);
    const theirPdf = await pdfText(token);
    for (const expected of ['Иван', 'أمين', 'Petrov', 'Rules of origin', theirs.items[0].certificate.code]) {
      expect(theirPdf).toContain(expected);
    }
    expect(theirPdf).not.toContain(reissued.code);
    expect(theirPdf).not.toContain('Valuation of imported goods');
  });

  it('GET /api/verify/:code is rate limited per client address', async () => {
    const ip = nextClientIp();
    let status = 0;
    for (let i = 0; i < 41 && status !== 429; i++) {
      status = (await request(server()).get('/api/verify/abc').set('X-Forwarded-For', ip)).status;
    }
    expect(status).toBe(429);
  });

  describe('signed statements, checked offline by another server', () => {
    let other: ApiProcess;
    let otherDb: string;
    const statementOf = async (token: string, courseId: string) =>
      (await mine(token)).find((c) => c.courseId === courseId && c.status === 'valid')!.statement as string;
    const check = (target: string | ReturnType<typeof server>, statement: unknown) =>
      request(target).post('/api/verify/statement').set('X-Forwarded-For', nextClientIp()).send({ statement });

    beforeAll(async () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `${url.pathname}_morocco`;
      otherDb = url.toString();
      await runMigrations(otherDb);
      other = new ApiProcess();
      await other.start({
        DATABASE_URL: otherDb,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'clearance-morocco-')),
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}:morocco`,
        CERTIFICATE_SIGNING_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'der', type: 'pkcs8' })
          .toString('base64'),
        CERTIFICATE_TRUSTED_KEYS: `${publicKeyText(generateKeyPairSync('ed25519').privateKey)},${publicKeyText(issuerKey)}`,
        SERVER_COUNTRY: 'MA',
      });
    }, 120_000);

    afterAll(async () => {
      await other?.stop();
      if (otherDb) await dropDatabase(otherDb);
    });

    it('POST /api/verify/statement refuses what is not a statement with 400', async () => {
      expect((await check(server(), 'not a statement').expect(400)).body.code).toBe('CERTIFICATE_STATEMENT_INVALID');
      await check(server(), 42).expect(400);
      expect((await check(other.url, 'CLC1.e30.AAAA').expect(400)).body.code).toBe('CERTIFICATE_STATEMENT_INVALID');
    });

    it('the issuing server checks its own statement and its status now', async () => {
      const statement = await statementOf(learner, courses.unassessed);
      const answer = (await check(server(), statement).expect(200)).body;
      expect(answer).toMatchObject({
        valid: true,
        signatureValid: true,
        status: 'valid',
        issuer: { own: true, trusted: true, keyId: keyId(issuerKey), country: 'KE' },
        certificate: { learnerName: 'Amina A. Odhiambo', courseTitle: 'Rules of origin' },
      });
      expect(answer.checked).toMatch(
        /^Signature valid, issued by this server Kenya Revenue Authority, KE .*revocation status as of/,
      );
      // The revoked one's statement (signed now) says revoked.
      const revoked = (await mine(learner)).find((c) => c.status === 'revoked')!;
      expect((await check(server(), revoked.statement).expect(200)).body).toMatchObject({
        valid: false,
        signatureValid: true,
        status: 'revoked',
      });
    });

    it('another server that trusts the issuer verifies its statement without calling it', async () => {
      const statement = await statementOf(learner, courses.unassessed);
      const answer = (await check(other.url, statement).expect(200)).body;
      expect(answer).toMatchObject({
        valid: true,
        signatureValid: true,
        status: 'valid',
        issuer: { own: false, trusted: true, keyId: keyId(issuerKey), administration: 'Kenya Revenue Authority' },
        certificate: { learnerName: 'Amina A. Odhiambo', courseTitle: 'Rules of origin' },
      });
      expect(answer.statusAsOf).toBe(readStatement(statement)!.payload.issuedAt);
      expect(answer.checked).toMatch(
        /^Signature valid, issued by Kenya Revenue Authority, KE .*revocation status as of .*not contacted/,
      );
    });

    it('a tampered statement and an untrusted issuer are refused', async () => {
      const statement = await statementOf(learner, courses.unassessed);
      const [prefix, payload, signature] = statement.split('.');
      const fields = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...fields, learnerName: 'Someone Else' })).toString('base64url');
      const tampered = (await check(other.url, `${prefix}.${forged}.${signature}`).expect(200)).body;
      expect(tampered).toMatchObject({ valid: false, signatureValid: false, issuer: { trusted: true } });
      expect(tampered.checked).toMatch(/^Signature invalid/);

      const stranger = generateKeyPairSync('ed25519').privateKey;
      const untrusted = signStatement(stranger, { ...fields, learnerName: 'Someone Else' });
      for (const target of [other.url, server()]) {
        const answer = (await check(target, untrusted).expect(200)).body;
        expect(answer).toMatchObject({
          valid: false,
          signatureValid: false,
          issuer: { trusted: false, keyId: keyId(stranger) },
        });
        expect(answer.checked).toMatch(/^Issuer not trusted/);
      }
    });
  });
});
