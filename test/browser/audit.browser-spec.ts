import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { appoint, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

type Person = { id: string; email: string; password: string; name: string };

/** The audit trail's page (docs/audit.md) and "Download my data" (docs/privacy.md) in the browser. */
describe('audit trail and personal data in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let admin: Person;
  let coordinator: Person;
  let local: Person;
  let abroad: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('audit-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    // Burundi and Malawi: no other browser suite makes people there.
    const person = async (name: string, role = UserRole.Learner, country: string | null = 'BI'): Promise<Person> => ({
      ...(await createUser(app!, { role, displayName: name, country })),
      name,
    });
    admin = await person('Audit Secretariat', UserRole.Admin, null);
    coordinator = await person('Coord Niyonzima');
    local = await person('Officer Ndayishimiye');
    abroad = await person('Officer Banda', UserRole.Learner, 'MW');
    const adminToken = await login(app, admin.email, admin.password);
    await appoint(app, adminToken, coordinator.id, 'BI');
    for (const target of [local, abroad]) {
      await request(app.getHttpServer())
        .post(`/api/admin/users/${target.id}/suspend`)
        .set('Authorization', `Bearer ${adminToken}`)
        .set('X-Forwarded-For', '198.51.100.7')
        .expect(200);
    }
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
      acceptDownloads: true,
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

  it('the Secretariat filters the trail by action, keeps the filters in the address, and exports it', async () => {
    const { page, problems } = await open();
    await signIn(page, admin);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await heading(page, 'Audit trail').waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('user.suspend');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Entries: 2').waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('user.suspend');
    expect(await page.getByRole('rowheader', { name: 'Account suspended' }).count()).toBe(2);
    await page.getByRole('cell', { name: local.id }).waitFor();
    expect(await page.getByRole('cell', { name: '198.51.100.7' }).count()).toBe(2);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    expect((await download).suggestedFilename()).toBe('audit.csv');
    await page.getByText('The audit trail was downloaded as audit.csv.').waitFor();
    expect(problems.all).toEqual([]);
  });

  it("a coordinator at 390 px sees their country's entries only", async () => {
    const { page, problems } = await open(390);
    await signIn(page, coordinator);
    await page.goto('/admin/audit?action=user.suspend');
    await heading(page, 'Audit trail').waitFor();
    await page.getByText('Entries: 1').waitFor();
    await page.getByRole('cell', { name: local.id }).waitFor();
    expect(await page.getByRole('cell', { name: abroad.id }).count()).toBe(0);
    expect(await fits(page)).toBe(true);
    expect(problems.all).toEqual([]);
  });

  it('a person downloads their data from their profile', async () => {
    const { page, problems } = await open();
    await signIn(page, coordinator);
    await page.goto('/profile');
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    expect((await download).suggestedFilename()).toMatch(/^clearance-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    await page.getByText(/Your data was downloaded as clearance-my-data-/).waitFor();
    expect(problems.all).toEqual([]);
  });
});
