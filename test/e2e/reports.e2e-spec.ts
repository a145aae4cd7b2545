import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { appoint, bearer, isolateRedisPrefix, parseCsv } from '../support/accounts';

/**
 * A known set (docs/reports.md), dated 2021 so that a 2021 period holds it alone whatever else the
 * shared test database holds: officers in Botswana (BW, coordinator), Senegal (SN, coordinator) and
 * Uruguay (UY), their enrolments, course results, attempts' time and sign-ins.
 */
const C1 = randomUUID();
const C2 = randomUUID();
const YEAR = { from: '2021-01-01', to: '2021-12-31' };

interface Officer {
  id: string;
  name: string;
  country: string;
  status: string;
  language: string;
  createdAt: string;
}

const officer = (name: string, country: string, status: string, language: string, createdAt: string): Officer => ({
  id: randomUUID(),
  name,
  country,
  status,
  language,
  createdAt,
});

const b1 = officer('BW Officer 1', 'BW', 'active', 'en', '2021-03-01T08:00:00Z');
const b2 = officer('BW Officer 2', 'BW', 'active', 'fr', '2021-03-02T08:00:00Z');
const b3 = officer('BW Officer 3', 'BW', 'pending', 'en', '2021-04-01T08:00:00Z');
const b4 = officer('BW Officer 4', 'BW', 'rejected', 'en', '2021-04-02T08:00:00Z');
const b5 = officer('BW Officer 5', 'BW', 'suspended', 'en', '2021-05-01T08:00:00Z');
const s1 = officer('SN Officer 1', 'SN', 'active', 'fr', '2021-01-05T08:00:00Z');
const s2 = officer('SN Officer 2', 'SN', 'pending', 'fr', '2021-02-05T08:00:00Z');
const y1 = officer('UY Officer 1', 'UY', 'active', 'es', '2021-06-01T08:00:00Z');
const y2 = officer('UY Officer 2', 'UY', 'active', 'es', '2021-06-02T08:00:00Z');
const OFFICERS = [b1, b2, b3, b4, b5, s1, s2, y1, y2];

const ENROLMENTS: Array<[Officer, string, string]> = [
  [b1, C1, '2021-03-10T00:00:00Z'],
  [b1, C2, '2021-03-11T00:00:00Z'],
  [b2, C1, '2021-03-15T00:00:00Z'],
  [s1, C1, '2021-02-01T00:00:00Z'],
  [y1, C2, '2021-06-10T00:00:00Z'],
  [y2, C1, '2021-06-12T00:00:00Z'],
];

// [officer, course, completion, success, score, done, total, completedAt]
const RESULTS: Array<[Officer, string, string, string, number | null, number, number, string | null]> = [
  [b1, C1, 'completed', 'passed', 0.9, 2, 2, '2021-04-01T10:00:00Z'],
  [b1, C2, 'incomplete', 'unknown', null, 1, 3, null],
  [b2, C1, 'completed', 'failed', 0.4, 2, 2, '2021-04-05T10:00:00Z'],
  [s1, C1, 'completed', 'passed', 0.8, 2, 2, '2021-02-20T10:00:00Z'],
  [y1, C2, 'completed', 'passed', 0.7, 3, 3, '2021-07-01T10:00:00Z'],
];

// [officer, course, seconds, launchedAt, lastCommitAt]
const ATTEMPTS: Array<[Officer, string, number, string, string | null]> = [
  [b1, C1, 600, '2021-03-10T09:00:00Z', '2021-03-10T09:30:00Z'],
  [b1, C1, 300, '2021-04-01T09:00:00Z', '2021-04-01T10:00:00Z'],
  [b1, C2, 120, '2021-03-12T09:00:00Z', null],
  [b2, C1, 1000, '2021-03-16T09:00:00Z', '2021-04-05T10:00:00Z'],
  [s1, C1, 500, '2021-02-02T09:00:00Z', '2021-02-20T10:00:00Z'],
  [y1, C2, 400, '2021-06-11T09:00:00Z', '2021-07-01T10:00:00Z'],
];

const SIGN_INS: Array<[Officer, string]> = [
  [b1, '2020-12-31T23:00:00Z'],
  [b1, '2021-03-10T09:00:00Z'],
  [b1, '2021-03-10T15:00:00Z'],
  [b1, '2021-04-02T09:00:00Z'],
  [b2, '2021-03-10T10:00:00Z'],
  [s1, '2021-03-10T11:00:00Z'],
  [y1, '2021-06-10T08:00:00Z'],
];

const COLUMNS = [
  'userId',
  'displayName',
  'email',
  'country',
  'administration',
  'language',
  'status',
  'courseId',
  'courseTitle',
  'enrolledAt',
  'completionStatus',
  'successStatus',
  'scoreScaled',
  'partsDone',
  'partsTotal',
  'timeSeconds',
  'lastActivityAt',
];

type Row = Record<string, string | number | null>;

const emailOf = (person: Officer): string =>
  `${person.name.toLowerCase().replace(/ /g, '.')}.${person.id.slice(0, 8)}@reports.example.org`;
const at = (text: string): Date => new Date(text);

describe('reports: coordinator and Secretariat figures over a known set', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let db: DataSource;
  let adminToken: string;
  let bwToken: string;
  let snToken: string;
  let learnerToken: string;
  let bwCoordinator: { id: string; email: string };

  const http = () => request(app.getHttpServer());
  const get = (token: string, path: string, query: Record<string, string | number> = {}) =>
    http().get(`/api/reports/${path}`).query(query).set(bearer(token));
  const allRows = async (
    token: string,
    query: Record<string, string> = {},
  ): Promise<{ items: Row[]; total: number }> => {
    const response = await get(token, 'learners', { ...query, pageSize: 100 }).expect(200);
    return response.body as { items: Row[]; total: number };
  };
  const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('reports-e2e');
    app = await createTestApp();
    db = app.get(DataSource);
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    const bw = await createUser(app, { country: 'BW', displayName: 'BW Coordinator' });
    const sn = await createUser(app, { country: 'SN', displayName: 'SN Coordinator' });
    bwCoordinator = bw;
    await appoint(app, adminToken, bw.id, 'BW');
    await appoint(app, adminToken, sn.id, 'SN');
    bwToken = await login(app, bw.email, bw.password);
    snToken = await login(app, sn.email, sn.password);
    const learner = await createUser(app, { country: 'BW' });
    learnerToken = await login(app, learner.email, learner.password);
    // The BW learner above is an officer too: delete it so the BW table is exactly the known set and the coordinator.
    await db.query('DELETE FROM sign_ins WHERE user_id = ?', [learner.id]);
    await db.query("UPDATE users SET country = 'ZZ' WHERE id = ?", [learner.id]);

    for (const person of OFFICERS) {
      await db.query(
        `INSERT INTO users (id, email, password_hash, display_name, country, administration, preferred_language, status, created_at, updated_at)
         VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?, ?)`,
        [
          person.id,
          emailOf(person),
          person.name,
          person.country,
          `${person.country} Customs`,
          person.language,
          person.status,
          at(person.createdAt),
          at(person.createdAt),
        ],
      );
    }
    for (const [id, title] of [
      [C1, 'Reports Valuation basics'],
      [C2, 'Reports Rules of origin'],
    ]) {
      await db.query("INSERT INTO courses (id, status) VALUES (?, 'draft')", [id]);
      await db.query(
        `INSERT INTO course_search (course_id, status, languages, created_at, sort_en, sort_fr, sort_es, document)
         VALUES (?, 'draft', 'en', NOW(3), ?, ?, ?, ?)`,
        [id, title, title, title, title],
      );
    }
    for (const [person, course, enrolledAt] of ENROLMENTS) {
      await db.query('INSERT INTO enrolments (user_id, course_id, created_at) VALUES (?, ?, ?)', [
        person.id,
        course,
        at(enrolledAt),
      ]);
    }
    for (const [person, course, completion, success, score, done, total, completedAt] of RESULTS) {
      await db.query(
        `INSERT INTO course_results (user_id, course_id, completion_status, success_status, score_scaled, parts_done,
           parts_total, completed_at, passed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          person.id,
          course,
          completion,
          success,
          score,
          done,
          total,
          completedAt ? at(completedAt) : null,
          success === 'passed' && completedAt ? at(completedAt) : null,
          at(completedAt ?? '2021-03-12T09:00:00Z'),
        ],
      );
    }
    let number = 0;
    for (const [person, course, seconds, launchedAt, lastCommitAt] of ATTEMPTS) {
      number++;
      await db.query(
        `INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type, total_seconds,
           launched_at, last_commit_at, created_at) VALUES (?, ?, ?, ?, 'sco-1', ?, 'scorm12', 'sco', ?, ?, ?, ?)`,
        [
          randomUUID(),
          person.id,
          course,
          randomUUID(),
          number,
          seconds,
          at(launchedAt),
          lastCommitAt ? at(lastCommitAt) : null,
          at(launchedAt),
        ],
      );
    }
    for (const [person, signedInAt] of SIGN_INS) {
      await db.query('INSERT INTO sign_ins (user_id, country, signed_in_at) VALUES (?, ?, ?)', [
        person.id,
        person.country,
        at(signedInAt),
      ]);
    }
  });

  afterAll(async () => {
    const ids = OFFICERS.map((person) => person.id);
    await db.query('DELETE FROM attempts WHERE user_id IN (?)', [ids]);
    await db.query('DELETE FROM course_results WHERE user_id IN (?)', [ids]);
    await db.query('DELETE FROM enrolments WHERE user_id IN (?)', [ids]);
    await db.query('DELETE FROM sign_ins WHERE user_id IN (?)', [ids]);
    await db.query('DELETE FROM users WHERE id IN (?)', [ids]);
    await db.query('DELETE FROM course_search WHERE course_id IN (?)', [[C1, C2]]);
    await db.query('DELETE FROM courses WHERE id IN (?)', [[C1, C2]]);
    await app.close();
    restorePrefix();
  });

  describe('access', () => {
    it('401 without a token, 403 to a learner, 403 to a coordinator asking for another country', async () => {
      await http().get('/api/reports/summary').expect(401);
      await get(learnerToken, 'summary').expect(403);
      await get(learnerToken, 'learners').expect(403);
      await get(learnerToken, 'learners.csv').expect(403);
      const refused = await get(bwToken, 'summary', { country: 'SN' }).expect(403);
      expect((refused.body as { code: string }).code).toBe('FORBIDDEN');
      await get(bwToken, 'learners', { country: 'UY' }).expect(403);
      await get(bwToken, 'learners.csv', { country: 'SN' }).expect(403);
      await get(bwToken, 'learners.xlsx', { country: 'SN' }).expect(403);
      await get(bwToken, 'secretariat').expect(403);
    });

    it('400 with a stable code for bad filters', async () => {
      const bad: Array<Record<string, string | number>> = [
        { country: 'bw' },
        { from: '2021-02-30' },
        { from: '2021-05-01', to: '2021-04-01' },
        { course: 'not-a-uuid' },
        { lang: 'de' },
        { status: 'asleep' },
        { page: 0 },
        { pageSize: 101 },
      ];
      for (const query of bad) {
        const response = await get(adminToken, 'learners', query).expect(400);
        expect((response.body as { code: string }).code).toEqual(expect.any(String));
      }
      await get(adminToken, 'learners/not-a-uuid').expect(400);
    });
  });

  describe('coordinator summary: own country only', () => {
    it('counts every figure of Botswana over 2021', async () => {
      const body = (await get(bwToken, 'summary', YEAR).expect(200)).body as Record<string, unknown>;
      expect(body).toEqual({
        registrations: { pending: 1, approved: 3, rejected: 1 },
        learners: 2,
        enrolments: 3,
        completions: 2,
        officersByStatus: { unverified: 0, pending: 1, active: 2, rejected: 1, suspended: 1 },
        registrationsPerMonth: [
          { month: '2021-03', count: 2 },
          { month: '2021-04', count: 2 },
          { month: '2021-05', count: 1 },
        ],
        courses: [
          {
            courseId: C1,
            title: 'Reports Valuation basics',
            enrolments: 2,
            started: 2,
            inProgress: 0,
            completions: 2,
            passed: 1,
            failed: 1,
            passRate: 0.5,
            averageScore: 0.65,
            averageTimeSeconds: 950,
          },
          {
            courseId: C2,
            title: 'Reports Rules of origin',
            enrolments: 1,
            started: 1,
            inProgress: 1,
            completions: 0,
            passed: 0,
            failed: 0,
            passRate: null,
            averageScore: null,
            averageTimeSeconds: 120,
          },
        ],
      });
      // Asking for their own country by name gives the same; the period narrows it.
      expect((await get(bwToken, 'summary', { ...YEAR, country: 'BW' }).expect(200)).body).toEqual(body);
      const april = (await get(bwToken, 'summary', { from: '2021-04-01', to: '2021-04-30' }).expect(200)).body as {
        completions: number;
        enrolments: number;
        registrations: object;
      };
      expect(april).toMatchObject({
        completions: 2,
        enrolments: 0,
        registrations: { pending: 1, approved: 0, rejected: 1 },
      });
    });

    it("Senegal's coordinator sees Senegal's figures, never Botswana's", async () => {
      const body = (await get(snToken, 'summary', YEAR).expect(200)).body as Record<string, unknown>;
      expect(body).toMatchObject({
        registrations: { pending: 1, approved: 1, rejected: 0 },
        learners: 1,
        enrolments: 1,
        completions: 1,
        courses: [
          expect.objectContaining({
            courseId: C1,
            enrolments: 1,
            passed: 1,
            averageScore: 0.8,
            averageTimeSeconds: 500,
          }),
        ],
      });
    });
  });

  describe('admin summary: every country or one', () => {
    it('counts all three countries over 2021', async () => {
      const body = (await get(adminToken, 'summary', YEAR).expect(200)).body as Record<string, unknown>;
      expect(body).toMatchObject({
        registrations: { pending: 2, approved: 6, rejected: 1 },
        learners: 5,
        enrolments: 6,
        completions: 4,
        registrationsPerMonth: [
          { month: '2021-01', count: 1 },
          { month: '2021-02', count: 1 },
          { month: '2021-03', count: 2 },
          { month: '2021-04', count: 2 },
          { month: '2021-05', count: 1 },
          { month: '2021-06', count: 2 },
        ],
        courses: [
          {
            courseId: C1,
            title: 'Reports Valuation basics',
            enrolments: 4,
            started: 3,
            inProgress: 0,
            completions: 3,
            passed: 2,
            failed: 1,
            passRate: 0.6667,
            averageScore: 0.7,
            averageTimeSeconds: 800,
          },
          {
            courseId: C2,
            title: 'Reports Rules of origin',
            enrolments: 2,
            started: 2,
            inProgress: 1,
            completions: 1,
            passed: 1,
            failed: 0,
            passRate: 1,
            averageScore: 0.7,
            averageTimeSeconds: 260,
          },
        ],
      });
      const uy = (await get(adminToken, 'summary', { ...YEAR, country: 'UY' }).expect(200)).body as Record<
        string,
        unknown
      >;
      expect(uy).toMatchObject({
        registrations: { pending: 0, approved: 2, rejected: 0 },
        learners: 2,
        enrolments: 2,
        completions: 1,
      });
    });
  });

  describe('learners table, exports and transcript', () => {
    const b1c1: Row = {
      userId: b1.id,
      displayName: 'BW Officer 1',
      email: emailOf(b1),
      country: 'BW',
      administration: 'BW Customs',
      language: 'en',
      status: 'active',
      courseId: C1,
      courseTitle: 'Reports Valuation basics',
      enrolledAt: '2021-03-10T00:00:00.000Z',
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 0.9,
      partsDone: 2,
      partsTotal: 2,
      timeSeconds: 900,
      lastActivityAt: '2021-04-01T10:00:00.000Z',
    };

    it("lists Botswana's officers, one row per enrolled course, and nobody else's", async () => {
      const { items, total } = await allRows(bwToken);
      expect(total).toBe(7);
      expect(items.map((row) => [row.displayName, row.courseId])).toEqual([
        ['BW Coordinator', null],
        ['BW Officer 1', C1 < C2 ? C1 : C2],
        ['BW Officer 1', C1 < C2 ? C2 : C1],
        ['BW Officer 2', C1],
        ['BW Officer 3', null],
        ['BW Officer 4', null],
        ['BW Officer 5', null],
      ]);
      expect(items.find((row) => row.userId === b1.id && row.courseId === C1)).toEqual(b1c1);
      expect(items.find((row) => row.userId === b1.id && row.courseId === C2)).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        scoreScaled: null,
        partsDone: 1,
        partsTotal: 3,
        timeSeconds: 120,
        lastActivityAt: '2021-03-12T09:00:00.000Z',
      });
      expect(items.find((row) => row.userId === b3.id)).toMatchObject({
        courseId: null,
        completionStatus: null,
        timeSeconds: null,
        lastActivityAt: null,
        status: 'pending',
      });
      expect(items.every((row) => row.country === 'BW')).toBe(true);
      expect(items.find((row) => row.userId === bwCoordinator.id)).toBeDefined();
    });

    it('pages through the same rows', async () => {
      const { items } = await allRows(bwToken);
      const pages: Row[] = [];
      for (let page = 1; page <= 3; page++) {
        const body = (await get(bwToken, 'learners', { page, pageSize: 3 }).expect(200)).body as {
          items: Row[];
          total: number;
        };
        expect(body.total).toBe(7);
        pages.push(...body.items);
      }
      expect(pages).toEqual(items);
    });

    it('filters by course, language, status and period', async () => {
      const ids = async (query: Record<string, string>) =>
        (await allRows(bwToken, query)).items.map((row) => `${String(row.displayName)}|${String(row.courseId)}`);
      expect(await ids({ course: C1 })).toEqual([`BW Officer 1|${C1}`, `BW Officer 2|${C1}`]);
      expect(await ids({ lang: 'fr' })).toEqual([`BW Officer 2|${C1}`]);
      expect(await ids({ status: 'pending' })).toEqual(['BW Officer 3|null']);
      expect(await ids({ from: '2021-03-12', to: '2021-12-31' })).toEqual([`BW Officer 2|${C1}`]);
      expect(await ids({ from: '2021-03-11', to: '2021-03-11' })).toEqual([`BW Officer 1|${C2}`]);
      const uy = await allRows(adminToken, { country: 'UY' });
      expect(uy.items.map((row) => row.userId)).toEqual([y1.id, y2.id]);
      expect(uy.items[1]).toMatchObject({
        courseId: C1,
        completionStatus: 'not attempted',
        successStatus: 'unknown',
        partsDone: 0,
        timeSeconds: 0,
        lastActivityAt: '2021-06-12T00:00:00.000Z',
      });
    });

    it.each([[{}], [{ course: C1 }], [{ lang: 'fr' }], [{ from: '2021-03-01', to: '2021-03-31' }]])(
      'the CSV holds exactly the rows of the table, cell for cell (%p)',
      async (query: Record<string, string>) => {
        const { items } = await allRows(bwToken, query);
        const response = await get(bwToken, 'learners.csv', query).expect(200);
        expect(response.headers['content-type']).toMatch(/^text\/csv/);
        expect(response.headers['content-disposition']).toContain('learners.csv');
        const [header, ...rows] = parseCsv(response.text.replace(/^\uFEFF/, '')).filter((row) => row.length > 1);
        expect(header).toEqual(COLUMNS);
        expect(rows).toEqual(
          items.map((item) => COLUMNS.map((column) => (item[column] === null ? '' : String(item[column])))),
        );
      },
    );

    it.each([[{}], [{ course: C2 }], [{ status: 'active' }]])(
      'the XLSX holds exactly the rows of the table, cell for cell (%p)',
      async (query: Record<string, string>) => {
        const { items } = await allRows(bwToken, query);
        const response = await get(bwToken, 'learners.xlsx', query).buffer(true).parse(binary).expect(200);
        expect(response.headers['content-type']).toContain('spreadsheetml');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body);
        const sheet = workbook.getWorksheet('learners')!;
        const read: Array<Array<string | number | null>> = [];
        sheet.eachRow({ includeEmpty: false }, (row) => {
          read.push(
            COLUMNS.map((_, index) => {
              const value = row.getCell(index + 1).value;
              return value === null || value === undefined ? null : (value as string | number);
            }),
          );
        });
        expect(read[0]).toEqual(COLUMNS);
        // An empty text is an empty cell in a workbook.
        expect(read.slice(1)).toEqual(
          items.map((item) => COLUMNS.map((column) => (item[column] === '' ? null : item[column]))),
        );
      },
    );

    it("the exports of a coordinator hold their own country's rows only", async () => {
      const csv = await get(snToken, 'learners.csv').expect(200);
      const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''))
        .filter((row) => row.length > 1)
        .slice(1);
      expect(rows.length).toBe(3);
      expect(rows.every((row) => row[3] === 'SN')).toBe(true);
    });

    it("opens an officer's transcript, read-only; another country's officer is not found", async () => {
      const body = (await get(bwToken, `learners/${b1.id}`).expect(200)).body as {
        officer: Record<string, unknown>;
        courses: Row[];
      };
      expect(body.officer).toEqual({
        id: b1.id,
        displayName: 'BW Officer 1',
        email: emailOf(b1),
        country: 'BW',
        administration: 'BW Customs',
        language: 'en',
        status: 'active',
        registeredAt: '2021-03-01T08:00:00.000Z',
        lastSignInAt: '2021-04-02T09:00:00.000Z',
      });
      expect(body.courses.map((row) => row.courseId)).toEqual([C1, C2]);
      expect(body.courses[0]).toEqual(b1c1);
      const missing = await get(bwToken, `learners/${s1.id}`).expect(404);
      expect((missing.body as { code: string }).code).toBe('NOT_FOUND');
      await get(snToken, `learners/${b1.id}`).expect(404);
      await get(bwToken, `learners/${randomUUID()}`).expect(404);
      await get(adminToken, `learners/${s1.id}`).expect(200);
      await http().post(`/api/reports/learners/${b1.id}`).set(bearer(bwToken)).expect(404);
    });
  });

  describe('Secretariat figures', () => {
    it('usage, funnel, regions, countries and courses over 2021', async () => {
      const body = (await get(adminToken, 'secretariat', YEAR).expect(200)).body as Record<string, unknown>;
      expect(body.usage).toMatchObject({
        activeUsersPerDay: [
          { day: '2021-03-10', count: 3 },
          { day: '2021-04-02', count: 1 },
          { day: '2021-06-10', count: 1 },
        ],
        activeUsersPerMonth: [
          { month: '2021-03', count: 3 },
          { month: '2021-04', count: 1 },
          { month: '2021-06', count: 1 },
        ],
        newRegistrationsPerMonth: [
          { month: '2021-01', count: 1 },
          { month: '2021-02', count: 1 },
          { month: '2021-03', count: 2 },
          { month: '2021-04', count: 2 },
          { month: '2021-05', count: 1 },
          { month: '2021-06', count: 2 },
        ],
      });
      expect(body.funnel).toEqual({ enrolled: 6, started: 5, completed: 4, passed: 3 });
      const figures = { registered: 0, active: 0, enrolments: 0, started: 0, completions: 0, passed: 0 };
      expect(body.countries).toEqual([
        {
          ...figures,
          country: 'BW',
          region: 'east-southern-africa',
          registered: 5,
          active: 2,
          enrolments: 3,
          started: 3,
          completions: 2,
          passed: 1,
        },
        {
          ...figures,
          country: 'SN',
          region: 'west-central-africa',
          registered: 2,
          active: 1,
          enrolments: 1,
          started: 1,
          completions: 1,
          passed: 1,
        },
        {
          ...figures,
          country: 'UY',
          region: 'americas-caribbean',
          registered: 2,
          active: 2,
          enrolments: 2,
          started: 1,
          completions: 1,
          passed: 1,
        },
      ]);
      expect(body.regions).toEqual([
        {
          region: 'east-southern-africa',
          countries: 1,
          registered: 5,
          active: 2,
          enrolments: 3,
          started: 3,
          completions: 2,
          passed: 1,
        },
        {
          region: 'west-central-africa',
          countries: 1,
          registered: 2,
          active: 1,
          enrolments: 1,
          started: 1,
          completions: 1,
          passed: 1,
        },
        {
          region: 'americas-caribbean',
          countries: 1,
          registered: 2,
          active: 2,
          enrolments: 2,
          started: 1,
          completions: 1,
          passed: 1,
        },
      ]);
      expect((body.courses as Row[]).map((row) => [row.courseId, row.enrolments])).toEqual([
        [C1, 4],
        [C2, 2],
      ]);
      const queues = body.queues as Array<Record<string, unknown>>;
      expect(queues.map((queue) => queue.queue).sort()).toEqual(Object.values(QueueName).sort());
      for (const queue of queues) {
        expect(queue).toEqual({
          queue: queue.queue,
          waiting: expect.any(Number),
          active: expect.any(Number),
          failed: expect.any(Number),
        });
      }
    });

    it('registered users and active users of one country', async () => {
      const body = (await get(adminToken, 'secretariat', { ...YEAR, country: 'BW' }).expect(200)).body as {
        usage: { registeredUsers: number; activeUsersPerDay: unknown[] };
        countries: unknown[];
      };
      // b1, b2 and the BW coordinator are active.
      expect(body.usage.registeredUsers).toBe(3);
      expect(body.usage.activeUsersPerDay).toEqual([
        { day: '2021-03-10', count: 2 },
        { day: '2021-04-02', count: 1 },
      ]);
      expect(body.countries).toHaveLength(1);
    });
  });

  describe('summary tables (docs/reports.md)', () => {
    it('the migration rebuilds from the summarised tables exactly what the triggers kept', async () => {
      const figures = async () => {
        const bodies: unknown[] = [];
        for (const [token, path, query] of [
          [adminToken, 'summary', {}],
          [adminToken, 'summary', YEAR],
          [adminToken, 'summary', { from: '2021-03-05', to: '2021-06-11' }],
          [bwToken, 'summary', {}],
          [adminToken, 'secretariat', {}],
          [adminToken, 'secretariat', { from: '2021-02-15', to: '2021-04-01' }],
          [bwToken, 'learners', YEAR],
        ] as Array<[string, string, Record<string, string>]>) {
          const body = (await get(token, path, query).expect(200)).body as Record<string, unknown>;
          delete body.queues; // BullMQ's, not the database's
          bodies.push(body);
        }
        return bodies;
      };
      const kept = await figures();
      const migration = db.migrations.find((candidate) => candidate.name === 'ReportSummaries1764510000000');
      expect(migration).toBeDefined();
      const runner = db.createQueryRunner();
      try {
        await migration!.down(runner);
        await migration!.up(runner);
      } finally {
        await runner.release();
      }
      expect(await figures()).toEqual(kept);
    });
  });
});
