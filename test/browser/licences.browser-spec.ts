import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix, withEnv } from '../support/accounts';
import { createUser, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { newKeys, unzipAll, writeBundle, zipAll } from '../support/licence-bundles';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

/** The course's SCORM package (test/support/scorm-packages), written before the tests. */
let PACKAGE: string;

interface Job {
  state: string;
  result: { courseId: string; packageId: string } | null;
  error: string | null;
}

/** Letters only, so that the search engine sees one word. */
function uniqueLetters(): string {
  return (Date.now() * 1000 + Math.floor(Math.random() * 1000))
    .toString(26)
    .replace(/[0-9]/g, (digit) => 'qrstuvwxyz'[Number(digit)]);
}

/**
 * One Clearance that is both the hub (it signs bundles with LICENCE_SIGNING_KEY) and a national
 * server of Kenya (it trusts that key's public half): an admin grants a licence and downloads its
 * bundle, imports bundles, imports translations and sees which have gone stale, all in Chromium.
 */
describe('licences and translations in the browser', () => {
  const keys = newKeys();
  const env = {
    LICENCE_SIGNING_KEY: keys.privateText,
    LICENCE_TRUSTED_KEYS: keys.publicText,
    SERVER_COUNTRY: 'KE',
    SERVER_ADMINISTRATION: 'Kenya Revenue Authority',
  };
  const word = uniqueLetters();
  const courseTitle = `Valuation ${word} golf course`;
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let admin: { id: string; email: string; password: string };
  let learner: { email: string; password: string };
  let adminToken: string;
  let courseId: string;
  let dir: string;
  const contexts: BrowserContext[] = [];

  const api = () => ({
    get: (route: string) => request(url).get(route).auth(adminToken, { type: 'bearer' }),
    post: (route: string) => request(url).post(route).auth(adminToken, { type: 'bearer' }),
    patch: (route: string) => request(url).patch(route).auth(adminToken, { type: 'bearer' }),
  });
  const db = () => app!.get(DataSource);

  async function finished(jobId: string): Promise<Job> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await api().get(`/api/import-jobs/${jobId}`).expect(200)).body as Job;
      if (job.state === 'completed' || job.state === 'failed') {
        return job;
      }
      if (Date.now() > deadline) {
        throw new Error(`job ${jobId} still ${job.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function uploadEnglishPackage(course?: string): Promise<Job> {
    const call = api().post('/api/courses/packages').field('language', 'en');
    if (course) {
      void call.field('courseId', course);
    }
    const accepted = await call.attach('file', PACKAGE).expect(202);
    const job = await finished((accepted.body as { jobId: string }).jobId);
    expect(job.state).toBe('completed');
    return job;
  }

  beforeAll(async () => {
    PACKAGE = await writePackage(scorm12Bookmark());
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('licences-browser');
    dir = await mkdtemp(path.join(tmpdir(), 'clearance-licences-browser-'));
    worker = await startTestWorker(env, [QueueName.Imports, QueueName.Translations]);
    ({ app, url } = await withEnv(env, () => startTestServer()));
    browser = await launchBrowser();
    admin = await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Licence Admin' });
    learner = await createUser(app, { displayName: 'Amina Otieno', country: 'KE' });
    adminToken = (
      (
        await request(url)
          .post('/api/auth/login')
          .set('X-Forwarded-For', nextClientIp())
          .send({ email: admin.email, password: admin.password })
          .expect(200)
      ).body as { accessToken: string }
    ).accessToken;

    // The hub's course: a real SCORM package through the real queue, with a title to search for.
    courseId = (await uploadEnglishPackage()).result!.courseId;
    await api()
      .patch(`/api/courses/${courseId}`)
      .send({ language: 'en', title: courseTitle, description: 'How customs value golf equipment.' })
      .expect(200);
    await api().patch(`/api/courses/${courseId}`).send({ status: 'published' }).expect(200);
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    await worker?.close();
    restorePrefix?.();
  });

  const open = async (): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL: url,
      locale: 'en-US',
      acceptDownloads: true,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: await watchForProblems(page) };
  };

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });

  const signIn = async (page: Page, who: { email: string; password: string }, name: string) => {
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
  };

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main', exact: true });

  const historyRow = (page: Page, fileName: string) =>
    page.getByRole('table', { name: 'Imports, most recent first' }).getByRole('row').filter({ hasText: fileName });

  it('grants a licence for an imported course and downloads its signed bundle', async () => {
    const { page, problems } = await open();
    await signIn(page, admin, 'Licence Admin');
    await nav(page).getByRole('link', { name: 'Licences' }).click();
    await page.locator('h1:focus').filter({ hasText: 'Licences' }).waitFor();
    await page.getByText('No licence has been granted yet.').waitFor();

    // Nothing chosen: the problems are listed, each linking to its field.
    await page.getByLabel('Licensee administration').fill('');
    await page.getByRole('checkbox', { name: 'English', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Grant the licence' }).click();
    const summary = page.locator('[role="alert"]:focus');
    await summary.getByRole('link', { name: 'Choose the licensee’s country.' }).waitFor();
    await summary.getByRole('link', { name: 'Choose at least one course.' }).waitFor();
    await summary.getByRole('link', { name: 'Choose at least one language.' }).waitFor();
    expect(await page.getByLabel('Licensee administration').getAttribute('aria-invalid')).toBe('true');
    expect(await db().query('SELECT id FROM licences')).toEqual([]);

    const country = page.getByLabel('Country of the licensee');
    await country.locator('option', { hasText: 'Kenya' }).waitFor({ state: 'attached' });
    await country.selectOption({ label: 'Kenya' });
    await page.getByLabel('Licensee administration').fill('Kenya Revenue Authority');
    await page.getByLabel('Search the catalogue').fill(word);
    const courseBox = page.getByRole('checkbox', { name: new RegExp(courseTitle) });
    await courseBox.check();
    await page.getByRole('status').filter({ hasText: '1 course chosen' }).waitFor();
    await page.getByRole('checkbox', { name: 'English', exact: true }).check();
    await page.getByRole('checkbox', { name: 'French', exact: true }).check();
    await page.getByLabel('Seats per course').fill('250');
    await page.getByLabel('The licensee may translate these courses').check();
    await page.getByRole('button', { name: 'Grant the licence' }).click();

    await page
      .locator('[role="status"]:focus')
      .filter({ hasText: 'Licence granted to Kenya Revenue Authority (Kenya).' })
      .waitFor();
    const row = page
      .getByRole('table', { name: 'Licences, most recent first' })
      .getByRole('row')
      .filter({ hasText: 'Kenya Revenue Authority' });
    await row.getByRole('link', { name: courseTitle }).waitFor();
    await row.getByText('English, French').waitFor();
    await row.getByText('250', { exact: true }).waitFor();
    await row.getByText('Yes', { exact: true }).waitFor();
    await row.getByText('In force').waitFor();

    const [licence] = await db().query(
      `SELECT id, licensee_country, licensee_administration, languages, seat_cap, translation_allowed,
         (SELECT JSON_ARRAYAGG(course_id) FROM licence_courses WHERE licence_id = licences.id) AS course_ids
       FROM licences`,
    );
    expect({
      country: licence.licensee_country,
      administration: licence.licensee_administration,
      courseIds: typeof licence.course_ids === 'string' ? JSON.parse(licence.course_ids) : licence.course_ids,
      seatCap: Number(licence.seat_cap),
      translationAllowed: Boolean(licence.translation_allowed),
    }).toEqual({
      country: 'KE',
      administration: 'Kenya Revenue Authority',
      courseIds: [courseId],
      seatCap: 250,
      translationAllowed: true,
    });

    // The bundle, fetched with the session's token and saved by the browser.
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Download the bundle of Kenya Revenue Authority (Kenya)' }).click();
    const saved = await (await download).path();
    expect((await download).suggestedFilename()).toMatch(/^licence-ke-[0-9a-f]{8}-r1\.zip$/);
    const bundle = await readFile(saved);
    expect(bundle.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const entries = await unzipAll(bundle);
    expect(entries.map(([name]) => name)).toEqual([
      'licence.json',
      expect.stringMatching(/^packages\/[0-9a-f-]{36}\.zip$/),
      `courses/${courseId}.json`,
      'manifest.json',
      'signature.json',
    ]);
    const document = JSON.parse(entries[0][1].toString()) as {
      licence: { id: string; licensee: { country: string; administration: string }; courseIds: string[] };
    };
    expect(document.licence).toMatchObject({
      id: licence.id,
      licensee: { country: 'KE', administration: 'Kenya Revenue Authority' },
      courseIds: [courseId],
    });
    expect(problems.all).toEqual([]);
  });

  it('edits the licence, shows its new revision and bundles the new terms, then ends it early after a confirm', async () => {
    const [{ id: licenceId }] = await db().query('SELECT id FROM licences');
    const { page, problems } = await open();
    await signIn(page, admin, 'Licence Admin');
    await page.goto('/admin/licences');
    const row = page
      .getByRole('table', { name: 'Licences, most recent first' })
      .getByRole('row')
      .filter({ hasText: 'Kenya Revenue Authority' });
    await row.getByText('Revision 1', { exact: true }).waitFor();
    await row.getByText(/^Granted on /).waitFor();

    // Edit: the grant form, prefilled, with the licensee fixed; focus goes to its heading.
    await row.getByRole('button', { name: 'Edit the licence of Kenya Revenue Authority (Kenya)' }).click();
    await page
      .locator('h2:focus')
      .filter({ hasText: 'Edit the licence of Kenya Revenue Authority (Kenya) (revision 1)' })
      .waitFor();
    const administration = page.getByLabel('Licensee administration');
    expect(await administration.inputValue()).toBe('Kenya Revenue Authority');
    expect(await administration.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('Country of the licensee').isDisabled()).toBe(true);
    expect(await page.getByLabel('Seats per course').inputValue()).toBe('250');
    expect(await page.getByRole('checkbox', { name: new RegExp(courseTitle) }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'French', exact: true }).isChecked()).toBe(true);

    const validUntil = new Date(Date.now() + 730 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Seats per course').fill('300');
    await page.getByRole('checkbox', { name: 'French', exact: true }).uncheck();
    await page.getByLabel('Valid until (included)').fill(validUntil);
    await page.getByLabel('The licensee may translate these courses').uncheck();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page
      .locator('[role="status"]:focus')
      .filter({ hasText: 'Licence of Kenya Revenue Authority (Kenya) changed: it is now at revision 2.' })
      .waitFor();
    await row.getByText('Revision 2', { exact: true }).waitFor();
    await row.getByText(/^Changed on /).waitFor();
    await row.getByText('300', { exact: true }).waitFor();
    await row.getByText('English', { exact: true }).waitFor();
    await row.getByText('No', { exact: true }).waitFor();
    await row.getByRole('link', { name: courseTitle }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Grant a licence' }).waitFor();

    // The next bundle carries revision 2 and its terms.
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Download the bundle of Kenya Revenue Authority (Kenya)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^licence-ke-[0-9a-f]{8}-r2\.zip$/);
    const entries = await unzipAll(await readFile(await (await download).path()));
    const document = JSON.parse(entries.find(([name]) => name === 'licence.json')![1].toString()) as {
      version: number;
      licence: Record<string, unknown>;
    };
    expect(document).toMatchObject({
      version: 1,
      licence: {
        id: licenceId,
        revision: 2,
        courseIds: [courseId],
        languages: ['en'],
        validUntil,
        seatCap: 300,
        translationAllowed: false,
      },
    });

    // End early: a confirm first (focus on Cancel, the safe choice), then the result gets focus.
    await row.getByRole('button', { name: 'End early: the licence of Kenya Revenue Authority (Kenya)' }).click();
    const dialog = page.getByRole('dialog', { name: 'End this licence early?' });
    await dialog.waitFor();
    await dialog.locator('button:focus').filter({ hasText: 'Cancel' }).waitFor();
    await dialog.getByRole('button', { name: 'End the licence' }).click();
    await page
      .locator('[role="status"]:focus')
      .filter({ hasText: 'Licence of Kenya Revenue Authority (Kenya) ended (revision 3).' })
      .waitFor();
    await row.getByText('Revision 3', { exact: true }).waitFor();
    await row.getByText('Ended', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^End early/ }).count()).toBe(0);
    const changes = await db().query(
      'SELECT revision, kind, changed_by FROM licence_changes WHERE licence_id = ? ORDER BY revision',
      [licenceId],
    );
    expect(changes).toEqual([
      { revision: 1, kind: 'created', changed_by: admin.id },
      { revision: 2, kind: 'edited', changed_by: admin.id },
      { revision: 3, kind: 'ended', changed_by: admin.id },
    ]);
    expect(problems.all).toEqual([]);
  });

  it('imports a licence bundle with its progress into the history, and explains a tampered one', async () => {
    const licenceId = randomUUID();
    const licensedCourse = randomUUID();
    const licensedTitle = `Licensed ${word} course`;
    const bundlePath = path.join(dir, `kra-${word}.zip`);
    await writeBundle(bundlePath, keys, { id: licenceId, courseIds: [licensedCourse] }, [
      {
        id: licensedCourse,
        title: licensedTitle,
        packages: [{ id: randomUUID(), language: 'en', zip: readFileSync(PACKAGE) }],
      },
    ]);

    const { page, problems } = await open();
    await signIn(page, admin, 'Licence Admin');
    await nav(page).getByRole('link', { name: 'Imports' }).click();
    await heading(page, 'Package imports').waitFor();
    await page
      .getByRole('navigation', { name: 'Kinds of import' })
      .getByRole('link', { name: 'Licence bundles' })
      .click();
    await heading(page, 'Licence bundle imports').waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Kinds of import' })
        .getByRole('link', { name: 'Licence bundles' })
        .getAttribute('aria-current'),
    ).toBe('page');

    await page.getByLabel('Licence bundle (zip file)').setInputFiles(bundlePath);
    await page.getByRole('button', { name: 'Import the bundle' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The licence bundle has been imported.' })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: 'Upload' }).getAttribute('value')).toBe('100');
    expect(await page.getByRole('progressbar', { name: 'Import' }).getAttribute('value')).toBe('100');
    await page.getByText('Courses in the licence: 1. New package versions: 1.').waitFor();
    await page
      .getByRole('list', { name: 'Courses of the licence' })
      .getByRole('link', { name: licensedTitle })
      .waitFor();
    const done = historyRow(page, `kra-${word}.zip`);
    await done.getByText('Licence bundle', { exact: true }).waitFor();
    await done.getByText('Completed').waitFor();
    await done.getByText('100%').waitFor();

    const [received] = await db().query('SELECT id, licensee_administration FROM received_licences WHERE id = ?', [
      licenceId,
    ]);
    expect(received).toEqual({ id: licenceId, licensee_administration: 'Kenya Revenue Authority' });
    const [course] = await db().query('SELECT origin, status, licence_id FROM courses WHERE id = ?', [licensedCourse]);
    expect(course).toEqual({ origin: 'licensed', status: 'published', licence_id: licenceId });

    // The same bundle with one byte of its package changed: refused, with the reason on the page.
    const entries = await unzipAll(readFileSync(bundlePath));
    const tamperedPath = path.join(dir, `tampered-${word}.zip`);
    await zipAll(
      entries.map(([name, data]) => {
        if (name.startsWith('packages/')) {
          data[data.length >> 1] ^= 0xff;
        }
        return [name, data];
      }),
      tamperedPath,
    );
    await page.getByRole('button', { name: 'Import another bundle' }).click();
    await page.getByLabel('Licence bundle (zip file)').setInputFiles(tamperedPath);
    await page.getByRole('button', { name: 'Import the bundle' }).click();
    const alert = page.locator('[role="alert"]').filter({ hasText: 'The import failed.' });
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByText('The bundle was changed after it was signed.').waitFor();
    const [failed] = await db().query(
      "SELECT state, error, error_code FROM import_jobs WHERE file_name = ? AND kind = 'licence_bundle'",
      [`tampered-${word}.zip`],
    );
    expect({ state: failed.state, code: failed.error_code }).toEqual({ state: 'failed', code: 'BUNDLE_TAMPERED' });
    await alert.getByText(failed.error as string).waitFor();
    await historyRow(page, `tampered-${word}.zip`).getByText('Failed').waitFor();
    expect(Number((await db().query('SELECT COUNT(*) AS n FROM received_licences'))[0].n)).toBe(1);
    expect(problems.all).toEqual([]);
  });

  it('exports texts as XLIFF, imports the French translation and a translated package, and lists what goes stale', async () => {
    const { page, problems } = await open();
    await signIn(page, admin, 'Licence Admin');
    await page.goto(`/courses/${courseId}`);
    await heading(page, courseTitle).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Translation of the texts' }).waitFor();
    await page.getByLabel('Translate from').selectOption('en');
    await page.getByLabel('Translate into').selectOption('fr');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export texts as XLIFF' }).click();
    const exported = await readFile(await (await download).path(), 'utf8');
    expect((await download).suggestedFilename()).toBe(`course-${courseId.slice(0, 8)}-en-fr.xlf`);
    expect(exported).toContain(`<source>${courseTitle}</source>`);
    const frenchTitle = `Évaluation ${word} du matériel de golf`;
    const translated = exported
      .replace(`<source>${courseTitle}</source>`, `<source>${courseTitle}</source>\n<target>${frenchTitle}</target>`)
      .replace(
        '<source>How customs value golf equipment.</source>',
        '<source>How customs value golf equipment.</source>\n<target>Comment la douane évalue le matériel de golf.</target>',
      );
    const xliffPath = path.join(dir, `fr-${word}.xlf`);
    await writeFile(xliffPath, translated);

    await page.getByRole('link', { name: 'Import a translated XLIFF file' }).click();
    await heading(page, 'Translation imports').waitFor();
    await page.getByLabel('XLIFF file').setInputFiles(xliffPath);
    await page.getByRole('button', { name: 'Import the translation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The translation has been imported.' })
      .waitFor({ timeout: 60_000 });
    await page.getByText('Translated from English into French.').waitFor();
    await historyRow(page, `fr-${word}.xlf`).getByText('Translation (XLIFF)').waitFor();
    const [text] = await db().query("SELECT title FROM course_translations WHERE course_id = ? AND language = 'fr'", [
      courseId,
    ]);
    expect(text.title).toBe(frenchTitle);

    // A translated package: the course, French, from the English package.
    await page.getByLabel('Search the catalogue').fill(word);
    await page.getByRole('radio', { name: new RegExp(courseTitle) }).check();
    await page.getByLabel('Language of the translation').selectOption('fr');
    const source = page.getByLabel('Translated from', { exact: true });
    await source.locator('option', { hasText: 'English, version 1' }).waitFor({ state: 'attached' });
    await page.getByLabel('Translated package (zip file)').setInputFiles({
      name: `valuation-fr-${word}.zip`,
      mimeType: 'application/zip',
      buffer: readFileSync(PACKAGE),
    });
    await page.getByRole('button', { name: 'Import the translated package' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The translated package has been imported.' })
      .waitFor({ timeout: 60_000 });
    await historyRow(page, `valuation-fr-${word}.zip`).getByText('Translated SCORM package').waitFor();
    const [frenchPackage] = await db().query(
      `SELECT p.id, src.language AS source_language, src.version AS source_version
         FROM course_packages p JOIN course_packages src ON src.id = p.source_package_id
        WHERE p.course_id = ? AND p.language = 'fr'`,
      [courseId],
    );
    expect({ language: frenchPackage.source_language, version: Number(frenchPackage.source_version) }).toEqual({
      language: 'en',
      version: 1,
    });
    const staleTable = page.getByRole('table', { name: 'Translations whose source has changed' });
    await page.getByText('Every translation is up to date.').waitFor();

    // The English source changes: its texts, and a new version of its package.
    await api()
      .patch(`/api/courses/${courseId}`)
      .send({ language: 'en', description: 'How customs value golf clubs and balls.' })
      .expect(200);
    await uploadEnglishPackage(courseId);
    expect((await api().get('/api/translations/stale').expect(200)).body).toEqual([
      expect.objectContaining({ courseId, kind: 'text', language: 'fr', sourceLanguage: 'en' }),
      expect.objectContaining({
        courseId,
        kind: 'package',
        language: 'fr',
        packageId: frenchPackage.id,
        sourceVersion: 1,
        currentSourceVersion: 2,
      }),
    ]);
    const staleSection = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Translations to update' }) });
    await staleSection.getByRole('button', { name: 'Refresh' }).click();
    const textRow = staleTable.getByRole('row').filter({ hasText: 'Catalogue texts' });
    await textRow.getByRole('link', { name: courseTitle, exact: true }).waitFor();
    await textRow.getByText('English texts').waitFor();
    const packageRow = staleTable.getByRole('row').filter({ hasText: 'Package' });
    await packageRow.getByRole('cell', { name: 'English, version 1', exact: true }).waitFor();
    await packageRow.getByRole('cell', { name: 'English, version 2', exact: true }).waitFor();
    await packageRow.getByRole('cell', { name: 'French', exact: true }).waitFor();

    // Import again: the package form, preset with the course and the language.
    await packageRow.getByRole('link', { name: `Import again: ${courseTitle}, French` }).click();
    expect(new URL(page.url()).searchParams.get('course')).toBe(courseId);
    await page
      .getByRole('radio', { name: new RegExp(courseTitle) })
      .and(page.locator(':checked'))
      .waitFor();
    expect(await page.getByLabel('Language of the translation').inputValue()).toBe('fr');
    await source.locator('option:checked', { hasText: 'English, version 2' }).waitFor({ state: 'attached' });

    // The learner's view of the course in French shows the imported title.
    await page.goto(`/courses/${courseId}`);
    await heading(page, courseTitle).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await heading(page, frenchTitle).waitFor();
    await page.locator('.course-description', { hasText: 'Comment la douane évalue le matériel de golf.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Traduction des textes' }).waitFor();
    await page.getByRole('button', { name: 'Exporter les textes en XLIFF' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Licences' })
      .click();
    await heading(page, 'Licences').waitFor();
    await page.getByRole('columnheader', { name: 'Traduction autorisée' }).waitFor();
    // The licence granted above was ended early by the edit test.
    await page.getByText('Terminée', { exact: true }).waitFor();
    await page.getByText('Révision 3', { exact: true }).waitFor();
    await page.getByText(/^Terminée par anticipation le /).waitFor();
    expect(problems.all).toEqual([]);
  });

  it('shows the forbidden page to a non-admin on every licence and import route', async () => {
    const { page, problems } = await open();
    await signIn(page, learner, 'Amina Otieno');
    expect(await nav(page).getByRole('link', { name: 'Licences' }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Imports' }).count()).toBe(0);
    for (const route of [
      '/admin/licences',
      '/admin/imports',
      '/admin/imports?section=licence',
      '/admin/imports?section=translations',
    ]) {
      await page.goto(route);
      await heading(page, 'You do not have access to this page').waitFor();
      expect(
        await page.getByRole('button', { name: /Grant the licence|Import the bundle|Import the translation/ }).count(),
      ).toBe(0);
    }
    expect(problems.all).toEqual([]);
  });
});
