import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { createUser, startTestServer, type TestApp } from '../support/app';
import { WEB_DIST, assertWebAppBuilt, launchBrowser, watchForProblems } from './support/browser';

const FIRST_PAGE_JS_BUDGET = 150 * 1024;

describe('web shell', () => {
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    assertWebAppBuilt();
    // No resetDatabase here: browser test files run in parallel on one database, and each test
    // creates the accounts it needs with addresses of its own.
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ baseURL: url, locale: 'en-US' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const nav = (label: string) => page.getByRole('navigation', { name: label, exact: true });
  const htmlLang = (language: string) => page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });

  it('shows the shell in English, switches to French and Spanish, and remembers the choice', async () => {
    await page.goto('/');
    await heading('Learning for customs administrations').waitFor();
    await page.getByRole('banner').waitFor();
    await page.getByRole('main').waitFor();
    await page.getByRole('contentinfo').waitFor();
    await nav('Main').getByRole('link', { name: 'My learning' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Clearance' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Home · Clearance');

    const options = page.getByLabel('Language', { exact: true }).locator('option');
    expect(await options.allTextContents()).toEqual(['English', 'Français', 'Español']);
    for (const [index, language] of ['en', 'fr', 'es'].entries()) {
      expect(await options.nth(index).getAttribute('lang')).toBe(language);
    }

    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await htmlLang('fr');
    await nav('Navigation principale').getByRole('link', { name: 'Mes formations' }).waitFor();
    await heading('La formation au service des administrations douanières').waitFor();
    await page.waitForFunction(`document.title === 'Accueil · Clearance'`);

    await page.getByLabel('Langue', { exact: true }).selectOption('es');
    await htmlLang('es');
    await nav('Navegación principal').getByRole('link', { name: 'Mi aprendizaje' }).waitFor();
    await heading('Formación para las administraciones aduaneras').waitFor();
    await page.getByRole('contentinfo').getByText('Software libre').waitFor();

    await page.reload();
    await htmlLang('es');
    await heading('Formación para las administraciones aduaneras').waitFor();
    await nav('Navegación principal').getByRole('link', { name: 'Planes de estudio' }).waitFor();
    expect(await page.getByLabel('Idioma', { exact: true }).inputValue()).toBe('es');
    expect(await page.title()).toBe('Inicio · Clearance');
  });

  it('starts in the browser language when nothing was chosen yet', async () => {
    const french = await browser!.newContext({ baseURL: url, locale: 'fr-FR' });
    try {
      const frenchPage = await french.newPage();
      await frenchPage.goto('/sign-in');
      await frenchPage.getByRole('heading', { level: 1, name: 'Se connecter à Clearance' }).waitFor();
      expect(await frenchPage.locator('html').getAttribute('lang')).toBe('fr');
    } finally {
      await french.close();
    }
  });

  it('is usable from the keyboard: skip link first, focus on the new page heading after navigation', async () => {
    await page.goto('/');
    await heading('Learning for customs administrations').waitFor();

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    expect(await focused.getAttribute('href')).toBe('#main');
    const box = await focused.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);

    await page.keyboard.press('Enter');
    await page.locator('main#main:focus').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Browse the catalogue');

    await page.keyboard.press('Enter');
    await page.locator('h1:focus').filter({ hasText: 'Course catalogue' }).waitFor();
    expect(await page.title()).toBe('Catalogue · Clearance');
    expect(new URL(page.url()).pathname).toBe('/catalogue');
    expect(await nav('Main').getByRole('link', { name: 'Catalogue' }).getAttribute('aria-current')).toBe('page');
  });

  it('fits a 360 px wide phone without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await heading('Learning for customs administrations').waitFor();
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.goto('/sign-in');
    await heading('Sign in to Clearance').waitFor();
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  it('signs in with the form, shows the user in the header, and signs out', async () => {
    const user = await createUser(app!, { displayName: 'Amina Wanjiru' });
    await page.goto('/sign-in');
    await heading('Sign in to Clearance').waitFor();
    expect(await page.title()).toBe('Sign in · Clearance');
    const email = page.getByLabel('Email address', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    expect(await email.getAttribute('autocomplete')).toBe('username');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');

    await email.fill(user.email);
    await password.fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const banner = page.getByRole('banner');
    await banner.getByText('Signed in as Amina Wanjiru').waitFor();
    await heading('Welcome, Amina Wanjiru').waitFor();
    // The access token lives in memory only.
    const storage = await page.evaluate<string>(
      'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])',
    );
    expect(storage).not.toMatch(/eyJ/);

    // Signing out on a page anyone may see keeps it, with focus on the sign-in link that replaces the button.
    await page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Catalogue' }).click();
    await heading('Course catalogue').waitFor();
    await banner.getByRole('button', { name: 'Sign out' }).click();
    await banner.getByRole('link', { name: 'Sign in' }).and(page.locator(':focus')).waitFor();
    expect(await banner.getByText('Amina Wanjiru').count()).toBe(0);
    // Signed out on the home, the person's home becomes the visitors' page, whose heading gets focus.
    await banner.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Welcome, Amina Wanjiru').waitFor();
    await banner.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('h1:focus').filter({ hasText: 'Learning for customs administrations' }).waitFor();
  });

  it('announces a wrong password, translated, and moves focus to the message', async () => {
    const user = await createUser(app!);
    await page.goto('/sign-in');
    await heading('Sign in to Clearance').waitFor();

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter your email address.' }).waitFor();

    await page.getByLabel('Email address', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'The email address or password is incorrect.' }).waitFor();
    await page.locator('[role="alert"]:focus').waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await htmlLang('fr');
    await alert.filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill('toujours pas le bon');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page
      .locator('[role="alert"]:focus')
      .filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' })
      .waitFor();
    expect(
      await page
        .getByRole('banner')
        .getByText(/Connecté en tant que/)
        .count(),
    ).toBe(0);
  });

  it('explains every sign-in refusal by its API code', async () => {
    // Consecutive answers differ in wording, so each wait below sees the new message.
    const answers: [status: number, code: string | undefined, message: string, retryAfter?: string][] = [
      [403, 'ACCOUNT_UNVERIFIED', 'Please confirm your email address first'],
      [403, 'ACCOUNT_REJECTED', 'Your registration was not approved.'],
      [403, 'ACCOUNT_SUSPENDED', 'Your account is suspended.'],
      [400, 'VALIDATION_FAILED', 'Check that the email address is valid'],
      [429, 'TOO_MANY_REQUESTS', 'Too many sign-in attempts. Wait 2 minutes, then try again.', '120'],
      [429, 'TOO_MANY_REQUESTS', 'Too many sign-in attempts. Wait a few minutes'],
      [500, 'INTERNAL_ERROR', 'Something went wrong while signing you in.'],
      [429, undefined, 'Too many sign-in attempts.'],
      [418, 'SOMETHING_NEW', 'Something went wrong while signing you in.'],
    ];
    let answer = answers[0];
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: answer[0],
        contentType: 'application/json',
        headers: answer[3] ? { 'Retry-After': answer[3] } : {},
        body: JSON.stringify({ statusCode: answer[0], error: 'Refused', message: 'server wording', code: answer[1] }),
      }),
    );
    await page.goto('/sign-in');
    await heading('Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill('officer@customs.example');
    for (const current of answers) {
      answer = current;
      await page.getByLabel('Password', { exact: true }).fill('whatever it is');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.locator('[role="alert"]:focus').filter({ hasText: current[2] }).waitFor();
    }

    await page.unroute('**/api/auth/login');
    await page.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
    await page.getByLabel('Password', { exact: true }).fill('whatever it is');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Clearance could not be reached.' }).waitFor();

    // A registration still awaiting approval is explained on a page of its own.
    await page.unroute('**/api/auth/login');
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 403, error: 'Forbidden', message: 'pending', code: 'ACCOUNT_PENDING' }),
      }),
    );
    await page.getByLabel('Password', { exact: true }).fill('whatever it is');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Your registration is awaiting approval').waitFor();
    expect(new URL(page.url()).pathname).toBe('/awaiting-approval');
    await page.locator('h1:focus').waitFor();
  });

  it('loads pages without console errors or Content-Security-Policy violations', async () => {
    const problems = await watchForProblems(page);

    const first = await page.goto('/');
    // The pages are checked under the api's real, strict policy.
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self';style-src 'self'");
    await heading('Learning for customs administrations').waitFor();
    await nav('Main').getByRole('link', { name: 'Groups' }).click();
    await heading('Groups').waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await heading('Grupos').waitFor();
    await page.getByLabel('Idioma', { exact: true }).selectOption('en');
    await heading('Groups').waitFor();

    for (const [route, title] of [
      ['/sign-in', 'Sign in to Clearance'],
      ['/register', 'Create an account'],
      ['/catalogue', 'Course catalogue'],
      ['/my-learning', 'My learning'],
      ['/curricula', 'Training curricula'],
      ['/no/such/page', 'Page not found'],
    ]) {
      const response = await page.goto(route);
      expect(response?.status()).toBe(200);
      await heading(title).waitFor();
    }
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await heading('Learning for customs administrations').waitFor();

    expect(problems.all).toEqual([]);
  });

  it('keeps the first page under 150 KB of gzipped JavaScript, in one language only', async () => {
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(response);
      }
    });
    await page.goto('/', { waitUntil: 'load' });
    await heading('Learning for customs administrations').waitFor();

    // Everything index.html references must be among what the browser fetched.
    const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    const referenced = [
      ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
    ].map((match) => match[1]);
    const loaded = scripts.map((response) => new URL(response.url()).pathname);
    expect(referenced.length).toBeGreaterThan(0);
    expect(loaded).toEqual(expect.arrayContaining(referenced));
    expect(loaded.filter((file) => /\/assets\/(fr|es)-[^/]*\.js$/.test(file))).toEqual([]);

    let gzipped = 0;
    let raw = 0;
    for (const response of scripts) {
      const body = await response.body();
      raw += body.length;
      gzipped += gzipSync(body).length;
    }
    console.log(
      `first page JS: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped ` +
        `(budget ${FIRST_PAGE_JS_BUDGET / 1024} KB)\n  ${loaded.join('\n  ')}`,
    );
    expect(gzipped).toBeLessThan(FIRST_PAGE_JS_BUDGET);
  });
});
