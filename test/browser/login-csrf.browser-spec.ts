import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createUser, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser } from './support/browser';

/**
 * Login CSRF as the security test showed it in Chromium (docs/security.md): a page on another origin
 * signs the victim's browser into the attacker's account, by an HTML form or a "simple" fetch. Now
 * neither leaves a cookie or starts a session, while the app's own sign-in page still works.
 */
describe('login CSRF in Chromium: a foreign page cannot sign the browser in', () => {
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let evil: Server | undefined;
  let evilOrigin: string;
  let attacker: { id: string; email: string; password: string };
  const contexts: BrowserContext[] = [];

  /** The attacker's site: pages whose markup the test chooses. */
  const pages = new Map<string, string>();

  const sessionsOf = async (userId: string): Promise<number> =>
    Number(
      (
        await app!
          .get(DataSource)
          .query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM auth_sessions WHERE user_id = ?', [userId])
      )[0].n,
    );

  const open = async () => {
    const context = await browser!.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() } });
    contexts.push(context);
    return { context, page: await context.newPage() };
  };

  /** Every cookie the browser holds for the app, whatever its path (the refresh cookie's is /api/auth). */
  const appCookies = async (context: BrowserContext) =>
    (await context.cookies()).filter((cookie) => cookie.domain === new URL(url).hostname).map((cookie) => cookie.name);

  beforeAll(async () => {
    assertWebAppBuilt();
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    attacker = await createUser(app, { displayName: 'Attacker' });
    evil = createServer((request, response) => {
      const body = pages.get(request.url ?? '') ?? 'not found';
      response.writeHead(pages.has(request.url ?? '') ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(body);
    });
    await new Promise<void>((resolve) => evil!.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => evil?.close(resolve));
  });

  it('an auto-submitted form on another site: 403, no cookie in the browser, no session', async () => {
    const login = `${url}/api/auth/login`;
    pages.set(
      '/form',
      `<!doctype html><form id="f" method="POST" action="${login}">
        <input name="email" value="${attacker.email}"><input name="password" value="${attacker.password}">
      </form><script>document.getElementById('f').submit()</script>`,
    );
    const { context, page } = await open();
    const answered = page.waitForResponse((response) => response.url() === login);
    await page.goto(`${evilOrigin}/form`);
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('CROSS_SITE_REQUEST');
    expect(await appCookies(context)).toEqual([]);
    expect(await sessionsOf(attacker.id)).toBe(0);
  });

  it('a text/plain form and a no-cors fetch with credentials from another site: refused, no cookie, no session', async () => {
    const login = `${url}/api/auth/login`;
    const json = JSON.stringify({ email: attacker.email, password: attacker.password });
    pages.set(
      '/fetch',
      `<!doctype html><script>
        fetch(${JSON.stringify(login)}, { method: 'POST', mode: 'no-cors', credentials: 'include',
          headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(json)} })
          .then(() => { document.title = 'sent'; }, () => { document.title = 'sent'; });
      </script>`,
    );
    // The classic JSON-in-a-text/plain-form trick: the body reads {"email":…,"password":…,"x":"="}.
    const name = json.slice(0, -1) + ',"x":"';
    pages.set(
      '/text-form',
      `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${login}">
        <input name='${name}' value='"}'></form><script>document.getElementById('f').submit()</script>`,
    );
    const { context, page } = await open();
    let sent = 0;
    const statuses: number[] = [];
    page.on('request', (request) => {
      if (request.url() === login) {
        sent++;
      }
    });
    page.on('response', (response) => {
      if (response.url() === login) {
        statuses.push(response.status());
      }
    });
    await page.goto(`${evilOrigin}/fetch`);
    await page.waitForFunction("document.title === 'sent'");
    const formAnswered = page.waitForResponse((response) => response.url() === login);
    await page.goto(`${evilOrigin}/text-form`);
    await formAnswered;
    expect(sent).toBe(2);
    // Chromium reports no response for the opaque no-cors fetch; what it does report is refused.
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 403)).toBe(true);
    expect(await appCookies(context)).toEqual([]);
    expect(await sessionsOf(attacker.id)).toBe(0);
  });

  it('the app’s own sign-in page still signs in, leaving the refresh and device cookies', async () => {
    const { context, page } = await open();
    await page.goto(`${url}/sign-in`);
    await page.getByLabel('Email address', { exact: true }).fill(attacker.email);
    await page.getByLabel('Password', { exact: true }).fill(attacker.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText('Signed in as Attacker').waitFor();
    expect((await appCookies(context)).sort()).toEqual(['clearance_device', 'clearance_refresh']);
    expect(await sessionsOf(attacker.id)).toBe(1);
  });
});
