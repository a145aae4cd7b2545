import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { AuditService } from '@app/audit';
import { CertificateService } from '@app/certificates';
import { addLaunchablePackage } from '../support/course-packages';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { isolateRedisPrefix, parseCsv, withEnv } from '../support/accounts';
import { newKeys } from '../support/licence-bundles';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';

const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  'x-roles'?: string[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface AuditRow {
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  targetCountry: string | null;
  ip: string | null;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', ...args], {
      cwd: ROOT,
      env: process.env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * The privileged routes of the OpenAPI document: those for the Secretariat or coordinators that
 * change something (any method but GET), and their exports (a GET answering a file).
 */
function privilegedRoutes(document: { paths: Record<string, Partial<Record<Method, Operation>>> }): string[] {
  const routes: string[] = [];
  for (const [route, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      const roles = operation?.['x-roles'] ?? [];
      if (!operation || !roles.some((role) => role === 'admin' || role === 'coordinator')) {
        continue;
      }
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      const answersFile =
        /\.(csv|xlsx)$/.test(route) ||
        success.some(([, response]) => Object.keys(response.content ?? {}).some((type) => type !== 'application/json'));
      if (method !== 'get' || answersFile) {
        routes.push(`${method.toUpperCase()} ${route}`);
      }
    }
  }
  return routes.sort();
}

const listUploads = (): string[] => {
  const folder = path.join(process.env.DATA_DIR!, 'uploads');
  return existsSync(folder) ? readdirSync(folder) : [];
};
let uploadsBefore: string[] = [];

describe('Audit trail (issue 17, item 5)', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let restorePrefix: () => void;
  let dir: string;
  let admin: { id: string; token: string };
  let coordinator: { id: string; token: string };
  let learnerToken: string;
  let ipCounter = 0;

  const nextIp = (): string => `203.0.113.${(++ipCounter % 250) + 1}`;
  const server = () => app.getHttpServer();
  const call = (token: string, method: Method, url: string, ip: string) =>
    request(server())[method](url).auth(token, { type: 'bearer' }).set('X-Forwarded-For', ip);

  async function newest(): Promise<AuditRow[]> {
    const rows = await dataSource.query<AuditRow[]>(
      'SELECT seq, actor_id AS actorId, action, target_type AS targetType, target_id AS targetId, target_country AS targetCountry, ip FROM audit_log ORDER BY seq DESC LIMIT 50',
    );
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  /** Puts back a row as it was read (a test's own tampering undone). */
  async function restore(row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    await dataSource.query(
      `INSERT INTO audit_log (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((column) => row[column]),
    );
  }

  async function maxSeq(): Promise<number> {
    const [row] = await dataSource.query<Array<{ seq: string }>>('SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_log');
    return Number(row.seq);
  }

  async function account(overrides: Parameters<typeof createUser>[1] = {}): Promise<{ id: string; token: string }> {
    const user = await createUser(app, overrides);
    return { id: user.id, token: await login(app, user.email, user.password) };
  }

  async function newCourse(): Promise<string> {
    const response = await call(admin.token, 'post', '/api/courses', nextIp())
      .send({
        topic: 'customs-valuation',
        texts: [{ language: 'en', title: `Valuation ${randomUUID()}`, description: '' }],
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function pending(country = 'KE'): Promise<string> {
    return (await createUser(app, { status: UserStatus.Pending, country })).id;
  }

  async function certificate(): Promise<string> {
    const learner = await createUser(app);
    const courseId = await newCourse();
    const issued = await dataSource.transaction((manager) =>
      app.get(CertificateService).issueOnResult(manager, {
        userId: learner.id,
        courseId,
        completionStatus: 'completed',
        successStatus: 'unknown',
        scoreScaled: null,
        completedAt: new Date(),
        passedAt: null,
      }),
    );
    return issued!.id;
  }

  async function licence(): Promise<string> {
    const courseId = await newCourse();
    const today = new Date().toISOString().slice(0, 10);
    const response = await call(admin.token, 'post', '/api/licences', nextIp())
      .send({
        licenseeCountry: 'KE',
        licenseeAdministration: 'Kenya Revenue Authority',
        courseIds: [courseId],
        languages: ['en'],
        validFrom: today,
        validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
        seatCap: null,
        translationAllowed: false,
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function rtc(): Promise<string> {
    const response = await call(admin.token, 'post', '/api/admin/rtcs', nextIp())
      .send({ name: `RTC ${randomUUID()}`, country: 'KE' })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function file(name: string, content: string): Promise<string> {
    const target = path.join(dir, `${randomUUID()}-${name}`);
    await writeFile(target, content);
    return target;
  }

  /**
   * One valid call per privileged route: who makes it, the request, and the entry it must leave
   * (its action and target id). A route of the document missing here fails the first test.
   */
  type Case = (ip: string) => Promise<{ actor: { id: string; token: string }; action: string; targetId: string }>;
  const cases: Record<string, Case> = {
    'GET /api/registrations/decisions/export.csv': async (ip) => {
      await call(coordinator.token, 'get', '/api/registrations/decisions/export.csv?country=KE', ip).expect(200);
      return { actor: coordinator, action: 'export.decisions', targetId: 'KE' };
    },
    'POST /api/registrations/import': async (ip) => {
      const csv = await file(
        'officers.csv',
        `email,name,job title\nofficer-${randomUUID()}@kra.go.ke,Amani Otieno,Valuer\n`,
      );
      const response = await call(coordinator.token, 'post', '/api/registrations/import', ip)
        .attach('file', csv)
        .expect(202);
      return { actor: coordinator, action: 'import.officers', targetId: (response.body as { jobId: string }).jobId };
    },
    'POST /api/registrations/bulk': async (ip) => {
      const id = await pending();
      await call(coordinator.token, 'post', '/api/registrations/bulk', ip)
        .send({ action: 'approve', userIds: [id] })
        .expect(200);
      return { actor: coordinator, action: 'registration.approve', targetId: id };
    },
    'POST /api/registrations/{userId}/approve': async (ip) => {
      const id = await pending();
      await call(coordinator.token, 'post', `/api/registrations/${id}/approve`, ip).expect(200);
      return { actor: coordinator, action: 'registration.approve', targetId: id };
    },
    'POST /api/registrations/{userId}/reject': async (ip) => {
      const id = await pending();
      await call(coordinator.token, 'post', `/api/registrations/${id}/reject`, ip)
        .send({ reason: 'Not an officer' })
        .expect(200);
      return { actor: coordinator, action: 'registration.reject', targetId: id };
    },
    'PUT /api/countries/{code}/auto-approve-domains': async (ip) => {
      await call(coordinator.token, 'put', '/api/countries/KE/auto-approve-domains', ip)
        .send({ domains: ['kra.go.ke'] })
        .expect(200);
      return { actor: coordinator, action: 'country.auto-approve-domains.set', targetId: 'KE' };
    },
    'POST /api/admin/coordinators': async (ip) => {
      const user = await createUser(app, { country: 'TZ' });
      await call(admin.token, 'post', '/api/admin/coordinators', ip)
        .send({ userId: user.id, country: 'TZ' })
        .expect(201);
      return { actor: admin, action: 'coordinator.appoint', targetId: user.id };
    },
    'POST /api/admin/coordinators/{id}/end': async (ip) => {
      const user = await createUser(app, { country: 'UG' });
      const appointed = await call(admin.token, 'post', '/api/admin/coordinators', nextIp())
        .send({ userId: user.id, country: 'UG' })
        .expect(201);
      await call(
        admin.token,
        'post',
        `/api/admin/coordinators/${(appointed.body as { id: string }).id}/end`,
        ip,
      ).expect(200);
      return { actor: admin, action: 'coordinator.end', targetId: user.id };
    },
    'POST /api/admin/users/{id}/suspend': async (ip) => {
      const user = await createUser(app);
      await call(admin.token, 'post', `/api/admin/users/${user.id}/suspend`, ip).expect(200);
      return { actor: admin, action: 'user.suspend', targetId: user.id };
    },
    'POST /api/admin/users/{id}/reinstate': async (ip) => {
      const user = await createUser(app, { status: UserStatus.Suspended });
      await call(admin.token, 'post', `/api/admin/users/${user.id}/reinstate`, ip).expect(200);
      return { actor: admin, action: 'user.reinstate', targetId: user.id };
    },
    'POST /api/admin/users/{id}/end-sessions': async (ip) => {
      const user = await createUser(app);
      await call(admin.token, 'post', `/api/admin/users/${user.id}/end-sessions`, ip).expect(200);
      return { actor: admin, action: 'user.end-sessions', targetId: user.id };
    },
    'POST /api/admin/users/{id}/resend-verification': async (ip) => {
      const user = await createUser(app, { status: UserStatus.Unverified });
      await call(admin.token, 'post', `/api/admin/users/${user.id}/resend-verification`, ip).expect(204);
      return { actor: admin, action: 'user.resend-verification', targetId: user.id };
    },
    'POST /api/admin/users/{id}/left-service': async (ip) => {
      const user = await createUser(app, { country: 'KE' });
      await call(coordinator.token, 'post', `/api/admin/users/${user.id}/left-service`, ip).expect(200);
      return { actor: coordinator, action: 'user.left-service', targetId: user.id };
    },
    'POST /api/admin/rtcs': async (ip) => {
      const response = await call(admin.token, 'post', '/api/admin/rtcs', ip)
        .send({ name: `RTC ${randomUUID()}`, country: 'KE' })
        .expect(201);
      return { actor: admin, action: 'rtc.create', targetId: (response.body as { id: string }).id };
    },
    'PATCH /api/admin/rtcs/{id}': async (ip) => {
      const id = await rtc();
      await call(admin.token, 'patch', `/api/admin/rtcs/${id}`, ip).send({ contact: 'rtc@example.org' }).expect(200);
      return { actor: admin, action: 'rtc.update', targetId: id };
    },
    'POST /api/admin/rtcs/{id}/staff': async (ip) => {
      const id = await rtc();
      const user = await createUser(app);
      await call(admin.token, 'post', `/api/admin/rtcs/${id}/staff`, ip).send({ userId: user.id }).expect(201);
      return { actor: admin, action: 'rtc-staff.appoint', targetId: user.id };
    },
    'POST /api/admin/rtcs/{id}/staff/{appointmentId}/end': async (ip) => {
      const id = await rtc();
      const user = await createUser(app);
      const appointed = await call(admin.token, 'post', `/api/admin/rtcs/${id}/staff`, nextIp())
        .send({ userId: user.id })
        .expect(201);
      const appointmentId = (appointed.body as { id: string }).id;
      await call(admin.token, 'post', `/api/admin/rtcs/${id}/staff/${appointmentId}/end`, ip).expect(200);
      return { actor: admin, action: 'rtc-staff.end', targetId: user.id };
    },
    'POST /api/courses': async (ip) => {
      const response = await call(admin.token, 'post', '/api/courses', ip)
        .send({ topic: 'customs-valuation', texts: [{ language: 'en', title: 'Audited course', description: '' }] })
        .expect(201);
      return { actor: admin, action: 'course.create', targetId: (response.body as { id: string }).id };
    },
    'PATCH /api/courses/{id}': async (ip) => {
      const id = await newCourse();
      await addLaunchablePackage(dataSource, id, 'en');
      await call(admin.token, 'patch', `/api/courses/${id}`, ip).send({ status: 'published' }).expect(200);
      return { actor: admin, action: 'course.publish', targetId: id };
    },
    'POST /api/courses/packages': async (ip) => {
      const zip = await writePackage(scorm12Bookmark());
      const response = await call(admin.token, 'post', '/api/courses/packages', ip)
        .field('language', 'en')
        .attach('file', zip)
        .expect(202);
      return { actor: admin, action: 'import.package', targetId: (response.body as { jobId: string }).jobId };
    },
    'POST /api/imports/licence': async (ip) => {
      const bundle = await file('bundle.zip', `not really a bundle ${randomUUID()}`);
      const response = await call(admin.token, 'post', '/api/imports/licence', ip).attach('file', bundle).expect(202);
      return { actor: admin, action: 'import.licence', targetId: (response.body as { jobId: string }).jobId };
    },
    'POST /api/imports/translation': async (ip) => {
      const xliff = await file('texts.xlf', '<xliff/>');
      const response = await call(admin.token, 'post', '/api/imports/translation', ip)
        .attach('file', xliff)
        .expect(202);
      return { actor: admin, action: 'import.translation', targetId: (response.body as { jobId: string }).jobId };
    },
    'POST /api/licences': async (ip) => {
      const courseId = await newCourse();
      const today = new Date().toISOString().slice(0, 10);
      const response = await call(admin.token, 'post', '/api/licences', ip)
        .send({
          licenseeCountry: 'GH',
          licenseeAdministration: 'Ghana Revenue Authority',
          courseIds: [courseId],
          languages: ['en'],
          validFrom: today,
          validUntil: today,
          seatCap: null,
          translationAllowed: false,
        })
        .expect(201);
      return { actor: admin, action: 'licence.grant', targetId: (response.body as { id: string }).id };
    },
    'PATCH /api/licences/{id}': async (ip) => {
      const id = await licence();
      await call(admin.token, 'patch', `/api/licences/${id}`, ip).send({ seatCap: 50 }).expect(200);
      return { actor: admin, action: 'licence.revise', targetId: id };
    },
    'POST /api/licences/{id}/end': async (ip) => {
      const id = await licence();
      await call(admin.token, 'post', `/api/licences/${id}/end`, ip).send({}).expect(200);
      return { actor: admin, action: 'licence.end', targetId: id };
    },
    'GET /api/licences/{id}/bundle': async (ip) => {
      const id = await licence();
      await call(admin.token, 'get', `/api/licences/${id}/bundle`, ip).expect(200);
      return { actor: admin, action: 'export.licence-bundle', targetId: id };
    },
    'GET /api/courses/{id}/xliff': async (ip) => {
      const id = await newCourse();
      await call(admin.token, 'get', `/api/courses/${id}/xliff?source=en&target=fr`, ip).expect(200);
      return { actor: admin, action: 'export.xliff', targetId: id };
    },
    'POST /api/admin/system/echo-jobs': async (ip) => {
      const response = await call(admin.token, 'post', '/api/admin/system/echo-jobs', ip)
        .send({ message: 'audit', delayMs: 0 })
        .expect(202);
      return { actor: admin, action: 'system.echo-job', targetId: (response.body as { jobId: string }).jobId };
    },
    'POST /api/groups': async (ip) => {
      const response = await call(coordinator.token, 'post', '/api/groups', ip)
        .send({ name: `Valuation experts ${randomUUID().slice(0, 8)}`, kind: 'expert_community' })
        .expect(201);
      return { actor: coordinator, action: 'group.create', targetId: (response.body as { id: string }).id };
    },
    'GET /api/reports/learners.csv': async (ip) => {
      await call(coordinator.token, 'get', '/api/reports/learners.csv?country=KE', ip).expect(200);
      return { actor: coordinator, action: 'export.learners', targetId: 'KE' };
    },
    'GET /api/reports/learners.xlsx': async (ip) => {
      await call(admin.token, 'get', '/api/reports/learners.xlsx', ip).expect(200);
      return { actor: admin, action: 'export.learners', targetId: 'all' };
    },
    'POST /api/certificates/{id}/revoke': async (ip) => {
      const id = await certificate();
      await call(admin.token, 'post', `/api/certificates/${id}/revoke`, ip)
        .send({ reason: 'Wrong person' })
        .expect(200);
      return { actor: admin, action: 'certificate.revoke', targetId: id };
    },
    'POST /api/certificates/{id}/reissue': async (ip) => {
      const id = await certificate();
      await call(admin.token, 'post', `/api/certificates/${id}/reissue`, ip).expect(200);
      return { actor: admin, action: 'certificate.reissue', targetId: id };
    },
    'GET /api/admin/audit/export.csv': async (ip) => {
      await call(admin.token, 'get', '/api/admin/audit/export.csv', ip).expect(200);
      return { actor: admin, action: 'export.audit', targetId: 'all' };
    },
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('audit');
    const certificateKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    app = await withEnv(
      {
        CERTIFICATE_SIGNING_KEY: certificateKey.toString('base64'),
        LICENCE_SIGNING_KEY: newKeys().privateText,
      },
      () => createTestApp(),
    );
    await resetDatabase(app);
    dataSource = app.get(DataSource);
    dir = await mkdtemp(path.join(tmpdir(), 'audit-e2e-'));
    admin = await account({ role: UserRole.Admin, country: null });
    coordinator = await account({ country: 'KE' });
    await call(admin.token, 'post', '/api/admin/coordinators', nextIp())
      .send({ userId: coordinator.id, country: 'KE' })
      .expect(201);
    learnerToken = (await account()).token;
    uploadsBefore = listUploads();
  }, 120_000);

  afterAll(async () => {
    // The imports these cases queue wait for a worker that never comes: take their uploads away, so
    // later suites that check the uploads folder find only their own.
    for (const name of listUploads()) {
      if (!uploadsBefore.includes(name)) {
        rmSync(path.join(process.env.DATA_DIR!, 'uploads', name), { force: true });
      }
    }
    await app?.close();
    await rm(dir, { recursive: true, force: true });
    restorePrefix?.();
  });

  it('GET /api/admin/audit: 401 signed out, 403 for a learner, 400 for an unknown action or a bad date', async () => {
    await request(server()).get('/api/admin/audit').expect(401);
    await request(server()).get('/api/admin/audit/export.csv').expect(401);
    await call(learnerToken, 'get', '/api/admin/audit', nextIp()).expect(403);
    await call(learnerToken, 'get', '/api/admin/audit/export.csv', nextIp()).expect(403);
    const badAction = await call(admin.token, 'get', '/api/admin/audit?action=user.explode', nextIp()).expect(400);
    expect((badAction.body as { code: string }).code).toBe('VALIDATION_FAILED');
    await call(admin.token, 'get', '/api/admin/audit?from=yesterday', nextIp()).expect(400);
    await call(admin.token, 'get', '/api/admin/audit?pageSize=1000', nextIp()).expect(400);
  });

  it('every privileged route of the OpenAPI document leaves its entry: who, what, target, address', async () => {
    const document = (await request(server()).get('/api/docs/openapi.json').expect(200)).body as Parameters<
      typeof privilegedRoutes
    >[0];
    const routes = privilegedRoutes(document);
    // A new privileged route needs its case here (and its audit entry in its service).
    expect(routes).toEqual(Object.keys(cases).sort());
    for (const route of routes) {
      const before = await maxSeq();
      const ip = nextIp();
      const expected = await cases[route](ip);
      const entries = (await newest()).filter((row) => row.seq > before);
      const entry = entries.find((row) => row.action === expected.action && row.targetId === expected.targetId);
      expect({ route, entry }).toEqual({
        route,
        entry: expect.objectContaining({ actorId: expected.actor.id, ip }) as unknown,
      });
    }
    expect(await app.get(AuditService).check()).toEqual({ ok: true, checked: await maxSeq() });
  }, 240_000);

  it('filters by actor, target, action and time; a coordinator sees only entries of their countries', async () => {
    // The previous test's entries (a suspension among them) lie more than the second below behind.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const ghanaian = await createUser(app, { country: 'GH' });
    const kenyan = await createUser(app, { country: 'KE' });
    const start = new Date(Date.now() - 1000).toISOString();
    await call(admin.token, 'post', `/api/admin/users/${ghanaian.id}/suspend`, nextIp()).expect(200);
    await call(admin.token, 'post', `/api/admin/users/${kenyan.id}/suspend`, nextIp()).expect(200);

    const byAdmin = await call(
      admin.token,
      'get',
      `/api/admin/audit?action=user.suspend&from=${encodeURIComponent(start)}`,
      nextIp(),
    ).expect(200);
    expect((byAdmin.body as { items: AuditRow[] }).items.map((row) => row.targetId).sort()).toEqual(
      [ghanaian.id, kenyan.id].sort(),
    );
    const byTarget = await call(admin.token, 'get', `/api/admin/audit?targetId=${ghanaian.id}`, nextIp()).expect(200);
    expect(byTarget.body).toMatchObject({ total: 1, items: [{ targetId: ghanaian.id, actorId: admin.id }] });
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect(
      (await call(admin.token, 'get', `/api/admin/audit?from=${future}`, nextIp()).expect(200)).body,
    ).toMatchObject({ total: 0, items: [] });

    // The coordinator of KE: the Kenyan's suspension, not the Ghanaian's, whatever the filter.
    const mine = await call(coordinator.token, 'get', `/api/admin/audit?action=user.suspend&pageSize=200`, nextIp());
    const targets = (mine.body as { items: AuditRow[] }).items.map((row) => row.targetId);
    expect(targets).toContain(kenyan.id);
    expect(targets).not.toContain(ghanaian.id);
    expect(
      (await call(coordinator.token, 'get', `/api/admin/audit?targetId=${ghanaian.id}`, nextIp()).expect(200)).body,
    ).toMatchObject({ total: 0 });
    const everyRow = (await call(coordinator.token, 'get', '/api/admin/audit?pageSize=200', nextIp()).expect(200))
      .body as { items: Array<AuditRow & { actorCountry: string | null }> };
    expect(everyRow.items.length).toBeGreaterThan(0);
    for (const row of everyRow.items) {
      expect([row.actorCountry, row.targetCountry]).toContain('KE');
    }

    // The CSV holds the same rows in scope.
    const csv = await call(coordinator.token, 'get', `/api/admin/audit/export.csv?targetId=${kenyan.id}`, nextIp())
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const rows = parseCsv(csv.body as string);
    expect(rows[0]).toEqual([
      'seq',
      'occurred_at',
      'actor_id',
      'actor_country',
      'action',
      'target_type',
      'target_id',
      'target_country',
      'ip',
      'details',
      'hash',
    ]);
    expect(rows.slice(1).filter((row) => row.length > 1)).toEqual([
      expect.arrayContaining(['user.suspend', kenyan.id, admin.id]) as unknown,
    ]);
  });

  it('the chain check finds an edited row and a removed row, and names the first broken entry', async () => {
    const audit = app.get(AuditService);
    expect((await audit.check()).ok).toBe(true);
    expect(await cli('audit-check')).toMatchObject({ code: 0, stdout: expect.stringContaining('intact') });

    // A silent edit: the row no longer matches its hash.
    const [victim] = await dataSource.query<
      Array<{
        seq: string;
        ip: string | null;
      }>
    >('SELECT seq, ip FROM audit_log ORDER BY seq LIMIT 1 OFFSET 4');
    await dataSource.query('UPDATE audit_log SET ip = ? WHERE seq = ?', ['192.0.2.66', victim.seq]);
    expect(await audit.check()).toMatchObject({
      ok: false,
      brokenSeq: Number(victim.seq),
      checked: Number(victim.seq) - 1,
    });
    const failed = await cli('audit-check');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Audit trail broken at entry ${victim.seq}`);
    await dataSource.query('UPDATE audit_log SET ip = ? WHERE seq = ?', [victim.ip, victim.seq]);
    expect((await audit.check()).ok).toBe(true);

    // A silent removal: the next row names a hash that is no longer its predecessor's.
    const [removed] = await dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM audit_log ORDER BY seq LIMIT 1 OFFSET 7',
    );
    await dataSource.query('DELETE FROM audit_log WHERE seq = ?', [removed.seq]);
    expect(await audit.check()).toMatchObject({ ok: false, brokenSeq: Number(removed.seq) + 1 });
    await restore(removed);
    expect((await audit.check()).ok).toBe(true);

    // Removing the newest entry is caught by the chain's head.
    const [last] = await dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    await dataSource.query('DELETE FROM audit_log WHERE seq = ?', [last.seq]);
    expect(await audit.check()).toMatchObject({ ok: false, brokenSeq: Number(last.seq) });
    await restore(last);
    expect((await audit.check()).ok).toBe(true);
  }, 120_000);

  it('appends from parallel requests stay one linear chain', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser(app)));
    await Promise.all(
      users.map((user) => call(admin.token, 'post', `/api/admin/users/${user.id}/suspend`, nextIp()).expect(200)),
    );
    expect(await app.get(AuditService).check()).toEqual({ ok: true, checked: await maxSeq() });
  });
});
