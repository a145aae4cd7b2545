import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ZipFile } from 'yazl';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { DataSource } from 'typeorm';
import { createUser, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { addLaunchablePackage } from '../support/course-packages';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<manifest identifier="hostile" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">' +
  '<organizations/><resources/></manifest>\n';

/**
 * A package with an entry named "../x". yazl refuses such names, so the entry is written as "zz/x"
 * (same length) and the two bytes are patched in both the local and the central header.
 */
async function hostileZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(MANIFEST), 'imsmanifest.xml');
  zip.addBuffer(Buffer.from('<p>outside</p>'), 'zz/x');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  const buffer = Buffer.concat(chunks);
  const placeholder = Buffer.from('zz/x');
  let patched = 0;
  for (let at = buffer.indexOf(placeholder); at !== -1; at = buffer.indexOf(placeholder, at + 1)) {
    buffer.write('..', at, 'latin1');
    patched++;
  }
  if (patched !== 2) {
    throw new Error(`expected the name in 2 headers, found it in ${patched}`);
  }
  return buffer;
}

/** Letters only, so that the search engine sees one word. */
function uniqueLetters(): string {
  return (Date.now() * 1000 + Math.floor(Math.random() * 1000))
    .toString(26)
    .replace(/[0-9]/g, (digit) => 'qrstuvwxyz'[Number(digit)]);
}

describe('catalogue in the browser: courses, search, package imports', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let admin: { email: string; password: string };
  let learner: { email: string; password: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    // Queues of this file's own, set before the server and the worker read it.
    restorePrefix = isolateRedisPrefix('catalogue-browser');
    worker = await startTestWorker({}, [QueueName.Imports]);
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    admin = await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Catalogue Admin' });
    learner = await createUser(app, { displayName: 'Lucie Martin', country: 'SN' });
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

  const word = uniqueLetters();
  const frenchTitle = `Télédéclaration${word} et évaluation en douane`;
  const englishTitle = `Electronic declaration ${word} and customs valuation`;

  it('lets an admin create and publish a course, and a learner find it in French', async () => {
    const { page, problems } = await open();
    await signIn(page, admin, 'Catalogue Admin');
    await page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Catalogue' }).click();
    await page.locator('h1:focus').filter({ hasText: 'Course catalogue' }).waitFor();
    await page.getByRole('link', { name: 'New course' }).click();
    await heading(page, 'New course').waitFor();

    // Nothing filled: the problems are listed and each field says its own.
    await page.getByRole('button', { name: 'Create the course' }).click();
    const summary = page.locator('[role="alert"]:focus');
    await summary.getByRole('link', { name: 'Choose a topic.' }).waitFor();
    await summary.getByRole('link', { name: 'Enter a title in at least one language.' }).waitFor();
    expect(await page.getByLabel('Topic', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    const topic = page.getByLabel('Topic', { exact: true });
    await topic.locator('option', { hasText: 'Customs Valuation' }).waitFor({ state: 'attached' });
    await topic.selectOption({ label: 'Customs Valuation' });
    await page.getByLabel('Estimated time in hours (optional)').fill('6,5');
    await page.getByLabel('Title in English', { exact: true }).fill(englishTitle);
    await page.getByLabel('Description in English', { exact: true }).fill('Filing declarations online.');
    await page.getByLabel('Title in French', { exact: true }).fill(frenchTitle);
    await page
      .getByLabel('Description in French', { exact: true })
      .fill('La déclaration en ligne des marchandises et leur valeur en douane.');
    await page.getByRole('button', { name: 'Create the course' }).click();

    await heading(page, englishTitle).waitFor();
    const courseUrl = new URL(page.url()).pathname;
    expect(courseUrl).toMatch(/^\/courses\/[0-9a-f-]{36}$/);
    await page.getByText('This course is: Draft').waitFor();
    // Publishing asks first when texts are missing, with what is missing.
    const publish = async () => {
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      const checklist = page.getByRole('dialog', { name: 'Publish before it is complete?' });
      await checklist.getByRole('listitem').filter({ hasText: 'a title and description in Spanish' }).waitFor();
      expect(await checklist.getByRole('listitem').count()).toBe(1);
      await checklist.getByRole('button', { name: 'Publish anyway' }).click();
      await checklist.waitFor({ state: 'hidden' });
    };
    await publish();
    // Nothing to launch yet: the server refuses.
    await page
      .getByText('This course has nothing to launch yet: upload a SCORM package before publishing it.')
      .waitFor();
    await page.getByText('This course is: Draft').waitFor();
    expect(problems.all.filter((problem) => !problem.includes('409'))).toEqual([]);
    problems.all.splice(0);
    await addLaunchablePackage(app!.get(DataSource), courseUrl.split('/').pop()!, 'en');
    await publish();
    await page.getByRole('status').filter({ hasText: 'The course is now published: learners can find it.' }).waitFor();
    await page.getByText('This course is: Published').waitFor();

    // Archiving asks first; Cancel changes nothing.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive this course?' });
    await dialog.getByText(`Learners will no longer find ${englishTitle}`).waitFor();
    await page.locator('dialog button:focus', { hasText: 'Cancel' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('This course is: Published').waitFor();
    expect(problems.all).toEqual([]);

    // The learner, in French, finds it with a word typed without its accents.
    const reader = await open();
    const learnerPage = reader.page;
    await signIn(learnerPage, learner, 'Lucie Martin');
    await learnerPage.getByLabel('Language', { exact: true }).selectOption('fr');
    await learnerPage.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    const nav = learnerPage.getByRole('navigation', { name: 'Navigation principale', exact: true });
    expect(await nav.getByRole('link', { name: 'Importations' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Catalogue' }).click();
    await heading(learnerPage, 'Catalogue des cours').waitFor();
    expect(await learnerPage.getByRole('link', { name: 'Nouveau cours' }).count()).toBe(0);
    expect(await learnerPage.getByLabel('Statut', { exact: true }).count()).toBe(0);

    const search = learnerPage.getByRole('searchbox', { name: 'Rechercher des cours' });
    await search.fill(`teledeclaration${word}`);
    await search.press('Enter');
    const count = learnerPage.getByRole('status').filter({ hasText: /^Cours trouvés\s:\s1$/ });
    await count.waitFor();
    const results = learnerPage.getByRole('list', { name: 'Cours' });
    const card = results.getByRole('listitem').filter({ hasText: frenchTitle });
    await card.getByText('Évaluation en douane', { exact: true }).waitFor();
    await card.getByText('6,5 h').waitFor();
    await card.getByText('La déclaration en ligne des marchandises').waitFor();

    // Another topic: nothing; back to this one: found again.
    const topicFilter = learnerPage.getByLabel('Thème', { exact: true });
    await topicFilter.selectOption('integrity');
    await learnerPage
      .getByRole('status')
      .filter({ hasText: /^Cours trouvés\s:\s0$/ })
      .waitFor();
    await learnerPage.getByText('Aucun cours ne correspond à votre recherche.').waitFor();
    await topicFilter.selectOption({ label: 'Évaluation en douane' });
    await count.waitFor();

    await card.getByRole('link', { name: frenchTitle }).click();
    await learnerPage.locator('h1:focus').filter({ hasText: frenchTitle }).waitFor();
    expect(new URL(learnerPage.url()).pathname).toBe(courseUrl);
    await learnerPage.getByText('La déclaration en ligne des marchandises et leur valeur en douane.').waitFor();
    // Its (seeded) package makes it launchable (the player's own test launches courses).
    await learnerPage.getByRole('button', { name: 'Commencer', exact: true }).waitFor();
    expect(await learnerPage.getByRole('button', { name: 'Publier' }).count()).toBe(0);

    // Back: the search is still there.
    await learnerPage.goBack();
    await count.waitFor();
    expect(await search.inputValue()).toBe(`teledeclaration${word}`);
    expect(reader.problems.all).toEqual([]);
  });

  it('uploads a package with its progress, links to the new course, and explains a refused one', async () => {
    const { page, problems } = await open();
    await signIn(page, admin, 'Catalogue Admin');
    await page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Imports' }).click();
    await page.locator('h1:focus').filter({ hasText: 'Package imports' }).waitFor();

    const packageFile = await writePackage(scorm12Bookmark(), { name: `valuation-${word}.zip` });
    await page.getByLabel('Package (zip file)').setInputFiles(packageFile);
    await page.getByLabel('Language of the package').selectOption('en');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    await page.getByRole('status').filter({ hasText: 'The package has been imported.' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: 'Upload' }).getAttribute('value')).toBe('100');
    expect(await page.getByRole('progressbar', { name: 'Import' }).getAttribute('value')).toBe('100');
    await page.getByRole('status').filter({ hasText: 'The file has been uploaded.' }).waitFor();

    const history = page.getByRole('table', { name: 'Imports, most recent first' });
    const done = history
      .getByRole('row')
      .filter({ hasText: `valuation-${word}.zip` })
      .filter({ hasText: 'Completed' })
      .first();
    await done.waitFor();
    await done.getByText('100%').waitFor();
    const openCourse = page.locator('.upload-result').getByRole('link', { name: 'Open the course' });
    const courseLink = await openCourse.getAttribute('href');
    expect(courseLink).toMatch(/^\/courses\/[0-9a-f-]{36}$/);

    // A hostile package: refused by the worker, with the reason.
    await page.getByRole('button', { name: 'Upload another package' }).click();
    await page.getByLabel('Package (zip file)').setInputFiles({
      name: `hostile-${word}.zip`,
      mimeType: 'application/zip',
      buffer: await hostileZip(),
    });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const alert = page.locator('[role="alert"]').filter({ hasText: 'The import failed.' });
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByText('Entry "../x" points outside the package folder').waitFor();
    await history
      .getByRole('row')
      .filter({ hasText: `hostile-${word}.zip` })
      .getByText('Failed')
      .waitFor();

    // The imported course, with the package's SCO.
    await page.goto(courseLink!);
    await heading(page, /./).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Packages' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /^English, version/ }).waitFor();
    await page.getByText('SCO', { exact: true }).first().waitFor();
    await page.getByText('This course is: Draft').waitFor();

    expect(problems.all).toEqual([]);
  });
});
