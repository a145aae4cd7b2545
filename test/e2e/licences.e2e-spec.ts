import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import * as argon2 from 'argon2';
import { ARGON2_PARAMS } from '@app/accounts';
import { CourseRepository } from '@app/catalogue';
import { dropDatabase, runMigrations } from '@app/database';
import { readStatement, signStatement } from '@app/certificates';
import { keyId } from '@app/licences';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { ApiProcess } from '../support/api-process';
import { isolateRedisPrefix, withEnv } from '../support/accounts';
import { newKeys, resign, TestKeys, unzipAll, zipAll } from '../support/licence-bundles';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** The course's package (test/support/scorm-packages), titled "Customs valuation basics". */
let COURSE_ZIP: string;

interface Job {
  id: string;
  state: string;
  result: Record<string, unknown> | null;
  error: string | null;
  errorCode: string | null;
}

const today = new Date().toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** One Clearance instance of the two: how to reach its api, its worker, an admin's token. */
interface Instance {
  target: string | ReturnType<TestApp['getHttpServer']>;
  worker: TestWorker;
  admin: string;
  env: Record<string, string>;
  dataSource: DataSource;
}

/**
 * Two Clearance instances, each with its own database, data folder and queue prefix: the hub (WCO)
 * runs as its own api process and issues a signed licence bundle; the national server (Kenya) runs
 * in this process and imports it.
 */
describe('licensed courses from a hub to a national server', () => {
  let restorePrefix: () => void;
  let hub: Instance;
  let hubApi: ApiProcess;
  let hubDb: string;
  let national: Instance;
  let nationalApp: TestApp;
  let keys: TestKeys;
  let courseId: string;
  let bundleDir: string;
  /** The hub's certificate key, and that of a server the hub trusts (Morocco's). */
  const hubCertificateKey = newKeys();
  const moroccoCertificateKey = newKeys();
  let hubStatement: string;

  const as = (side: Instance, token = side.admin) => ({
    get: (url: string) => request(side.target).get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => request(side.target).post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => request(side.target).patch(url).auth(token, { type: 'bearer' }),
  });

  async function finished(side: Instance, jobId: string): Promise<Job> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await as(side).get(`/api/import-jobs/${jobId}`).expect(200)).body as Job;
      if (job.state === 'completed' || job.state === 'failed') {
        return job;
      }
      if (Date.now() > deadline) {
        throw new Error(`job ${jobId} still ${job.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function createLicence(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await as(hub)
      .post('/api/licences')
      .send({
        licenseeCountry: 'KE',
        licenseeAdministration: 'Kenya Revenue Authority',
        courseIds: [courseId],
        languages: ['en'],
        validFrom: today,
        validUntil: daysFromNow(365),
        seatCap: 2,
        translationAllowed: false,
        ...overrides,
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function exportBundle(licenceId: string): Promise<string> {
    const response = await as(hub)
      .get(`/api/licences/${licenceId}/bundle`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const file = path.join(bundleDir, `${licenceId}-${randomBytes(3).toString('hex')}.zip`);
    await writeFile(file, response.body as Buffer);
    return file;
  }

  const importBundle = (file: string) => as(national).post('/api/imports/licence').attach('file', file).expect(202);

  const nationalCounts = async () => {
    const db = national.dataSource;
    const [[courses], [packages], [licences]] = await Promise.all([
      db.query('SELECT COUNT(*) AS n FROM courses'),
      db.query('SELECT COUNT(*) AS n FROM course_packages'),
      db.query('SELECT COUNT(*) AS n FROM received_licences'),
    ]);
    return { courses: Number(courses.n), packages: Number(packages.n), licences: Number(licences.n) };
  };

  beforeAll(async () => {
    COURSE_ZIP = await writePackage(scorm12Bookmark());
    restorePrefix = isolateRedisPrefix('licences');
    keys = newKeys();
    bundleDir = await mkdtemp(path.join(tmpdir(), 'clearance-bundles-'));

    // The hub: its own database, data folder, queue prefix and signing key.
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `${url.pathname}_hub`;
    hubDb = url.toString();
    await runMigrations(hubDb);
    const hubEnv = {
      DATABASE_URL: hubDb,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'clearance-hub-')),
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:hub`,
      LICENCE_SIGNING_KEY: keys.privateText,
      CERTIFICATE_SIGNING_KEY: hubCertificateKey.privateText,
      CERTIFICATE_TRUSTED_KEYS: moroccoCertificateKey.publicText,
      SERVER_ADMINISTRATION: 'World Customs Organization',
    };
    hubApi = new ApiProcess();
    await hubApi.start(hubEnv);
    const hubData = new DataSource({ type: 'mysql', url: hubDb });
    await hubData.initialize();
    const password = 'hub admin passphrase 2026';
    await hubData.query(
      "INSERT INTO users (id, email, password_hash, display_name, country, status, role) VALUES (UUID(), 'secretariat@wco.example', ?, 'Secretariat', NULL, 'active', 'admin')",
      [await argon2.hash(password, ARGON2_PARAMS)],
    );
    const signedIn = await request(hubApi.url)
      .post('/api/auth/login')
      .send({ email: 'secretariat@wco.example', password })
      .expect(200);
    hub = {
      target: hubApi.url,
      worker: await startTestWorker(hubEnv, [QueueName.Imports]),
      admin: (signedIn.body as { accessToken: string }).accessToken,
      env: hubEnv,
      dataSource: hubData,
    };

    // The national server: this process's test database, trusting the hub's key among others.
    const nationalEnv = {
      LICENCE_TRUSTED_KEYS: `${newKeys().publicText},${keys.publicText}`,
      SERVER_COUNTRY: 'KE',
      SERVER_ADMINISTRATION: 'Kenya Revenue Authority',
    };
    nationalApp = await withEnv(nationalEnv, () => createTestApp());
    // Counts below are absolute: start from an empty national database, whatever suite ran before.
    await resetDatabase(nationalApp);
    const a = await createUser(nationalApp, { role: UserRole.Admin, country: null });
    national = {
      target: nationalApp.getHttpServer(),
      worker: await startTestWorker(nationalEnv, [QueueName.Imports]),
      admin: await login(nationalApp, a.email, a.password),
      env: { ...nationalEnv, DATA_DIR: process.env.DATA_DIR! },
      dataSource: nationalApp.get(DataSource),
    };

    // The hub's course: a real SCORM package, imported and published there.
    const upload = await as(hub).post('/api/courses/packages').field('language', 'en').attach('file', COURSE_ZIP);
    expect(upload.status).toBe(202);
    const job = await finished(hub, (upload.body as { jobId: string }).jobId);
    courseId = (job.result as { courseId: string }).courseId;
    await as(hub)
      .patch(`/api/courses/${courseId}`)
      .send({ status: 'published', topic: 'customs-valuation' })
      .expect(200);
    // Two servers, a migration and an import: slow on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await national?.worker.close();
    await nationalApp?.close();
    await hub?.worker.close();
    await hubApi?.stop();
    await hub?.dataSource.destroy();
    if (hubDb) {
      await dropDatabase(hubDb);
    }
    restorePrefix?.();
  });

  it('only admins grant licences; bad terms are a 400 with a code', async () => {
    const nationalUser = await createUser(nationalApp);
    const learner = await login(nationalApp, nationalUser.email, nationalUser.password);
    await as(national, learner).post('/api/licences').send({}).expect(403);
    await as(national, learner).get('/api/licences').expect(403);
    await request(hub.target).get('/api/licences').expect(401);
    const bad = await as(hub).post('/api/licences').send({ licenseeCountry: 'KE' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const unknownCourse = await as(hub)
      .post('/api/licences')
      .send({
        licenseeCountry: 'KE',
        licenseeAdministration: 'Kenya Revenue Authority',
        courseIds: ['0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f'],
        languages: ['en'],
        validFrom: today,
        validUntil: daysFromNow(10),
        translationAllowed: false,
      })
      .expect(400);
    expect(unknownCourse.body.code).toBe('COURSE_NOT_FOUND');
    const backwards = await as(hub)
      .post('/api/licences')
      .send({
        licenseeCountry: 'KE',
        licenseeAdministration: 'Kenya Revenue Authority',
        courseIds: [courseId],
        languages: ['en'],
        validFrom: daysFromNow(10),
        validUntil: today,
        translationAllowed: false,
      })
      .expect(400);
    expect(backwards.body.code).toBe('VALIDATION_FAILED');
    // The national server holds no signing key: it cannot issue bundles.
    const unsigned = await as(national).get('/api/licences/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f/bundle').expect(409);
    expect(unsigned.body.code).toBe('LICENSING_NOT_CONFIGURED');
    await as(hub).get('/api/licences/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f/bundle').expect(404);
  });

  const checkStatement = (statement: string) =>
    request(national.target)
      .post('/api/verify/statement')
      .set('X-Forwarded-For', `198.51.100.${Math.floor(Math.random() * 200) + 1}`)
      .send({ statement })
      .expect(200);

  it('before any bundle, the national server does not trust the hub’s certificates', async () => {
    // A learner on the hub completes the hub's course: the hub issues a certificate and its statement.
    const password = 'hub learner passphrase 2026';
    await hub.dataSource.query(
      "INSERT INTO users (id, email, password_hash, display_name, country, status, role) VALUES (UUID(), 'learner@wco.example', ?, 'Amina العلوي', 'BE', 'active', 'learner')",
      [await argon2.hash(password, ARGON2_PARAMS)],
    );
    const token = (
      (await request(hub.target).post('/api/auth/login').send({ email: 'learner@wco.example', password }).expect(200))
        .body as { accessToken: string }
    ).accessToken;
    const launched = await as(hub, token).post(`/api/courses/${courseId}/launch`).send({}).expect(200);
    const commitUrl = new URL((launched.body as { commitUrl: string }).commitUrl);
    await request(hub.target)
      .post(`${commitUrl.pathname}${commitUrl.search}&terminate=true`)
      .send({ cmi: { core: { lesson_status: 'completed', exit: '', session_time: '00:02:00', score: {} } } })
      .expect(200);
    const [certificate] = (await as(hub, token).get('/api/me/certificates').expect(200)).body as Array<{
      statement: string;
    }>;
    hubStatement = certificate.statement;
    expect(readStatement(hubStatement)!.payload).toMatchObject({
      kid: keyId(hubCertificateKey.privateKey),
      learnerName: 'Amina العلوي',
      issuer: { administration: 'World Customs Organization' },
    });
    expect((await checkStatement(hubStatement)).body).toMatchObject({
      valid: false,
      issuer: { trusted: false, trustedBy: null },
    });
    expect((await as(national).get('/api/certificates/trusted-issuers').expect(200)).body).toEqual([
      expect.objectContaining({ source: 'own' }),
    ]);
  });

  it('the hub exports a signed bundle; the national server imports it once, however often it is sent', async () => {
    const licenceId = await createLicence();
    const bundle = await exportBundle(licenceId);
    const names = (await unzipAll(readFileSync(bundle))).map(([name]) => name);
    expect(names).toEqual([
      'licence.json',
      expect.stringMatching(/^packages\/[0-9a-f-]{36}\.zip$/),
      `courses/${courseId}.json`,
      'manifest.json',
      'signature.json',
    ]);

    const jobIds = await Promise.all(Array.from({ length: 100 }, () => importBundle(bundle)));
    const ids = new Set(jobIds.map((response) => (response.body as { jobId: string }).jobId));
    expect(ids.size).toBe(1);
    const job = await finished(national, [...ids][0]);
    expect(job).toMatchObject({ state: 'completed', result: { licenceId, courseIds: [courseId], addedPackages: 1 } });
    expect(await nationalCounts()).toEqual({ courses: 1, packages: 1, licences: 1 });
    // Again, later: the same job, nothing more.
    const again = await importBundle(bundle);
    expect((again.body as { jobId: string }).jobId).toBe(job.id);
    expect(await nationalCounts()).toEqual({ courses: 1, packages: 1, licences: 1 });

    // The national catalogue shows the course as licensed, with its package.
    const officer = await createUser(nationalApp, { country: 'KE' });
    const officerToken = await login(nationalApp, officer.email, officer.password);
    const list = await as(national, officerToken).get('/api/courses?q=valuation').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: courseId, origin: 'licensed', status: 'published' }),
    ]);
    const detail = await as(national, officerToken).get(`/api/courses/${courseId}`).expect(200);
    expect(detail.body.packages).toEqual([expect.objectContaining({ language: 'en', standard: 'scorm12' })]);

    // An officer there completes it.
    const launched = await as(national, officerToken).post(`/api/courses/${courseId}/launch`).send({}).expect(200);
    const commitUrl = new URL((launched.body as { commitUrl: string }).commitUrl);
    await request(national.target)
      .post(commitUrl.pathname + commitUrl.search)
      .send({
        cmi: {
          core: {
            lesson_status: 'passed',
            lesson_location: 'end',
            exit: '',
            session_time: '00:05:00',
            score: { raw: '90', min: '0', max: '100' },
          },
          suspend_data: '',
        },
        commitSequence: 1,
      })
      .expect(200, { result: true, errorCode: 0 });
    const learning = await as(national, officerToken).get('/api/me/learning').expect(200);
    expect(learning.body).toEqual([
      expect.objectContaining({ courseId, completionStatus: 'completed', successStatus: 'passed', scoreScaled: 0.9 }),
    ]);
  });

  it('after the bundle import, the national server verifies the hub’s statements offline; tampered and untrusted refused', async () => {
    // The bundle carried the hub's certificate key (named) and the key of a server the hub trusts.
    const issuers = (await as(national).get('/api/certificates/trusted-issuers').expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(issuers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'own' }),
        expect.objectContaining({
          source: 'licence-bundle',
          keyId: keyId(hubCertificateKey.privateKey),
          publicKey: hubCertificateKey.publicText,
          administration: 'World Customs Organization',
        }),
        expect.objectContaining({
          source: 'licence-bundle',
          keyId: keyId(moroccoCertificateKey.privateKey),
          administration: null,
        }),
      ]),
    );
    expect(issuers).toHaveLength(3);
    const officer = await createUser(nationalApp, { country: 'KE' });
    await as(national, await login(nationalApp, officer.email, officer.password))
      .get('/api/certificates/trusted-issuers')
      .expect(403);

    // The hub is not called: its statement is checked against the key the bundle carried.
    const answer = (await checkStatement(hubStatement)).body;
    expect(answer).toMatchObject({
      valid: true,
      signatureValid: true,
      status: 'valid',
      issuer: { trusted: true, own: false, trustedBy: 'licence-bundle', administration: 'World Customs Organization' },
      certificate: { learnerName: 'Amina العلوي' },
    });
    expect(answer.checked).toMatch(
      /^Signature valid, issued by World Customs Organization .*licence bundle.*not contacted/,
    );

    // A server the hub trusts: its statements are verified too.
    const fields = readStatement(hubStatement)!.payload;
    const { kid: _kid, ...unsigned } = fields;
    const morocco = signStatement(moroccoCertificateKey.privateKey, {
      ...unsigned,
      issuer: { administration: 'Administration des Douanes', country: 'MA', url: 'https://lms.douane.example' },
    });
    expect((await checkStatement(morocco)).body).toMatchObject({
      valid: true,
      issuer: { trustedBy: 'licence-bundle' },
    });

    // Tampered (another name under the hub's signature) and untrusted (a key no bundle carried): refused.
    const [prefix, , signature] = hubStatement.split('.');
    const forged = Buffer.from(JSON.stringify({ ...fields, learnerName: 'Someone Else' })).toString('base64url');
    const tampered = (await checkStatement(`${prefix}.${forged}.${signature}`)).body;
    expect(tampered).toMatchObject({ valid: false, signatureValid: false, issuer: { trusted: true } });
    expect(tampered.checked).toMatch(/^Signature invalid/);
    const stranger = newKeys();
    const untrusted = (await checkStatement(signStatement(stranger.privateKey, unsigned))).body;
    expect(untrusted).toMatchObject({ valid: false, issuer: { trusted: false, keyId: keyId(stranger.privateKey) } });
    expect(untrusted.checked).toMatch(/^Issuer not trusted/);
  });

  it("enrolments beyond the licence's seat cap are refused, even when they arrive together", async () => {
    // The licence above caps seats at 2; its first officer holds one.
    const officers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const officer = await createUser(nationalApp, { country: 'KE' });
        return login(nationalApp, officer.email, officer.password);
      }),
    );
    const answers = await Promise.all(
      officers.map((token) => as(national, token).post(`/api/courses/${courseId}/enrolments`).send({})),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.code).toBe('SEAT_CAP_REACHED');
    }
    const seated = officers[answers.findIndex((answer) => answer.status === 201)];
    await as(national, seated).post(`/api/courses/${courseId}/enrolments`).send({}).expect(201); // still theirs
    const refused = officers[answers.findIndex((answer) => answer.status === 409)];
    expect((await as(national, refused).post(`/api/courses/${courseId}/launch`).send({}).expect(409)).body.code).toBe(
      'SEAT_CAP_REACHED',
    );
    const [{ n }] = await national.dataSource.query('SELECT COUNT(*) AS n FROM enrolments WHERE course_id = ?', [
      courseId,
    ]);
    expect(Number(n)).toBe(2);
  });

  it('tampered, foreign, misaddressed, expired or incomplete bundles fail with a reason and import nothing', async () => {
    const before = await nationalCounts();
    const foldersBefore = readdirSync(path.join(national.env.DATA_DIR, 'blobs', 'packages')).sort();
    const good = readFileSync(await exportBundle(await createLicence({ languages: ['en'], seatCap: null })));
    const entries = await unzipAll(good);
    const variant = async (name: string, edit: (e: Array<[string, Buffer]>) => Array<[string, Buffer]>) => {
      const file = path.join(bundleDir, `${name}.zip`);
      await zipAll(edit(entries.map(([n, d]) => [n, Buffer.from(d)])), file);
      return file;
    };
    const cases: Array<[string, string]> = [
      [
        await variant('one-byte', (e) =>
          e.map(([n, d]) => {
            if (n.startsWith('packages/')) {
              d[d.length >> 1] ^= 0xff;
            }
            return [n, d];
          }),
        ),
        'BUNDLE_TAMPERED',
      ],
      [
        await variant('licence-edited', (e) =>
          e.map(([n, d]) => [
            n,
            n === 'licence.json' ? Buffer.from(d.toString().replace('"seatCap": null', '"seatCap": 99999')) : d,
          ]),
        ),
        'BUNDLE_TAMPERED',
      ],
      [await variant('unknown-key', (e) => resign(e, newKeys())), 'BUNDLE_UNKNOWN_SIGNER'],
      [
        await variant('manifest-edited', (e) =>
          e.map(([n, d]) => [n, n === 'manifest.json' ? Buffer.concat([d, Buffer.from(' ')]) : d]),
        ),
        'BUNDLE_BAD_SIGNATURE',
      ],
      [await variant('missing-package', (e) => e.filter(([n]) => !n.startsWith('packages/'))), 'BUNDLE_INCOMPLETE'],
      [
        await variant('extra-file', (e) => [
          ...e,
          ['packages/00000000-0000-4000-8000-000000000000.zip', Buffer.from('x')],
        ]),
        'BUNDLE_UNEXPECTED_FILE',
      ],
      [await variant('stray-name', (e) => [...e, ['courses/notes.txt', Buffer.from('x')]]), 'BUNDLE_UNEXPECTED_FILE'],
      [
        await exportBundle(
          await createLicence({ licenseeCountry: 'UG', licenseeAdministration: 'Uganda Revenue Authority' }),
        ),
        'LICENCE_WRONG_LICENSEE',
      ],
      [
        await exportBundle(await createLicence({ validFrom: daysFromNow(-30), validUntil: daysFromNow(-1) })),
        'LICENCE_EXPIRED',
      ],
    ];
    const unreadable = path.join(bundleDir, 'not-a-zip.zip');
    await writeFile(unreadable, 'not a zip at all');
    cases.push([unreadable, 'BUNDLE_UNREADABLE']);
    for (const [file, code] of cases) {
      const job = await finished(national, ((await importBundle(file)).body as { jobId: string }).jobId);
      expect({ file: path.basename(file), state: job.state, code: job.errorCode }).toEqual({
        file: path.basename(file),
        state: 'failed',
        code,
      });
      expect(job.error).toEqual(expect.stringMatching(/\w+ \w+/));
    }
    expect(await nationalCounts()).toEqual(before);
    const dataDir = national.env.DATA_DIR;
    // No job folder, upload or package folder is left of them.
    for (const folder of ['work', 'uploads']) {
      expect(existsSync(path.join(dataDir, folder)) ? readdirSync(path.join(dataDir, folder)) : []).toEqual([]);
    }
    expect(readdirSync(path.join(dataDir, 'blobs', 'packages')).sort()).toEqual(foldersBefore);
  });

  it('a newer bundle adds the new package version and keeps attempts; after expiry the course leaves the catalogue', async () => {
    const licenceId = await createLicence({ seatCap: null });
    await finished(national, ((await importBundle(await exportBundle(licenceId))).body as { jobId: string }).jobId);
    const officer = await createUser(nationalApp, { country: 'KE' });
    const token = await login(nationalApp, officer.email, officer.password);
    await as(national, token).post(`/api/courses/${courseId}/launch`).send({}).expect(200);

    // The hub adds version 2 of the package; the next bundle brings it.
    const upload = await as(hub)
      .post('/api/courses/packages')
      .field('language', 'en')
      .field('courseId', courseId)
      .attach('file', COURSE_ZIP)
      .expect(202);
    await finished(hub, (upload.body as { jobId: string }).jobId);
    const job = await finished(
      national,
      ((await importBundle(await exportBundle(licenceId))).body as { jobId: string }).jobId,
    );
    expect(job).toMatchObject({ state: 'completed', result: { addedPackages: 1 } });
    const versions = await national.dataSource.query(
      'SELECT version FROM course_packages WHERE course_id = ? ORDER BY version',
      [courseId],
    );
    expect(versions.map((row: { version: number }) => Number(row.version))).toEqual([1, 2]);
    const attempts = await national.dataSource.query('SELECT COUNT(*) AS n FROM attempts WHERE user_id = ?', [
      officer.id,
    ]);
    expect(Number(attempts[0].n)).toBe(1);

    // The calendar moves past the licence's end: simulated in the stored terms, and the course's
    // search row rebuilt from them as any change to the course rebuilds it.
    await national.dataSource.query('UPDATE received_licences SET valid_until = ? WHERE id = ?', [
      daysFromNow(-1),
      licenceId,
    ]);
    const courses = nationalApp.get(CourseRepository, { strict: false });
    await national.dataSource.transaction((manager) => courses.refreshSearch(courseId, manager));
    expect((await as(national, token).get('/api/courses?q=valuation').expect(200)).body.total).toBe(0);
    await as(national, token).get(`/api/courses/${courseId}`).expect(404);
    const refused = await as(national, token).post(`/api/courses/${courseId}/launch`).send({}).expect(403);
    expect(refused.body.code).toBe('LICENCE_EXPIRED');
    // Attempts are kept, and admins still see the course.
    const kept = await national.dataSource.query('SELECT COUNT(*) AS n FROM attempts WHERE user_id = ?', [officer.id]);
    expect(Number(kept[0].n)).toBe(1);
    await as(national).get(`/api/courses/${courseId}`).expect(200);
  });
  it('the hub edits and ends a licence; the national server follows newer revisions and refuses older ones', async () => {
    // A second hub course, for a licence that later drops it.
    const upload = await as(hub).post('/api/courses/packages').field('language', 'en').attach('file', COURSE_ZIP);
    const dropped = ((await finished(hub, (upload.body as { jobId: string }).jobId)).result as { courseId: string })
      .courseId;
    await as(hub).patch(`/api/courses/${dropped}`).send({ status: 'published' }).expect(200);

    // Seats: as many as this course already has enrolments on the national server, so one more is refused.
    const seats = async () =>
      Number(
        (await national.dataSource.query('SELECT COUNT(*) AS n FROM enrolments WHERE course_id = ?', [courseId]))[0].n,
      );
    const cap = (await seats()) + 1;
    const licenceId = await createLicence({ courseIds: [courseId, dropped], seatCap: cap });
    const revision1 = await exportBundle(licenceId);
    const first = await finished(national, ((await importBundle(revision1)).body as { jobId: string }).jobId);
    expect(first).toMatchObject({ state: 'completed', result: { licenceId, revision: 1 } });
    const officers = await Promise.all(
      Array.from({ length: 2 }, async () => {
        const officer = await createUser(nationalApp, { country: 'KE' });
        return login(nationalApp, officer.email, officer.password);
      }),
    );
    await as(national, officers[0]).post(`/api/courses/${courseId}/enrolments`).send({}).expect(201);
    const full = await as(national, officers[1]).post(`/api/courses/${courseId}/enrolments`).send({}).expect(409);
    expect(full.body.code).toBe('SEAT_CAP_REACHED');
    await as(national, officers[1]).post(`/api/courses/${dropped}/launch`).send({}).expect(200);

    // Who may edit, and what: admins only; terms checked as when granting; the licensee never.
    const learner = await createUser(nationalApp);
    const learnerToken = await login(nationalApp, learner.email, learner.password);
    await request(hub.target).patch(`/api/licences/${licenceId}`).send({ seatCap: 5 }).expect(401);
    await as(national, learnerToken).patch(`/api/licences/${licenceId}`).send({ seatCap: 5 }).expect(403);
    await as(national, learnerToken).post(`/api/licences/${licenceId}/end`).send({}).expect(403);
    await as(hub).patch('/api/licences/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f').send({ seatCap: 5 }).expect(404);
    const badInputs: Array<[Record<string, unknown>, string]> = [
      [{ seatCap: 0 }, 'VALIDATION_FAILED'],
      [{ validUntil: '2026-02-30' }, 'VALIDATION_FAILED'],
      [{ validFrom: null }, 'VALIDATION_FAILED'],
      [{ languages: [] }, 'VALIDATION_FAILED'],
      [{ licenseeCountry: 'UG' }, 'VALIDATION_FAILED'],
      [{ validUntil: daysFromNow(-400) }, 'VALIDATION_FAILED'],
      [{ courseIds: ['0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f'] }, 'COURSE_NOT_FOUND'],
    ];
    for (const [body, code] of badInputs) {
      const answer = await as(hub).patch(`/api/licences/${licenceId}`).send(body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({ body, status: 400, code });
    }
    const stale = await as(hub).patch(`/api/licences/${licenceId}`).send({ revision: 7, seatCap: 5 }).expect(409);
    expect(stale.body.code).toBe('LICENCE_CHANGED');
    expect((await as(hub).get(`/api/licences/${licenceId}`).expect(200)).body).toMatchObject({ revision: 1 });

    // The edit: one more seat, a later end, one course fewer. A new revision, recorded with who made it.
    const validUntil = daysFromNow(500);
    const edited = await as(hub)
      .patch(`/api/licences/${licenceId}`)
      .send({ revision: 1, seatCap: cap + 1, validUntil, courseIds: [courseId], translationAllowed: true })
      .expect(200);
    expect(edited.body).toMatchObject({
      id: licenceId,
      revision: 2,
      seatCap: cap + 1,
      validUntil,
      courseIds: [courseId],
      translationAllowed: true,
      courses: [{ id: courseId, titles: { en: expect.any(String) } }],
      lastChange: { revision: 2, kind: 'edited', changedBy: expect.any(String) },
    });
    // The same values again change nothing: no new revision.
    await as(hub)
      .patch(`/api/licences/${licenceId}`)
      .send({ seatCap: cap + 1, validUntil })
      .expect(200);
    const history = (await as(hub).get(`/api/licences/${licenceId}/changes`).expect(200)).body as Array<{
      revision: number;
      kind: string;
      terms: { seatCap: number };
    }>;
    expect(history.map(({ revision, kind, terms }) => [revision, kind, terms.seatCap])).toEqual([
      [2, 'edited', cap + 1],
      [1, 'created', cap],
    ]);
    const [hubRow] = await hub.dataSource.query('SELECT revision, updated_by FROM licences WHERE id = ?', [licenceId]);
    expect(hubRow).toEqual({ revision: 2, updated_by: expect.any(String) });

    // The next bundle carries revision 2 and its terms.
    const revision2 = await exportBundle(licenceId);
    const licenceJson = JSON.parse(
      (await unzipAll(readFileSync(revision2))).find(([name]) => name === 'licence.json')![1].toString(),
    );
    expect(licenceJson).toMatchObject({
      version: 1,
      licence: { id: licenceId, revision: 2, seatCap: cap + 1, validUntil, courseIds: [courseId] },
    });
    const second = await finished(national, ((await importBundle(revision2)).body as { jobId: string }).jobId);
    expect(second).toMatchObject({ state: 'completed', result: { revision: 2, addedPackages: 0 } });
    const held = async () =>
      (
        await national.dataSource.query(
          "SELECT revision, seat_cap AS seatCap, DATE_FORMAT(valid_until, '%Y-%m-%d') AS validUntil, translation_allowed AS translationAllowed FROM received_licences WHERE id = ?",
          [licenceId],
        )
      ).map((row: Record<string, unknown>) => ({ ...row, translationAllowed: Number(row.translationAllowed) === 1 }));
    expect(await held()).toEqual([{ revision: 2, seatCap: cap + 1, validUntil, translationAllowed: true }]);
    // One more seat: the refused officer now enrols.
    await as(national, officers[1]).post(`/api/courses/${courseId}/enrolments`).send({}).expect(201);
    // The course the licence dropped left the catalogue as an expired one: attempts kept, admins see it.
    const search = (await as(national, officers[1]).get('/api/courses?q=valuation').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(search.items.map((item) => item.id)).toEqual([courseId]);
    await as(national, officers[1]).get(`/api/courses/${dropped}`).expect(404);
    const droppedLaunch = await as(national, officers[1]).post(`/api/courses/${dropped}/launch`).send({}).expect(403);
    expect(droppedLaunch.body.code).toBe('LICENCE_EXPIRED');
    await as(national).get(`/api/courses/${dropped}`).expect(200);
    const [{ n: attempts }] = await national.dataSource.query(
      'SELECT COUNT(*) AS n FROM attempts WHERE course_id = ?',
      [dropped],
    );
    expect(Number(attempts)).toBe(1);

    // Replaying the revision-1 bundle (the very same file) is refused with its reason and changes nothing.
    const before = await nationalCounts();
    const replay = await finished(national, ((await importBundle(revision1)).body as { jobId: string }).jobId);
    expect(replay.id).not.toBe(first.id);
    expect(replay).toMatchObject({ state: 'failed', errorCode: 'LICENCE_OUTDATED' });
    expect(replay.error).toMatch(/Revision 2 .*revision 1/);
    expect(await held()).toEqual([{ revision: 2, seatCap: cap + 1, validUntil, translationAllowed: true }]);
    expect(await nationalCounts()).toEqual(before);

    // Ending early: the last day becomes yesterday (revision 3); ending again is a 409.
    const ended = await as(hub).post(`/api/licences/${licenceId}/end`).send({ revision: 2 }).expect(200);
    expect(ended.body).toMatchObject({
      revision: 3,
      validUntil: daysFromNow(-1),
      lastChange: { revision: 3, kind: 'ended' },
    });
    const again = await as(hub).post(`/api/licences/${licenceId}/end`).send({}).expect(409);
    expect(again.body.code).toBe('LICENCE_ENDED');
    // An ended licence's bundle is accepted as a newer revision of one held: launches stop at once.
    const third = await finished(
      national,
      ((await importBundle(await exportBundle(licenceId))).body as { jobId: string }).jobId,
    );
    expect(third).toMatchObject({ state: 'completed', result: { revision: 3 } });
    expect(await held()).toEqual([
      { revision: 3, seatCap: cap + 1, validUntil: daysFromNow(-1), translationAllowed: true },
    ]);
    const refused = await as(national, officers[0]).post(`/api/courses/${courseId}/launch`).send({}).expect(403);
    expect(refused.body.code).toBe('LICENCE_EXPIRED');
    expect((await as(national, officers[0]).get('/api/courses?q=valuation').expect(200)).body.total).toBe(0);
    // And revision 2 cannot bring it back.
    const revived = await finished(national, ((await importBundle(revision2)).body as { jobId: string }).jobId);
    expect(revived).toMatchObject({ state: 'failed', errorCode: 'LICENCE_OUTDATED' });
    expect((await held())[0]).toMatchObject({ revision: 3, validUntil: daysFromNow(-1) });
  });
});
