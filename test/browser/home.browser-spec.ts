import type { Browser, BrowserContext, Page } from 'playwright-core';
import { UserRole, UserStatus } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { createUser, nextClientIp, type TestApp } from '../support/app';
import { addLaunchablePackage } from '../support/course-packages';
import { scorm12Bookmark, scorm12MultiSco, scorm2004Single, writePackage } from '../support/scorm-packages';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { DataSource } from 'typeorm';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';
import { appRequest, importCourse, loginAt, startPlayerServer } from './support/player';

/** A SCORM 1.2 commit as scorm-again sends it. */
const cmi12 = (lessonStatus: string) => ({
  cmi: {
    suspend_data: '',
    launch_data: '',
    comments: '',
    core: { lesson_location: '', lesson_status: lessonStatus, exit: '', session_time: '00:01:00', score: {} },
    objectives: {},
    interactions: {},
  },
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Texts that would show if a key of these pages had no translation (i18next shows the key). */
const KEY_LEAK = /\b(roleHome|myLearningPage|publicCatalogue|publishing|learning|catalogue|course)\.[A-Za-z]/;

describe('a home per role, My learning, catalogue states and the public catalogue', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let appOrigin: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let learner: { email: string; password: string };
  let coordinator: { email: string; password: string };
  const titles = {
    progress: 'Risk management in parts',
    // Other suites share the run's database (the reports suite has a 'Valuation basics'): titles of
    // their own, and the catalogue searched for each, since page 1 may hold other suites' courses.
    done: 'Valuation essentials',
    fresh: 'Post-clearance audit',
    draft: 'Unpublished draft course',
  };
  const ids: Record<keyof typeof titles, string> = { progress: '', done: '', fresh: '', draft: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('home-browser');
    worker = await startTestWorker({}, [QueueName.Imports]);
    ({ app, appOrigin } = await startPlayerServer());
    browser = await launchBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Home Admin' });
    const adminToken = await loginAt(app, admin.email, admin.password, nextClientIp());
    const as = (token: string) => ({
      patch: (path: string, body: object) =>
        appRequest(app!).patch(path).auth(token, { type: 'bearer' }).send(body).expect(200),
    });

    ids.progress = await importCourse(app, adminToken, await writePackage(scorm12MultiSco({ scos: 3 })), 'multi.zip');
    ids.done = await importCourse(app, adminToken, await writePackage(scorm12Bookmark()), 'bookmark.zip');
    ids.fresh = await importCourse(app, adminToken, await writePackage(scorm2004Single()), 'single.zip');
    const texts: Record<keyof typeof titles, { fr: string; es: string }> = {
      progress: { fr: 'Gestion des risques en plusieurs parties', es: 'Gestión de riesgos por partes' },
      done: { fr: 'Les bases de la valeur', es: 'Nociones de valoración' },
      fresh: { fr: 'Contrôle a posteriori', es: 'Auditoría posterior al despacho' },
      draft: { fr: 'Brouillon', es: 'Borrador' },
    };
    const created = await appRequest(app)
      .post('/api/courses')
      .auth(adminToken, { type: 'bearer' })
      .send({ topic: 'tir', texts: [{ language: 'en', title: titles.draft, description: 'Not for anyone yet.' }] })
      .expect(201);
    ids.draft = (created.body as { id: string }).id;
    // A draft with a package: only its status keeps it from visitors.
    await addLaunchablePackage(app.get(DataSource), ids.draft, 'en');
    for (const key of Object.keys(titles) as Array<keyof typeof titles>) {
      await as(adminToken).patch(`/api/courses/${ids[key]}`, {
        language: 'en',
        title: titles[key],
        description: `About ${titles[key]}.`,
        topic: 'customs-valuation',
      });
      for (const language of ['fr', 'es'] as const) {
        await as(adminToken).patch(`/api/courses/${ids[key]}`, {
          language,
          title: texts[key][language],
          description: `${texts[key][language]}.`,
        });
      }
    }

    // The learner: one part of three done in one course, another course completed.
    const account = await createUser(app, { displayName: 'Amina Odhiambo', country: 'KE' });
    learner = account;
    const token = await loginAt(app, account.email, account.password, nextClientIp());
    const launch = async (courseId: string, itemId?: string) =>
      (
        await appRequest(app!)
          .post(`/api/courses/${courseId}/launch`)
          .auth(token, { type: 'bearer' })
          .send(itemId ? { itemId } : {})
          .expect(200)
      ).body as { commitUrl: string };
    const commit = async (launched: { commitUrl: string }, status: string) => {
      const url = new URL(launched.commitUrl);
      await appRequest(app!)
        .post(`${url.pathname}${url.search}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(cmi12(status)))
        .expect(200);
    };
    await commit(await launch(ids.progress, 'part_1'), 'completed');
    await commit(await launch(ids.done), 'completed');

    // A coordinator of Kenya with two registrations waiting there, and one elsewhere that is not theirs.
    const coordinatorAccount = await createUser(app, { displayName: 'Joseph Mwangi', country: 'KE' });
    coordinator = coordinatorAccount;
    await appRequest(app)
      .post('/api/admin/coordinators')
      .auth(adminToken, { type: 'bearer' })
      .send({ userId: coordinatorAccount.id, country: 'KE' })
      .expect(201);
    for (const country of ['KE', 'KE', 'GH']) {
      await createUser(app, { status: UserStatus.Pending, country });
    }
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    await worker?.close();
    restorePrefix?.();
  });

  const open = async (
    viewport: { width: number; height: number } = VIEWPORTS[0],
  ): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL: appOrigin,
      locale: 'en-US',
      viewport,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: await watchForProblems(page) };
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  const signIn = async (page: Page, who: { email: string; password: string }, name: string) => {
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
  };

  const switchLanguage = async (page: Page, label: string, language: string) => {
    await page.getByLabel(label, { exact: true }).selectOption(language);
    await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  };

  it.each(VIEWPORTS)('signing in lands on the learner’s home with Resume ($name)', async (viewport) => {
    const { page, problems } = await open(viewport);
    await signIn(page, learner, 'Amina Odhiambo');
    expect(new URL(page.url()).pathname).toBe('/');
    await heading(page, 'Welcome, Amina Odhiambo').waitFor();
    expect(await page.getByRole('heading', { name: 'Learning for customs administrations' }).count()).toBe(0);
    const continuing = page.locator('section.home-continue');
    await continuing.getByRole('link', { name: titles.progress, exact: true }).waitFor();
    await continuing.getByText('1 of 3 parts done').waitFor();
    const completed = page.getByRole('region', { name: 'Completed courses' });
    await completed.getByRole('link', { name: titles.done, exact: true }).waitFor();
    expect(await fitsWidth(page)).toBe(true);

    await continuing.getByRole('button', { name: `Resume ${titles.progress}` }).click();
    await page.waitForURL(/\/play\/[0-9a-f-]{36}$/);
    expect(problems.all).toEqual([]);
  });

  it.each(VIEWPORTS)(
    'My learning works in English, French and Spanish with filters in the address ($name)',
    async (viewport) => {
      const { page, problems } = await open(viewport);
      await signIn(page, learner, 'Amina Odhiambo');
      await page
        .getByRole('navigation', { name: 'Main', exact: true })
        .getByRole('link', { name: 'My learning' })
        .click();
      await heading(page, 'My learning').waitFor();

      const card = (title: string) =>
        page.locator('section.learning-course').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
      await card(titles.progress).getByText('1 of 3 parts done').waitFor();
      await card(titles.progress)
        .getByRole('button', { name: `Resume ${titles.progress}` })
        .waitFor();
      await card(titles.done)
        .getByRole('button', { name: `Review ${titles.done}` })
        .waitFor();
      // The completed course earned a certificate: it can be downloaded from here.
      await card(titles.done)
        .getByRole('button', { name: `Download the certificate of ${titles.done} (PDF)` })
        .waitFor();
      expect(
        await card(titles.progress)
          .getByRole('button', { name: /certificate/ })
          .count(),
      ).toBe(0);

      await page.getByRole('button', { name: 'Completed (1)' }).click();
      await page.waitForURL(/\/my-learning\?state=completed$/);
      await card(titles.done).waitFor();
      expect(await card(titles.progress).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Completed (1)' }).getAttribute('aria-pressed')).toBe('true');
      // The filter survives a reload: it lives in the address.
      await page.reload();
      await card(titles.done).waitFor();
      expect(await card(titles.progress).count()).toBe(0);
      await page.getByRole('button', { name: 'All (2)' }).click();
      await card(titles.progress).waitFor();
      expect(await fitsWidth(page)).toBe(true);

      const expected = {
        fr: {
          heading: 'Mes formations',
          progress: 'Gestion des risques en plusieurs parties',
          resume: 'Reprendre',
          filter: 'En cours (1)',
          parts: '1 sur 3 parties terminées',
        },
        es: {
          heading: 'Mi aprendizaje',
          progress: 'Gestión de riesgos por partes',
          resume: 'Reanudar',
          filter: 'En curso (1)',
          parts: '1 de 3 partes terminadas',
        },
      };
      await switchLanguage(page, 'Language', 'fr');
      await heading(page, expected.fr.heading).waitFor();
      await card(expected.fr.progress)
        .getByRole('button', { name: `${expected.fr.resume} ${expected.fr.progress}` })
        .waitFor();
      await page.getByRole('button', { name: expected.fr.filter }).click();
      await page.waitForURL(/\/my-learning\?state=inProgress$/);
      expect(await card('Les bases de la valeur').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(KEY_LEAK);
      await switchLanguage(page, 'Langue', 'es');
      await heading(page, expected.es.heading).waitFor();
      await card(expected.es.progress)
        .getByRole('button', { name: `${expected.es.resume} ${expected.es.progress}` })
        .waitFor();
      await page.getByRole('button', { name: expected.es.filter }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(KEY_LEAK);
      expect(await fitsWidth(page)).toBe(true);
      await switchLanguage(page, 'Idioma', 'en');
      await heading(page, 'My learning').waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(KEY_LEAK);
      expect(problems.all).toEqual([]);
    },
  );

  it('catalogue cards show where the learner stands in each course', async () => {
    const { page, problems } = await open();
    await signIn(page, learner, 'Amina Odhiambo');
    const stateOf = async (title: string) => {
      await page.goto(`/catalogue?q=${encodeURIComponent(title)}`);
      await heading(page, 'Course catalogue').waitFor();
      const card = page.locator('li.course-card').filter({ has: page.getByRole('link', { name: title, exact: true }) });
      await card.waitFor();
      return card.locator('.course-card-state').innerText();
    };
    expect(await stateOf(titles.progress)).toBe('In progress');
    expect(await stateOf(titles.done)).toBe('Completed');
    expect(await stateOf(titles.fresh)).toBe('Not started');
    expect(problems.all).toEqual([]);
  });

  it.each(VIEWPORTS)(
    'anonymous visitors browse the published catalogue and are asked to sign in to start ($name)',
    async (viewport) => {
      const { page } = await open(viewport);
      await page.goto('/catalogue');
      await heading(page, 'Course catalogue').waitFor();
      await page.getByText('Anyone may browse the catalogue; sign in to start a course.').waitFor();
      const list = page.getByRole('list', { name: 'Courses', exact: true });
      for (const key of ['progress', 'done', 'fresh'] as const) {
        await page.goto(`/catalogue?q=${encodeURIComponent(titles[key])}`);
        await list.getByRole('link', { name: titles[key], exact: true }).waitFor();
      }
      expect(await page.getByText(titles.draft).count()).toBe(0);
      // A visitor has no state to show.
      expect(await page.locator('.course-card-state').count()).toBe(0);
      expect(await fitsWidth(page)).toBe(true);

      await list.getByRole('link', { name: titles.fresh, exact: true }).click();
      await heading(page, titles.fresh).waitFor();
      await page.getByText(`About ${titles.fresh}.`).waitFor();
      await page.getByRole('link', { name: 'Sign in to start' }).click();
      await heading(page, 'Sign in to Clearance').waitFor();
      await page.getByLabel('Email address', { exact: true }).fill(learner.email);
      await page.getByLabel('Password', { exact: true }).fill(learner.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      // Back on the course, now with its start button.
      await heading(page, titles.fresh).waitFor();
      await page.getByRole('button', { name: 'Start', exact: true }).waitFor();

      // A draft's page answers a visitor like a missing one.
      const visitor = await open(viewport);
      await visitor.page.goto(`/courses/${ids.draft}`);
      await visitor.page.getByText('This course does not exist, or is not available to you.').waitFor();
    },
  );

  it('a coordinator lands on a home with the registrations waiting, counted in the header', async () => {
    const { page, problems } = await open(VIEWPORTS[1]);
    await signIn(page, coordinator, 'Joseph Mwangi');
    await heading(page, 'Welcome, Joseph Mwangi').waitFor();
    // Only Kenya's two: the one waiting in Ghana is not this coordinator's.
    await page.getByText('2 registrations are waiting for your decision.').waitFor();
    const badge = page.locator('[data-field="registrations-badge"]');
    expect(await badge.innerText()).toBe('2');
    await page
      .getByRole('navigation', { name: 'Main', exact: true })
      .getByRole('link', { name: 'Registrations 2 waiting', exact: true })
      .waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(problems.all).toEqual([]);
  });
});
