import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Certificate, checkSymbol, formatVerificationCode, generateVerificationCode } from '@app/certificates';
import { createUser, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

describe('certificate verify page', () => {
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let code: string;
  let problems: PageProblems;

  beforeAll(async () => {
    assertWebAppBuilt();
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    const user = await createUser(app);
    code = generateVerificationCode();
    await app
      .get(DataSource)
      .getRepository(Certificate)
      .insert({
        id: randomUUID(),
        userId: user.id,
        courseId: randomUUID(),
        sequence: 1,
        code,
        learnerName: 'Amina أمينة Odhiambo',
        courseTitle: 'Rules of origin',
        language: 'en',
        scoreScaled: null,
        assessed: false,
        completedAt: new Date('2026-12-01T10:00:00Z'),
        issuedAt: new Date('2026-12-01T10:00:01Z'),
      });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ baseURL: url, locale: 'en-US' });
    page = await context.newPage();
    problems = await watchForProblems(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  const heading = (level: number, name: string) => page.getByRole('heading', { level, name, exact: true });

  it('shows a valid certificate in English, French and Spanish, and says plainly when a code is mistyped', async () => {
    await page.goto(`/verify/${encodeURIComponent(formatVerificationCode(code))}`);
    await heading(1, 'Check a certificate').waitFor();
    await heading(2, 'Valid certificate').waitFor();
    await page.getByText('Amina أمينة Odhiambo').waitFor();
    await page.getByText('Rules of origin').waitFor();
    expect(await page.title()).toContain('Certificate verification');

    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await heading(1, 'Vérifier un certificat').waitFor();
    await heading(2, 'Certificat valide').waitFor();
    await page.getByLabel('Langue', { exact: true }).selectOption('es');
    await heading(1, 'Comprobar un certificado').waitFor();
    await heading(2, 'Certificado válido').waitFor();

    expect(problems.all).toEqual([]);

    const data = code.slice(0, 15);
    const changed = (data[0] === '7' ? '8' : '7') + data.slice(1);
    expect(checkSymbol(changed)).not.toBe(code[15]);
    await page.getByLabel('Código de verificación', { exact: true }).fill(changed + code[15]);
    await page.getByRole('button', { name: 'Comprobar', exact: true }).click();
    await page.getByText('Este código no supera su carácter de control', { exact: false }).waitFor();
  });
});
