import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { QueueName } from '@app/queue';
import { buildDemoPackage } from '../../apps/cli/src/demo-course/demo-course';
import { appoint, isolateRedisPrefix, withEnv } from '../support/accounts';
import { createTestApp, createUser, login, nextClientIp, resetDatabase, TestApp } from '../support/app';
import {
  applyMutations,
  ArbitraryContext,
  conforming,
  HOSTILE_BODIES,
  HOSTILE_PATH_VALUES,
  HOSTILE_QUERY_VALUES,
  hostileObject,
} from '../support/fuzz/arbitraries';
import { ApiOperation, OpenApiDocument, operationsOf, resolveSchema, Schema } from '../support/fuzz/openapi';
import { ResponseValidator } from '../support/fuzz/response-validator';
import { newKeys } from '../support/licence-bundles';
import { startTestWorker } from '../support/test-worker';

/** Requests per operation and role: inside the schema, and hostile. Fixed seeds: every run sends the same. */
const CONFORMING_CASES = 3;
const HOSTILE_CASES = 4;
const ROLES = ['anonymous', 'learner', 'coordinator', 'rtc_staff', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** The commit takes scorm-again's body through its own parser (no request schema in the document). */
const COMMIT_BODY: Schema = {
  type: 'object',
  required: ['cmi'],
  properties: {
    cmi: {
      type: 'object',
      properties: {
        completion_status: { type: 'string', enum: ['completed', 'incomplete', 'not attempted', 'unknown'] },
        success_status: { type: 'string', enum: ['passed', 'failed', 'unknown'] },
        exit: { type: 'string', enum: ['suspend', 'normal', ''] },
        location: { type: 'string' },
        suspend_data: { type: 'string' },
        session_time: { type: 'string', example: 'PT1M30S' },
        score: { type: 'object', properties: { scaled: { type: 'string', example: '0.8' }, raw: { type: 'number' } } },
        core: {
          type: 'object',
          properties: { lesson_status: { type: 'string', example: 'passed' }, session_time: { type: 'string' } },
        },
      },
    },
    commitSequence: { type: 'integer', minimum: 0, maximum: 2 ** 31 },
  },
};

/** What one request sends. Path segments and query values are already percent-encoded. */
interface Plan {
  path: Record<string, string>;
  query: Array<[string, string]>;
  json?: unknown;
  /** Raw body text with its content type (hostile bodies, wrong content types). */
  raw?: { contentType: string; text: string };
  multipart?: { fields: Record<string, string>; file?: Buffer };
  label: string;
}

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readInt32LE(0);
}

function encode(value: unknown): string {
  return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Resource pools by the path segment before a parameter (`/api/groups/{id}` → `groups`) or by its name. */
function poolKey(path: string, name: string): string {
  if (name !== 'id') {
    return name;
  }
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  return segments[at - 1];
}

const uploadsDir = (): string => path.join(process.env.DATA_DIR!, 'uploads');
const listUploads = (): string[] => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);
let uploadsBefore: string[] = [];

describe('schema-driven fuzz run over every operation of the OpenAPI document (issue 12)', () => {
  let app: TestApp;
  let restorePrefix: () => void;
  let document: OpenApiDocument;
  const tokens = {} as Record<Role, string | undefined>;
  const pools = new Map<string, string[]>();
  const ownIds: string[] = [];
  let launchToken = '';
  let demoZip: Buffer;
  let ids: { course: string; attempt: string; group: string; workshop: string; curriculum: string; licence: string };

  const server = () => app.getHttpServer();
  const add = (key: string, id: unknown) => {
    if (typeof id === 'string') {
      pools.set(key, [...(pools.get(key) ?? []), id]);
      ownIds.push(id);
    }
  };
  /** The body of a seeding request, which must succeed. */
  const made = async (test: request.Test): Promise<{ id?: string } & Record<string, unknown>> => {
    const response = await test;
    if (response.status >= 300) {
      throw new Error(`seeding: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as { id?: string } & Record<string, unknown>;
  };
  const call = (token: string, method: 'post' | 'patch' | 'put' | 'get', url: string, body?: object) =>
    request(server())[method](url).set('X-Forwarded-For', nextClientIp()).auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    uploadsBefore = listUploads();
    restorePrefix = isolateRedisPrefix('api-fuzz');
    // Started before the api: the last Nest app created in a process owns passport's strategies, and
    // the worker (only needed to import the demo course) closes before the fuzz run.
    const worker = await startTestWorker({}, [QueueName.Imports]);
    // A hub (it signs licences), so the licence routes are reached too.
    app = await withEnv({ LICENCE_SIGNING_KEY: newKeys().privateText }, () => createTestApp());
    await resetDatabase(app);
    document = (await request(server()).get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
    demoZip = await buildDemoPackage();

    const person = async (overrides: Parameters<typeof createUser>[1]) => {
      const user = await createUser(app, overrides);
      return { ...user, token: await login(app, user.email, user.password) };
    };
    const admin = await person({ role: UserRole.Admin, country: null });
    const learner = await person({ country: 'KE' });
    const coordinator = await person({ country: 'KE' });
    const rtc = await person({ role: UserRole.RtcStaff, country: 'KE' });
    tokens.admin = admin.token;
    tokens.learner = learner.token;
    tokens.coordinator = coordinator.token;
    tokens.rtc_staff = rtc.token;
    add('coordinators', (await appoint(app, admin.token, coordinator.id, 'KE')).id);
    // Other people: the fuzz acts on their ids, never on the callers' own accounts.
    for (const overrides of [{ country: 'GH' }, { country: 'KE', status: UserStatus.Pending }, { country: 'KE' }]) {
      const other = await createUser(app, overrides);
      for (const key of ['users', 'registrations', 'userId']) {
        add(key, other.id);
      }
    }

    // A published course with the project's demo package, and the learner's attempt at it.
    try {
      const upload = await request(server())
        .post('/api/courses/packages')
        .auth(admin.token, { type: 'bearer' })
        .field('language', 'en')
        .attach('file', demoZip, 'demo.zip')
        .expect(202);
      const deadline = Date.now() + 60_000;
      let courseId: string | undefined;
      while (!courseId) {
        const job = (await call(admin.token, 'get', `/api/import-jobs/${upload.body.jobId}`).expect(200)).body;
        if (job.state === 'completed') {
          courseId = job.result.courseId as string;
        } else if (job.state === 'failed' || Date.now() > deadline) {
          throw new Error(`demo import: ${job.state} ${job.error}`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      add('jobs', upload.body.jobId);
      add('import-jobs', upload.body.jobId);
      add('courses', courseId);
      add('courseId', courseId);
      await call(admin.token, 'patch', `/api/courses/${courseId}`, { status: 'published' }).expect(200);
      const detail = (await call(learner.token, 'get', `/api/courses/${courseId}`).expect(200)).body;
      for (const item of detail.packages[0].items as Array<{ id: string }>) {
        add('itemId', item.id);
      }
      const launched = (await call(learner.token, 'post', `/api/courses/${courseId}/launch`, {}).expect(200)).body;
      add('attemptId', launched.attemptId);
      launchToken = decodeURIComponent(new URL(launched.launchUrl as string).hash.replace('#token=', ''));
      ids = { course: courseId, attempt: launched.attemptId, group: '', workshop: '', curriculum: '', licence: '' };
    } finally {
      await worker.close();
    }

    // A group of RTC staff with the learner invited, a thread, a post, a folder, a file, a workshop.
    const post = (token: string, url: string, body: object) => made(call(token, 'post', url, body));
    const group = (await post(rtc.token, '/api/groups', { name: 'Valuation experts', kind: 'expert_community' })).id!;
    add('groups', group);
    add('group-invitations', (await post(rtc.token, `/api/groups/${group}/invitations`, { userId: learner.id })).id);
    const thread = (await post(rtc.token, `/api/groups/${group}/threads`, { title: 'Welcome', body: 'Hello' })).id!;
    add('threads', thread);
    add('posts', (await post(rtc.token, `/api/threads/${thread}/posts`, { body: 'A reply' })).id);
    add('folderId', (await post(rtc.token, `/api/groups/${group}/folders`, { name: 'Slides' })).id);
    const file = await made(
      request(server())
        .post(`/api/groups/${group}/files`)
        .auth(rtc.token, { type: 'bearer' })
        .attach('file', Buffer.from('minutes of the meeting'), 'minutes.txt'),
    );
    add('group-files', file.id);
    add('fileId', file.id);
    const members = (await made(call(rtc.token, 'get', `/api/groups/${group}/members`))) as unknown as Array<{
      id: string;
    }>;
    members.forEach((member) => add('membershipId', member.id));
    const workshop = (
      await post(rtc.token, `/api/groups/${group}/workshops`, {
        title: 'HS workshop',
        start: '2027-03-15T09:00',
        end: '2027-03-15T12:30',
        timeZone: 'Africa/Nairobi',
      })
    ).id!;
    add('workshops', workshop);
    const curriculum = (
      await post(rtc.token, '/api/curricula', {
        title: 'Valuation basics',
        country: 'KE',
        rtc: 'RTC Nairobi',
        languages: ['en'],
        topics: ['customs-valuation'],
        summary: 'Five days on the WTO Valuation Agreement',
      })
    ).id!;
    add('curricula', curriculum);
    const contact = { country: 'KE', name: 'Contact Person', email: 'contact@kra.example' };
    add('contact-points', (await post(coordinator.token, '/api/contact-points', contact)).id);
    const licence = (
      await post(admin.token, '/api/licences', {
        licenseeCountry: 'GH',
        licenseeAdministration: 'Ghana Revenue Authority',
        courseIds: [ids.course],
        languages: ['en'],
        validFrom: '2026-01-01',
        validUntil: '2027-12-31',
        translationAllowed: true,
      })
    ).id!;
    add('licences', licence);
    ids = { ...ids, group, workshop, curriculum, licence };
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    restorePrefix?.();
    // Accepted uploads wait for a worker that never comes: take them away, so later suites that
    // check the upload folder see only their own.
    for (const name of listUploads()) {
      if (!uploadsBefore.includes(name)) {
        rmSync(path.join(uploadsDir(), name), { force: true });
      }
    }
  });

  describe('cases it found, now 400s', () => {
    it('a lone surrogate in commit CMI (MariaDB refused the JSON) is COMMIT_INVALID, and nothing is written', async () => {
      const url = `/api/attempts/${ids.attempt}/commit?token=${encodeURIComponent(launchToken)}`;
      const before = await app
        .get(DataSource)
        .query('SELECT cmi, commit_seq FROM attempts WHERE id = ?', [ids.attempt]);
      for (const [type, text] of [
        ['application/json', '{"cmi":{"suspend_data":"a\\ud800b"}}'],
        ['text/plain;charset=UTF-8', '{"cmi":{"location":"\\udfff"}}'],
        ['application/json', '{"cmi":{"interactions":{"0":{"\\ud83d":"x"}}}}'],
      ]) {
        const response = await request(server()).post(url).set('Content-Type', type).send(text).expect(400);
        expect(response.body).toMatchObject({
          code: 'COMMIT_INVALID',
          message: expect.stringMatching(/surrogate|Key/),
        });
      }
      const after = await app.get(DataSource).query('SELECT cmi, commit_seq FROM attempts WHERE id = ?', [ids.attempt]);
      expect(after).toEqual(before);
    });

    it('year 0000 (read as 1900) and other out-of-range dates are refused, for workshops and licences', async () => {
      for (const start of ['0000-01-01T09:00', '0099-03-15T09:00', '1969-12-31T23:00', '9999-12-31T23:00']) {
        const response = await call(tokens.rtc_staff!, 'post', `/api/groups/${ids.group}/workshops`, {
          title: 'Old times',
          start,
          end: '2027-03-15T12:30',
          timeZone: 'Africa/Nairobi',
        }).expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: ['start must be a date and time YYYY-MM-DDTHH:mm from 1970-01-01 to 9999-12-30'],
        });
      }
      await call(tokens.rtc_staff!, 'patch', `/api/workshops/${ids.workshop}`, { start: '0000-01-01T09:00' }).expect(
        400,
      );
      const licence = await call(tokens.admin!, 'patch', `/api/licences/${ids.licence}`, { validFrom: '0000-01-01' });
      expect(licence.status).toBe(400);
      expect(licence.body.code).toBe('VALIDATION_FAILED');
      const workshop = (await call(tokens.rtc_staff!, 'get', `/api/workshops/${ids.workshop}`).expect(200)).body;
      expect(workshop.start).toBe('2027-03-15T09:00');
      expect((await call(tokens.admin!, 'get', `/api/licences/${ids.licence}`).expect(200)).body.validFrom).toBe(
        '2026-01-01',
      );
    });

    it('a multipart content type without a well-formed body (busboy threw) is BAD_REQUEST, and no job is queued', async () => {
      const before = await app.get(DataSource).query('SELECT COUNT(*) AS n FROM import_jobs');
      for (const url of ['/api/courses/packages', '/api/imports/licence', '/api/imports/translation']) {
        for (const type of ['multipart/form-data', 'multipart/form-data; boundary=x']) {
          const response = await request(server())
            .post(url)
            .auth(tokens.admin!, { type: 'bearer' })
            .set('Content-Type', type)
            .send('a=1');
          expect({ url, type, status: response.status, code: response.body.code }).toEqual({
            url,
            type,
            status: 400,
            code: 'BAD_REQUEST',
          });
        }
      }
      const groupFile = await request(server())
        .post(`/api/groups/${ids.group}/files`)
        .auth(tokens.rtc_staff!, { type: 'bearer' })
        .set('Content-Type', 'multipart/form-data')
        .send('a=1');
      expect(groupFile.status).toBe(400);
      expect(await app.get(DataSource).query('SELECT COUNT(*) AS n FROM import_jobs')).toEqual(before);
    });

    it('a number written with an exponent (class-validator threw on 9e-323) is VALIDATION_FAILED', async () => {
      for (const estimatedHours of [9e-323, -4e-323, 1e-7]) {
        const response = await call(tokens.admin!, 'patch', `/api/courses/${ids.course}`, { estimatedHours });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
      await call(tokens.admin!, 'patch', `/api/courses/${ids.course}`, { estimatedHours: 2.5 }).expect(200);
    });

    it('null for an optional field of any PATCH is VALIDATION_FAILED, while a nullable one (seatCap) clears', async () => {
      const patches: Array<[Role, string, object]> = [
        ['rtc_staff', `/api/groups/${ids.group}`, { name: null }],
        ['rtc_staff', `/api/workshops/${ids.workshop}`, { title: null, timeZone: null }],
        ['rtc_staff', `/api/curricula/${ids.curriculum}`, { summary: null }],
        ['admin', `/api/courses/${ids.course}`, { status: null }],
        ['admin', `/api/licences/${ids.licence}`, { validUntil: null }],
      ];
      for (const [role, url, body] of patches) {
        const response = await call(tokens[role]!, 'patch', url, body);
        expect({ url, status: response.status, code: response.body.code }).toEqual({
          url,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      const cleared = await call(tokens.admin!, 'patch', `/api/licences/${ids.licence}`, { seatCap: null });
      expect(cleared.status).toBe(200);
    });
  });

  it('no operation answers 5xx or a success that breaks its documented schema, for any role', async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(100);
    const validator = new ResponseValidator(document);
    const context: ArbitraryContext = { document, ids: ownIds };
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<string, number>();
    const successes = new Map<Role, number>(ROLES.map((role) => [role, 0]));

    const pathValue = (operation: ApiOperation, name: string): fc.Arbitrary<string> => {
      const pool = pools.get(poolKey(operation.path, name)) ?? [];
      return fc.oneof(
        { weight: pool.length > 0 ? 4 : 0, arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : fc.uuid() },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom(...ownIds) },
      );
    };

    const planFor = (operation: ApiOperation): fc.Arbitrary<Plan> => {
      const jsonBody = operation.jsonBody ?? (operation.path.endsWith('/commit') ? COMMIT_BODY : undefined);
      const path = fc.record(
        Object.fromEntries(operation.pathParams.map((name) => [name, pathValue(operation, name)])),
      ) as fc.Arbitrary<Record<string, string>>;
      const query = fc
        .tuple(
          ...operation.queryParams.map((parameter) =>
            fc.option(conforming(context, parameter.schema ?? { type: 'string' }), {
              nil: undefined,
              freq: parameter.required ? 100 : 3,
            }),
          ),
        )
        .map((values) =>
          values.flatMap((value, index): Array<[string, string]> =>
            value === undefined || value === null ? [] : [[operation.queryParams[index].name, encode(value)]],
          ),
        );
      const multipart = operation.multipart
        ? fc.record({
            fields: fc.record(
              Object.fromEntries(
                Object.entries(resolveSchema(document, operation.multipart).properties ?? {})
                  .filter(([name]) => name !== 'file')
                  .map(([name, schema]) => [name, conforming(context, schema).map((value) => String(value))]),
              ),
              { requiredKeys: [] },
            ) as fc.Arbitrary<Record<string, string>>,
            file: fc.constantFrom(demoZip, Buffer.from('plain text'), Buffer.alloc(0), Buffer.from('PK\u0003\u0004')),
          })
        : fc.constant(undefined);
      return fc.record({
        path,
        query,
        json: jsonBody ? conforming(context, jsonBody) : fc.constant(undefined),
        multipart,
        label: fc.constant('conforming'),
      });
    };

    const hostilePlanFor = (operation: ApiOperation): fc.Arbitrary<Plan> => {
      const jsonBody = operation.jsonBody ?? (operation.path.endsWith('/commit') ? COMMIT_BODY : undefined);
      const takesBody = jsonBody !== undefined || operation.multipart !== undefined;
      const properties = jsonBody ? Object.keys(resolveSchema(document, jsonBody).properties ?? {}) : [];
      const choices: Array<fc.Arbitrary<(plan: Plan) => Plan>> = [
        fc
          .record({
            name: fc.constantFrom(...operation.queryParams.map((parameter) => parameter.name), 'unexpected'),
            value: fc.constantFrom(...HOSTILE_QUERY_VALUES),
            twice: fc.boolean(),
          })
          .map(({ name, value, twice }) => (plan: Plan) => ({
            ...plan,
            query: [
              ...plan.query.filter(([key]) => key !== name),
              [name, value] as [string, string],
              ...(twice ? [[name, value] as [string, string]] : []),
            ],
            label: `query ${name}=${value.slice(0, 40)}${twice ? ' twice' : ''}`,
          })),
      ];
      if (operation.pathParams.length > 0) {
        choices.push(
          fc
            .record({ name: fc.constantFrom(...operation.pathParams), value: fc.constantFrom(...HOSTILE_PATH_VALUES) })
            .map(({ name, value }) => (plan: Plan) => ({
              ...plan,
              path: { ...plan.path, [name]: value },
              label: `path ${name}=${value.slice(0, 40)}`,
            })),
        );
      }
      if (jsonBody) {
        choices.push(
          hostileObject(properties).map((mutations) => (plan: Plan) => ({
            ...plan,
            json: applyMutations(plan.json, mutations),
            label: `body ${mutations.map((m) => `${m.kind} ${m.property}`).join(', ')}`,
          })),
          hostileObject(properties).map((mutations) => (plan: Plan) => ({
            ...plan,
            json: applyMutations(plan.json, mutations),
            label: `body ${mutations.map((m) => `${m.kind} ${m.property}`).join(', ')}`,
          })),
        );
      }
      if (takesBody || operation.method !== 'get') {
        choices.push(
          fc.constantFrom(...HOSTILE_BODIES).map((text) => (plan: Plan) => ({
            ...plan,
            json: undefined,
            multipart: undefined,
            raw: { contentType: 'application/json', text },
            label: `raw body ${text.slice(0, 30)}`,
          })),
          fc
            .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data')
            .map((contentType) => (plan: Plan) => ({
              ...plan,
              json: undefined,
              multipart: undefined,
              raw: { contentType, text: plan.json === undefined ? 'a=1' : JSON.stringify(plan.json) },
              label: `content type ${contentType}`,
            })),
        );
      }
      return fc.tuple(planFor(operation), fc.oneof(...choices)).map(([plan, change]) => change(plan));
    };

    const send = async (operation: ApiOperation, role: Role, plan: Plan): Promise<void> => {
      let url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => plan.path[name] ?? 'missing');
      const attempts = operation.path.startsWith('/api/attempts/');
      const query = [...plan.query];
      if (attempts && role === 'learner' && operation.path.endsWith('/commit')) {
        query.push(['token', encodeURIComponent(launchToken)]);
      }
      if (query.length > 0) {
        url += `?${query.map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&')}`;
      }
      let test = request(server())[operation.method](url).set('X-Forwarded-For', nextClientIp()).timeout(20_000);
      const token = attempts && role === 'learner' ? launchToken : tokens[role];
      if (token) {
        test = test.auth(token, { type: 'bearer' });
      }
      let shown = '';
      if (plan.raw) {
        test = test.set('Content-Type', plan.raw.contentType).send(plan.raw.text);
        shown = plan.raw.text;
      } else if (plan.multipart) {
        for (const [name, value] of Object.entries(plan.multipart.fields)) {
          test = test.field(name, value);
        }
        if (plan.multipart.file) {
          test = test.attach('file', plan.multipart.file, 'upload.zip');
        }
        shown = JSON.stringify(plan.multipart.fields);
      } else if (plan.json !== undefined) {
        shown = JSON.stringify(plan.json) ?? '';
        test = test.set('Content-Type', 'application/json').send(shown);
      }
      sent++;
      const where = `${role} ${operation.method.toUpperCase()} ${url.slice(0, 200)} [${plan.label}] body ${shown.slice(0, 200)}`;
      let response: request.Response;
      try {
        response = await test;
      } catch (error) {
        failures.push(`${where} → no answer: ${(error as Error).message}`);
        return;
      }
      const family = `${Math.floor(response.status / 100)}xx`;
      if (response.status < 300) {
        successes.set(role, successes.get(role)! + 1);
      }
      statuses.set(family, (statuses.get(family) ?? 0) + 1);
      if (response.status >= 500) {
        failures.push(`${where} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      } else if (response.status < 300) {
        const problem = validator.check(
          operation,
          response.status,
          String(response.headers['content-type'] ?? ''),
          response.body,
        );
        if (problem) {
          failures.push(`${where} → ${response.status} breaks its schema: ${problem}`);
        }
      } else if (
        url.startsWith('/api/') &&
        String(response.headers['content-type'] ?? '').includes('json') &&
        typeof (response.body as { code?: unknown }).code !== 'string'
      ) {
        failures.push(`${where} → ${response.status} without an error code: ${JSON.stringify(response.body)}`);
      }
    };

    const started = Date.now();
    for (const operation of operations) {
      for (const role of ROLES) {
        const seed = seedOf(`${operation.method} ${operation.path} ${role}`);
        const plans = [
          ...fc.sample(planFor(operation), { seed, numRuns: CONFORMING_CASES }),
          ...fc.sample(hostilePlanFor(operation), { seed: seed ^ 0x5eed, numRuns: HOSTILE_CASES }),
        ];
        for (const plan of plans) {
          await send(operation, role, plan);
        }
      }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const answers = [
      ...[...statuses].sort().map(([family, count]) => `${count} ${family}`),
      ...ROLES.map((role) => `${successes.get(role)} successes as ${role}`),
    ];
    process.stdout.write(
      `api fuzz: ${sent} requests over ${operations.length} operations in ${seconds} s (${answers.join(', ')})\n`,
    );
    expect(failures).toEqual([]);
    // The run reached past authentication for every role (a lost session would turn it into 401s).
    for (const role of ROLES) {
      expect({ role, successes: successes.get(role)! > (role === 'anonymous' ? 10 : 50) }).toEqual({
        role,
        successes: true,
      });
    }
  }, 300_000);
});
