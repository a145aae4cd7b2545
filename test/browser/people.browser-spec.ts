import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { appoint, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

type Person = { id: string; email: string; password: string; name: string };

/** Issue 17 in the browser (docs/people.md): the directory, a person's page, RTCs and their staff. */
describe('people pages in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let admin: Person;
  let coordinator: Person;
  let officer: Person;
  let trainer: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('people-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    // Rwanda: no other browser suite makes people there, so the coordinator's directory holds exactly ours.
    const person = async (name: string, role = UserRole.Learner, country: string | null = 'RW'): Promise<Person> => ({
      ...(await createUser(app!, { role, displayName: name, country })),
      name,
    });
    admin = await person('Secretariat Admin', UserRole.Admin, null);
    coordinator = await person('Coord Kamau');
    officer = await person('Officer Wanjiru');
    trainer = await person('Trainer Diallo', UserRole.Learner, 'CI');
    await person('Officer Abroad', UserRole.Learner, 'TZ');
    await appoint(app, await login(app, admin.email, admin.password), coordinator.id, 'RW');
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    restorePrefix?.();
  });

  const open = async (width = 1280): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL: url,
      locale: 'en-US',
      viewport: { width, height: 800 },
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: await watchForProblems(page) };
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const fits = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  const signIn = async (page: Page, who: Person) => {
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${who.name}`).waitFor();
  };

  it('a coordinator at 390 px finds their officer and marks them as having left the service', async () => {
    const { page, problems } = await open(390);
    await signIn(page, coordinator);
    await page.goto('/admin/users');
    await heading(page, 'People').waitFor();
    await page.getByText('People found: 2').waitFor();
    expect(await page.getByText('Officer Abroad').count()).toBe(0);
    expect(await fits(page)).toBe(true);

    await page.getByLabel('Search', { exact: true }).fill('wanjiru');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('People found: 1').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('wanjiru');
    await page.getByRole('link', { name: 'Officer Wanjiru' }).click();
    await heading(page, 'Officer Wanjiru').waitFor();
    expect(await fits(page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Suspend' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Left the service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Left the service' });
    await dialog.getByText('Officer Wanjiru will be suspended and signed out. Their records are kept.').waitFor();
    await dialog.getByRole('button', { name: 'Left the service' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Officer Wanjiru is recorded as having left the service.' })
      .waitFor();
    await page.getByText('Suspended', { exact: true }).waitFor();
    const [row] = await app!
      .get(DataSource)
      .query<Array<{ status: string }>>('SELECT status FROM users WHERE id = ?', [officer.id]);
    expect(row.status).toBe('suspended');
    expect(problems.all).toEqual([]);
  });

  it('the Secretariat adds an RTC, appoints staff, sees it on the person page', async () => {
    const { page, problems } = await open();
    await signIn(page, admin);
    await page.goto('/admin/rtcs');
    await heading(page, 'Regional Training Centres').waitFor();
    await page.getByText('No RTCs yet.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('RTC Abidjan');
    await page.getByLabel('Country', { exact: true }).selectOption('CI');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('RTC Abidjan has been added.').waitFor();
    const card = page.getByRole('region', { name: /RTC Abidjan/ });
    await card.getByLabel('WCO region').selectOption('WCA');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText('RTC Abidjan has been saved.').waitFor();

    await card.getByLabel('Find a person').fill('Trainer');
    await card.getByRole('button', { name: 'Search' }).click();
    await card.getByLabel('Person', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Appoint' }).click();
    await card.getByText('Trainer Diallo is now staff of RTC Abidjan.').waitFor();
    await card.getByRole('button', { name: 'End the appointment of Trainer Diallo at RTC Abidjan' }).waitFor();

    await page.goto(`/admin/users/${trainer.id}`);
    await heading(page, 'Trainer Diallo').waitFor();
    await page.getByText('Staff of RTC Abidjan').waitFor();
    await page.getByText('RTC staff', { exact: true }).waitFor();

    const me = await request(app!.getHttpServer())
      .get('/api/me')
      .set('Authorization', `Bearer ${await login(app!, trainer.email, trainer.password)}`);
    expect(me.body.roles).toEqual(['rtc_staff']);

    expect(problems.all).toEqual([]);
  });
});
