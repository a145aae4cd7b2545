import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { describeConformance } from '../support/conformance';
import {
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Measure,
  scorm2004Remediation,
  scorm2004Sequenced,
  scorm2004Single,
  writePackage,
  type CourseSpec,
} from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Job {
  state: string;
  progress: number;
  result: { courseId: string; packageId: string; warnings: string[] } | null;
  error: string | null;
  errorCode: string | null;
}

interface ImportCase {
  standard: string;
  edition?: string;
  scos: number;
  assets: number;
}

/** The project's own packages (test/support/scorm-packages). */
const GENERATED_CASES: Array<ImportCase & { name: string; spec: () => CourseSpec }> = [
  { name: 'scorm12Bookmark', spec: scorm12Bookmark, standard: 'scorm12', scos: 1, assets: 0 },
  {
    name: 'scorm12MultiSco',
    spec: () => scorm12MultiSco({ scos: 3, assets: 2 }),
    standard: 'scorm12',
    scos: 3,
    assets: 2,
  },
  {
    name: 'scorm2004Single (2nd)',
    spec: () => scorm2004Single('2004-2nd'),
    standard: 'scorm2004',
    edition: '2nd',
    scos: 1,
    assets: 0,
  },
  { name: 'scorm2004Sequenced', spec: scorm2004Sequenced, standard: 'scorm2004', edition: '3rd', scos: 3, assets: 0 },
  { name: 'scorm2004Measure', spec: scorm2004Measure, standard: 'scorm2004', edition: '4th', scos: 2, assets: 0 },
  {
    name: 'scorm2004Remediation',
    spec: scorm2004Remediation,
    standard: 'scorm2004',
    edition: '3rd',
    scos: 4,
    assets: 0,
  },
];

/** Expectations from the third-party fixtures' README and manifests. */
const FIXTURE_CASES = [
  { file: 'golf-scorm12-runtime-basic-calls.zip', standard: 'scorm12', scos: 1, assets: 0 },
  { file: 'golf-scorm12-runtime-minimum-calls.zip', standard: 'scorm12', scos: 18, assets: 0 },
  { file: 'golf-scorm12-assets-one-file-per-item.zip', standard: 'scorm12', scos: 0, assets: 18 },
  { file: 'golf-scorm2004-2nd-single-sco.zip', standard: 'scorm2004', edition: '2nd', scos: 1, assets: 0 },
  { file: 'golf-scorm2004-3rd-runtime-basic-calls.zip', standard: 'scorm2004', edition: '3rd', scos: 1, assets: 0 },
  { file: 'golf-scorm2004-3rd-seq-forced-sequential.zip', standard: 'scorm2004', edition: '3rd', scos: 5, assets: 0 },
];

async function zipOf(entries: Array<[string, string]>): Promise<string> {
  const zip = new ZipFile();
  for (const [name, content] of entries) {
    zip.addBuffer(Buffer.from(content), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'clearance-zip-')), 'package.zip');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe('SCORM package import through the api and the queue', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let admin: string;
  let learner: string;

  const upload = (file: string, fields: Record<string, string>, token = admin) => {
    const call = request(app.getHttpServer()).post('/api/courses/packages').auth(token, { type: 'bearer' });
    for (const [name, value] of Object.entries(fields)) {
      void call.field(name, value);
    }
    return call.attach('file', file);
  };

  async function finished(jobId: string): Promise<Job> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (
        await request(app.getHttpServer()).get(`/api/import-jobs/${jobId}`).auth(admin, { type: 'bearer' }).expect(200)
      ).body as Job;
      if (job.state === 'completed' || job.state === 'failed') {
        return job;
      }
      if (Date.now() > deadline) {
        throw new Error(`import ${jobId} still ${job.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let basic: string;

  beforeAll(async () => {
    basic = await writePackage(scorm12Bookmark());
    restorePrefix = isolateRedisPrefix('package-import');
    app = await createTestApp();
    worker = await startTestWorker({}, [QueueName.Imports]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app);
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('needs an admin, multipart, a file and a language', async () => {
    const good = basic;
    // Refused before the body is read: a tiny body, so the client has sent it all before the answer.
    const tiny = Buffer.from('PK');
    await request(app.getHttpServer()).post('/api/courses/packages').attach('file', tiny, 'tiny.zip').expect(401);
    await request(app.getHttpServer())
      .post('/api/courses/packages')
      .auth(learner, { type: 'bearer' })
      .field('language', 'en')
      .attach('file', tiny, 'tiny.zip')
      .expect(403);
    await request(app.getHttpServer())
      .post('/api/courses/packages')
      .auth(admin, { type: 'bearer' })
      .send({ language: 'en' })
      .expect(415);
    expect((await upload(good, { language: 'de' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await upload(good, { language: 'en', courseId: 'nope' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (await upload(good, { language: 'en', courseId: '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f' }).expect(404)).body.code,
    ).toBe('COURSE_NOT_FOUND');
    const noFile = await request(app.getHttpServer())
      .post('/api/courses/packages')
      .auth(admin, { type: 'bearer' })
      .field('language', 'en')
      .expect(400);
    expect(noFile.body.code).toBe('VALIDATION_FAILED');
    await request(app.getHttpServer())
      .get('/api/import-jobs/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f')
      .auth(admin, { type: 'bearer' })
      .expect(404);
  });

  /** Uploads `file`, waits for the import, and checks the course, its package, items and extracted launch files. */
  async function expectImported(file: string, expected: ImportCase): Promise<void> {
    const accepted = await upload(file, { language: 'en' }).expect(202);
    const job = await finished(accepted.body.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, error: null });
    const course = await request(app.getHttpServer())
      .get(`/api/courses/${job.result!.courseId}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(course.body.status).toBe('draft');
    expect(course.body.packages).toHaveLength(1);
    const pkg = course.body.packages[0];
    expect(pkg).toMatchObject({ id: job.result!.packageId, language: 'en', version: 1, standard: expected.standard });
    expect(pkg.edition).toBe(expected.edition ?? null);
    const items = pkg.items as Array<{ type: string }>;
    expect(items.filter((item) => item.type === 'sco')).toHaveLength(expected.scos);
    expect(items.filter((item) => item.type === 'asset')).toHaveLength(expected.assets);
    // Every launch path points at a file that was extracted into the package's folder.
    const dataDir = process.env.DATA_DIR!;
    const packageDir = path.join(dataDir, 'blobs', 'packages', job.result!.packageId);
    expect(existsSync(path.join(packageDir, 'imsmanifest.xml'))).toBe(true);
    const rows: Array<{ launchables: string | Array<{ href: string }> }> = await app
      .get(DataSource)
      .query('SELECT launchables FROM course_packages WHERE id = ?', [job.result!.packageId]);
    const raw = rows[0].launchables;
    const launchables = typeof raw === 'string' ? (JSON.parse(raw) as Array<{ href: string }>) : raw;
    expect(launchables).toHaveLength(expected.scos + expected.assets);
    for (const { href } of launchables) {
      expect(href).not.toMatch(/^\/|\.\.|^[a-z]+:/i);
      expect(existsSync(path.join(packageDir, decodeURIComponent(href.split(/[?#]/)[0])))).toBe(true);
    }
  }

  it.each(GENERATED_CASES)(
    'imports the generated $name with the right standard, edition, SCO count and launch paths',
    async (generated) => {
      await expectImported(await writePackage(generated.spec()), generated);
    },
  );

  describeConformance('third-party packages', (dir) => {
    it.each(FIXTURE_CASES)(
      'imports $file with the right standard, edition, SCO count and launch paths',
      async (fixture) => {
        await expectImported(path.join(dir, fixture.file), fixture);
      },
    );
  });

  it('a second upload for the same course and language is version 2; the first is kept', async () => {
    const file = basic;
    const first = await finished((await upload(file, { language: 'fr' }).expect(202)).body.jobId);
    const courseId = first.result!.courseId;
    const second = await finished((await upload(file, { language: 'fr', courseId }).expect(202)).body.jobId);
    expect(second.state).toBe('completed');
    expect(second.result!.courseId).toBe(courseId);
    const course = await request(app.getHttpServer())
      .get(`/api/courses/${courseId}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(course.body.packages).toEqual([expect.objectContaining({ id: second.result!.packageId, version: 2 })]);
  });

  it('a manifest with a DOCTYPE is refused, without retry', async () => {
    const bomb = await zipOf([
      [
        'imsmanifest.xml',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><manifest>&lol2;</manifest>',
      ],
      ['index.html', '<html></html>'],
    ]);
    const job = await finished((await upload(bomb, { language: 'en' }).expect(202)).body.jobId);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'DOCTYPE_FORBIDDEN' });
  });

  it("RTC staff upload their own material, and cannot add versions to another's course", async () => {
    const rtc = await createUser(app, { role: UserRole.RtcStaff });
    const rtcToken = await login(app, rtc.email, rtc.password);
    const file = basic;
    const own = await finished((await upload(file, { language: 'es' }, rtcToken).expect(202)).body.jobId);
    expect(own.state).toBe('completed');
    const version2 = await finished(
      (await upload(file, { language: 'es', courseId: own.result!.courseId }, rtcToken).expect(202)).body.jobId,
    );
    expect(version2.state).toBe('completed');
    const adminsCourse = (
      await request(app.getHttpServer())
        .post('/api/courses')
        .auth(admin, { type: 'bearer' })
        .send({ topic: 'tir', texts: [{ language: 'en', title: 'TIR carnets', description: '' }] })
        .expect(201)
    ).body.id;
    const refused = await upload(file, { language: 'es', courseId: adminsCourse }, rtcToken).expect(404);
    expect(refused.body.code).toBe('COURSE_NOT_FOUND');
    expect(readdirSync(path.join(process.env.DATA_DIR!, 'uploads'))).toEqual([]);
  });

  it('lists the import history, newest first', async () => {
    const history = await request(app.getHttpServer())
      .get('/api/import-jobs?pageSize=3')
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(history.body.total).toBeGreaterThanOrEqual(9);
    expect(history.body.items).toHaveLength(3);
    const others = await request(app.getHttpServer())
      .get('/api/import-jobs')
      .auth(learner, { type: 'bearer' })
      .expect(200);
    expect(others.body.total).toBe(0);
    // Another user's job id: 404, as if it did not exist.
    const notTheirs = await request(app.getHttpServer())
      .get(`/api/import-jobs/${history.body.items[0].id}`)
      .auth(learner, { type: 'bearer' })
      .expect(404);
    expect(notTheirs.body.code).toBe('JOB_NOT_FOUND');
  });
});
