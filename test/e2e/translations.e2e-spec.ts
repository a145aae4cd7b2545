import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { addLaunchablePackage } from '../support/course-packages';
import { isolateRedisPrefix } from '../support/accounts';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Job {
  id: string;
  state: string;
  sourcePackageId?: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  errorCode: string | null;
}

describe('translations: XLIFF round trip, translated packages, stale flags', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let admin: string;
  let learner: string;
  let dir: string;
  let courseId: string;

  const as = (token: string) => ({
    get: (url: string) => request(app.getHttpServer()).get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => request(app.getHttpServer()).post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => request(app.getHttpServer()).patch(url).auth(token, { type: 'bearer' }),
  });

  async function finished(jobId: string): Promise<Job> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (await as(admin).get(`/api/import-jobs/${jobId}`).expect(200)).body as Job;
      if (job.state === 'completed' || job.state === 'failed') {
        return job;
      }
      if (Date.now() > deadline) {
        throw new Error(`job ${jobId} still ${job.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function file(name: string, content: string): string {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  }

  async function importFile(target: string): Promise<Job> {
    const accepted = await as(admin).post('/api/imports/translation').attach('file', target).expect(202);
    return finished((accepted.body as { jobId: string }).jobId);
  }

  async function exportXliff(source: string, target: string): Promise<string> {
    const response = await as(admin)
      .get(`/api/courses/${courseId}/xliff?source=${source}&target=${target}`)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/xliff+xml; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="course-/);
    return response.text;
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('translations');
    app = await createTestApp();
    worker = await startTestWorker({}, [QueueName.Imports, QueueName.Translations]);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app);
    admin = await login(app, a.email, a.password);
    learner = await login(app, l.email, l.password);
    dir = await mkdtemp(path.join(tmpdir(), 'clearance-xliff-'));
    const created = await as(admin)
      .post('/api/courses')
      .send({
        topic: 'rules-of-origin',
        texts: [
          { language: 'en', title: 'Rules of Origin & Cumulation', description: 'Where goods come from <really>.' },
        ],
      })
      .expect(201);
    courseId = (created.body as { id: string }).id;
    // A launchable package to publish with, in a language the round trips below leave alone.
    await addLaunchablePackage(app.get(DataSource), courseId, 'es');
    await as(admin).patch(`/api/courses/${courseId}`).send({ status: 'published' }).expect(200);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('only admins export and import; bad requests are a 400 with a code', async () => {
    await as(learner).get(`/api/courses/${courseId}/xliff?source=en&target=fr`).expect(403);
    await as(learner).post('/api/imports/translation').attach('file', file('x.xlf', '<xliff/>')).expect(403);
    await as(learner).get('/api/translations/stale').expect(403);
    expect((await as(admin).get(`/api/courses/${courseId}/xliff?source=en&target=en`).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await as(admin).get(`/api/courses/${courseId}/xliff?source=es&target=fr`).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    ); // no Spanish text to translate from
    await as(admin).get(`/api/courses/${randomUUID()}/xliff?source=en&target=fr`).expect(404);
    const withFields = await as(admin)
      .post('/api/imports/translation')
      .field('courseId', courseId)
      .attach('file', file('f.xlf', '<xliff/>'))
      .expect(400);
    expect(withFields.body.code).toBe('VALIDATION_FAILED');
  });

  it('export, translate, import: the French variant is in the catalogue; a changed source flags it stale', async () => {
    const exported = await exportXliff('en', 'fr');
    expect(exported).toContain('<source>Rules of Origin &amp; Cumulation</source>');
    expect(exported).toContain('<source>Where goods come from &lt;really&gt;.</source>');
    expect(exported).not.toContain('<target>');
    const translated = exported
      .replace(
        '<source>Rules of Origin &amp; Cumulation</source>',
        '<source>Rules of Origin &amp; Cumulation</source>\n        <target>Règles d’origine &amp; cumul</target>',
      )
      .replace(
        '<source>Where goods come from &lt;really&gt;.</source>',
        '<source>Where goods come from &lt;really&gt;.</source>\n        <target>D’où viennent les marchandises.</target>',
      );
    const job = await importFile(file('fr.xlf', translated));
    expect(job).toMatchObject({
      state: 'completed',
      result: { courseId, language: 'fr', sourceLanguage: 'en', units: ['title', 'description'] },
    });
    const detail = await as(learner).get(`/api/courses/${courseId}?lang=fr`).expect(200);
    expect(detail.body.title).toBe('Règles d’origine & cumul');
    const found = await as(learner).get('/api/courses?q=marchandises').expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([courseId]);
    expect((await as(admin).get('/api/translations/stale').expect(200)).body).toEqual([]);
    // The export now carries the French as the current target.
    expect(await exportXliff('en', 'fr')).toContain('<target>Règles d’origine &amp; cumul</target>');

    // The English source changes: the French text is stale until translated again.
    await as(admin)
      .patch(`/api/courses/${courseId}`)
      .send({ language: 'en', description: 'Where goods originate.' })
      .expect(200);
    expect((await as(admin).get('/api/translations/stale').expect(200)).body).toEqual([
      {
        courseId,
        kind: 'text',
        language: 'fr',
        sourceLanguage: 'en',
        packageId: null,
        sourceVersion: null,
        currentSourceVersion: null,
      },
    ]);
    const again = (await exportXliff('en', 'fr')).replace(
      /<target>D’où viennent les marchandises.<\/target>/,
      '<target>D’où proviennent les marchandises.</target>',
    );
    expect((await importFile(file('fr-2.xlf', again))).state).toBe('completed');
    expect((await as(admin).get('/api/translations/stale').expect(200)).body).toEqual([]);
  });

  it('imports XLIFF 1.2 too', async () => {
    const xliff12 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="course-${courseId}" source-language="en" target-language="es-ES" datatype="plaintext">
    <body>
      <trans-unit id="title"><source>Rules of Origin &amp; Cumulation</source><target>Normas de origen y <g id="1">acumulación</g></target></trans-unit>
      <trans-unit id="description"><source>Where goods originate.</source><target></target></trans-unit>
    </body>
  </file>
</xliff>`;
    const job = await importFile(file('es.xlf', xliff12));
    expect(job).toMatchObject({ state: 'completed', result: { language: 'es', units: ['title'] } });
    const detail = await as(learner).get(`/api/courses/${courseId}?lang=es`).expect(200);
    expect(detail.body.title).toBe('Normas de origen y acumulación');
  });

  it('refuses hostile or wrong files with a reason, changing nothing', async () => {
    const before = await app
      .get(DataSource)
      .query('SELECT language, title, description FROM course_translations ORDER BY language');
    const cases: Array<[string, string, string]> = [
      [
        'laughs.xlf',
        `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"><file id="course-${courseId}"><unit id="title"><segment><source>x</source><target>&b;</target></segment></unit></file></xliff>`,
        'XLIFF_INVALID',
      ],
      ['external.xlf', `<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "file:///etc/passwd"><xliff/>`, 'XLIFF_INVALID'],
      ['not-xliff.xlf', '<html><body>hello</body></html>', 'XLIFF_INVALID'],
      ['broken.xlf', '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file', 'XLIFF_INVALID'],
      [
        'unknown-course.xlf',
        `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"><file id="course-${randomUUID()}"><unit id="title"><segment><source>x</source><target>y</target></segment></unit></file></xliff>`,
        'COURSE_NOT_FOUND',
      ],
      [
        'no-course.xlf',
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"><file id="f1"><unit id="title"><segment><source>x</source><target>y</target></segment></unit></file></xliff>',
        'XLIFF_UNKNOWN_FILE',
      ],
      [
        'german.xlf',
        `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="de"><file id="course-${courseId}"><unit id="title"><segment><source>x</source><target>y</target></segment></unit></file></xliff>`,
        'XLIFF_LANGUAGE',
      ],
      [
        'empty.xlf',
        `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"><file id="course-${courseId}"><unit id="title"><segment><source>x</source><target>  </target></segment></unit></file></xliff>`,
        'XLIFF_EMPTY',
      ],
    ];
    for (const [name, content, code] of cases) {
      const job = await importFile(file(name, content));
      expect({ name, state: job.state, code: job.errorCode }).toEqual({ name, state: 'failed', code });
      expect(job.error).toEqual(expect.stringMatching(/\w+ \w+/));
    }
    expect(
      await app.get(DataSource).query('SELECT language, title, description FROM course_translations ORDER BY language'),
    ).toEqual(before);
  });

  it('a translated package records its source; a new source version flags it stale', async () => {
    const zip = await writePackage(scorm12Bookmark());
    const upload = (fields: Record<string, string>, url = '/api/courses/packages') => {
      const call = as(admin).post(url);
      for (const [name, value] of Object.entries(fields)) {
        void call.field(name, value);
      }
      return call.attach('file', zip);
    };
    const english = await finished((await upload({ language: 'en', courseId }).expect(202)).body.jobId);
    const sourcePackageId = (english.result as { packageId: string }).packageId;
    // Its source must be a package of the same course in another language.
    expect(
      (await upload({ courseId, language: 'en', sourcePackageId }, '/api/imports/translation').expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
    await upload({ courseId, language: 'fr' }, '/api/imports/translation').expect(400);
    const french = await finished(
      (await upload({ courseId, language: 'fr', sourcePackageId }, '/api/imports/translation').expect(202)).body.jobId,
    );
    expect(french.state).toBe('completed');
    // The job says what it was translated from; a plain package's says nothing.
    expect((await as(admin).get(`/api/import-jobs/${french.id}`).expect(200)).body.sourcePackageId).toBe(
      sourcePackageId,
    );
    expect(english.sourcePackageId).toBeNull();
    const frenchPackageId = (french.result as { packageId: string }).packageId;
    const [row] = await app
      .get(DataSource)
      .query('SELECT source_package_id FROM course_packages WHERE id = ?', [frenchPackageId]);
    expect(row.source_package_id).toBe(sourcePackageId);
    expect((await as(admin).get('/api/translations/stale').expect(200)).body).toEqual([]);

    await finished((await upload({ language: 'en', courseId }).expect(202)).body.jobId); // English version 2
    expect((await as(admin).get('/api/translations/stale').expect(200)).body).toEqual([
      {
        courseId,
        kind: 'package',
        language: 'fr',
        sourceLanguage: 'en',
        packageId: frenchPackageId,
        sourceVersion: 1,
        currentSourceVersion: 2,
      },
    ]);
  });

  it('a licensed course whose licence forbids translation refuses one', async () => {
    const db = app.get(DataSource);
    const licenceId = randomUUID();
    await db.query(
      `INSERT INTO received_licences (id, revision, key_id, bundle_sha256, licensee_country, licensee_administration,
         languages, valid_from, valid_until, seat_cap, translation_allowed, import_job_id, imported_at)
       VALUES (?, 1, '0000000000000000', REPEAT('0', 64), 'KE', 'KRA', JSON_ARRAY('en'),
         CURRENT_DATE, CURRENT_DATE + INTERVAL 1 YEAR, NULL, 0, UUID(), NOW(3))`,
      [licenceId],
    );
    await db.query('INSERT INTO received_licence_courses (licence_id, course_id, position) VALUES (?, ?, 1)', [
      licenceId,
      courseId,
    ]);
    await db.query('UPDATE courses SET licence_id = ? WHERE id = ?', [licenceId, courseId]);
    const xliff = (await exportXliff('en', 'fr')).replace(/<target>[^<]*<\/target>/, '<target>Autre titre</target>');
    const job = await importFile(file('forbidden.xlf', xliff));
    expect({ state: job.state, code: job.errorCode }).toEqual({ state: 'failed', code: 'TRANSLATION_NOT_ALLOWED' });
    await db.query('UPDATE courses SET licence_id = NULL WHERE id = ?', [courseId]);
  });
});
