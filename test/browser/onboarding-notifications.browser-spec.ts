import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { appoint, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

type Person = { id: string; email: string; password: string; name: string };

/** Issue 17 items 3 and 4 in the browser (docs/people.md, docs/notifications.md). */
describe('bulk onboarding and notifications in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let worker: TestWorker | undefined;
  let url: string;
  let browser: Browser | undefined;
  let coordinator: Person;
  const contexts: BrowserContext[] = [];
  const tag = Date.now();

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('onboarding-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    // Burkina Faso: no other browser suite makes people there.
    coordinator = {
      ...(await createUser(app, { country: 'BF', displayName: 'Coord Ouedraogo' })),
      name: 'Coord Ouedraogo',
    };
    await appoint(app, await login(app, admin.email, admin.password), coordinator.id, 'BF');
    // Same PUBLIC_URL as the api: the worker's modules register the same passport strategies in this process.
    worker = await startTestWorker({ SMTP_URL: '', PUBLIC_URL: url });
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await worker?.close();
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

  const signIn = async (page: Page, who: Person) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${who.name}`).waitFor();
  };

  it('a coordinator uploads officers, reads the report, then finds the import in the notifications', async () => {
    const { page, problems } = await open(390);
    await signIn(page, coordinator);
    await page.goto('/coordinator');
    const section = page.getByRole('region', { name: 'Onboard officers from a file' });
    await section.getByLabel('CSV file of officers').setInputFiles({
      name: 'officers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `email;name;job title\nawa-${tag}@douanes.example.bf;Awa Traoré;Agent\nnot-an-address;Nobody;Agent\n` +
          `issa-${tag}@douanes.example.bf;Issa Kaboré;\n`,
      ),
    });
    await section.getByRole('button', { name: 'Upload and create the accounts' }).click();
    await section.getByText('The file has been processed.').waitFor({ timeout: 20_000 });
    await section.getByText('2 accounts created and mailed').waitFor();
    await section.getByText('1 row left out (see below)').waitFor();
    const row = section.getByRole('table', { name: 'Rows left out, by line of the file' }).getByRole('row').nth(1);
    expect(await row.innerText()).toContain('Not a valid e-mail address');
    expect(await row.getByRole('rowheader').innerText()).toBe('3');
    const [{ n }] = await app!
      .get(DataSource)
      .query<Array<{ n: string }>>("SELECT COUNT(*) AS n FROM users WHERE country = 'BF' AND email LIKE ?", [
        `%-${tag}@douanes.example.bf`,
      ]);
    expect(Number(n)).toBe(2);

    // The bell counts the import's notification (it refreshes on focus, and on loading a page).
    await page.reload();
    const bell = page.getByRole('link', { name: 'Notifications: 1 unread' });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('link', { name: 'The import of “officers.csv” is finished.' }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('status').filter({ hasText: '0 unread' }).waitFor();
    await page.getByRole('link', { name: 'Notifications: 0 unread' }).waitFor();
    expect(problems.all).toEqual([]);
  });

  it('on the profile page, a person chooses nothing for group invitations', async () => {
    const { page, problems } = await open();
    await signIn(page, coordinator);
    await page.goto('/profile');
    const group = page.getByRole('group', { name: 'Invitations to groups' });
    await group.getByRole('radio', { name: 'Nothing' }).check();
    const waiting = page.getByRole('group', { name: 'Registrations waiting for review (coordinators)' });
    expect(await waiting.getByRole('radio', { name: 'In the daily digest' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Your choices have been saved.' }).waitFor();
    const rows = await app!
      .get(DataSource)
      .query<Array<{ kind: string; delivery: string }>>(
        'SELECT kind, delivery FROM notification_preferences WHERE user_id = ? ORDER BY kind',
        [coordinator.id],
      );
    expect(rows).toContainEqual({ kind: 'group_invitation', delivery: 'off' });
    expect(problems.all).toEqual([]);
  });
});
