import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { buildDemoPackage } from '../../apps/cli/src/demo-course/demo-course';
import { isolateRedisPrefix } from '../support/accounts';
import { createUser, nextClientIp, type TestApp } from '../support/app';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';
import { appRequest, importCourse, loginAt, startPlayerServer } from './support/player';

/**
 * A learner finishes the demo course in the player, finds the certificate on the transcript page
 * (linked from My learning), downloads it and the transcript, and checks it on the verify page in
 * English, French and Spanish: by its code, by its signed statement pasted, and by the QR code's URL.
 */
describe('a learner’s certificate, from the demo course to the verify page', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let appOrigin: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let problems: PageProblems;
  let courseId: string;
  const name = 'Amina أمينة Odhiambo';
  const learnerEmail = { email: '', password: '' };
  const savedKey = process.env.CERTIFICATE_SIGNING_KEY;

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('certificates-browser');
    // The api and the worker (which renders the PDF) sign with one key, as one server's processes do.
    const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    process.env.CERTIFICATE_SIGNING_KEY = key;
    worker = await startTestWorker({ CERTIFICATE_SIGNING_KEY: key }, [QueueName.Imports, QueueName.Maintenance]);
    ({ app, appOrigin } = await startPlayerServer());
    browser = await launchBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await loginAt(app, admin.email, admin.password, nextClientIp());
    courseId = await importCourse(app, token, await buildDemoPackage(), 'demo-course.zip');
    const learner = await createUser(app, { displayName: name, country: 'KE' });
    Object.assign(learnerEmail, { email: learner.email, password: learner.password });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await worker?.close();
    restorePrefix?.();
    if (savedKey === undefined) delete process.env.CERTIFICATE_SIGNING_KEY;
    else process.env.CERTIFICATE_SIGNING_KEY = savedKey;
  });

  const heading = (level: number, text: string) => page.getByRole('heading', { level, name: text, exact: true });

  /** The demo SCO's frame (the launcher's child), once loaded. */
  const scoFrame = async (): Promise<Frame> => {
    for (let tries = 0; tries < 300; tries++) {
      const launcher = page.frames().find((frame) => frame.url().includes('/content/_launcher/launcher.html'));
      const sco = launcher?.childFrames().find((child) => child.url().includes('/content/'));
      if (sco && (await sco.evaluate('document.readyState').catch(() => '')) === 'complete') return sco;
      await page.waitForTimeout(50);
    }
    throw new Error('no SCO frame');
  };

  /** Clicks a download button until the file comes (a certificate's PDF may still be in the making). */
  const download = async (button: ReturnType<Page['getByRole']>): Promise<Buffer> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const waiting = page.waitForEvent('download', { timeout: 3_000 }).catch(() => null);
      await button.click();
      const file = await waiting;
      if (file) return readFileSync(await file.path());
      if (Date.now() > deadline) throw new Error('no download');
      await page.waitForTimeout(500);
    }
  };

  const pdfText = (pdf: Buffer) => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'clearance-browser-pdf-')), 'file.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'])
      .toString('utf8')
      .replace(/[\u202a-\u202e]/g, '');
  };

  it('finishes the demo course, downloads the certificate and transcript, and verifies it in en/fr/es', async () => {
    context = await browser!.newContext({
      baseURL: appOrigin,
      locale: 'en-US',
      acceptDownloads: true,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    problems = await watchForProblems(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(learnerEmail.email);
    await page.getByLabel('Password', { exact: true }).fill(learnerEmail.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${name}`).waitFor();

    // The demo course: answer its question right, which passes and finishes it.
    await page.goto(`/courses/${courseId}`);
    await heading(1, 'Welcome to Clearance').waitFor();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/play\/[0-9a-f-]{36}$/);
    const sco = await scoFrame();
    await sco.getByLabel('The Harmonized System').check();
    await sco.getByRole('button', { name: 'Check my answer' }).click();
    await sco.getByText('You have completed this course.').waitFor();
    await page.getByRole('button', { name: 'Exit', exact: true }).click();
    await heading(1, 'Welcome to Clearance').waitFor();

    // My learning links to the transcript, which lists the course with its certificate.
    await page.goto('/my-learning');
    await heading(1, 'My learning').waitFor();
    await page.getByRole('link', { name: 'Transcript and certificates', exact: true }).click();
    await heading(1, 'My transcript').waitFor();
    const row = page.locator(`tr[data-course="${courseId}"]`);
    await row.getByRole('link', { name: 'Welcome to Clearance' }).waitFor();
    const code = ((await row.locator('[data-field="code"]').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z*~$=]{4}-[0-9A-Z*~$=]{4}-[0-9A-Z*~$=]{4}-[0-9A-Z*~$=]{4}$/);
    expect(await row.textContent()).toContain('100%');
    expect(await page.locator('[data-field="completed-courses"]').textContent()).toBe('1');

    const certificate = pdfText(
      await download(
        row.getByRole('button', { name: 'Download the certificate of Welcome to Clearance (PDF)', exact: true }),
      ),
    );
    for (const expected of ['Amina', 'أمينة', 'Odhiambo', 'Welcome to Clearance', code]) {
      expect(certificate).toContain(expected);
    }
    const transcript = pdfText(
      await download(page.getByRole('button', { name: 'Download the transcript (PDF)', exact: true })),
    );
    for (const expected of ['Training transcript', 'أمينة', 'Welcome to Clearance', code]) {
      expect(transcript).toContain(expected);
    }

    // The verify page, from the transcript's link: valid, in English, French and Spanish.
    await row.getByRole('link', { name: 'Verify', exact: true }).click();
    await heading(1, 'Check a certificate').waitFor();
    await heading(2, 'Valid certificate').waitFor();
    await page.getByText(name, { exact: true }).first().waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await heading(2, 'Certificat valide').waitFor();
    await page.getByLabel('Langue', { exact: true }).selectOption('es');
    await heading(2, 'Certificado válido').waitFor();

    // Its signed statement, pasted: checked against this server's key, said in Spanish, then French.
    const token = await loginAt(app!, learnerEmail.email, learnerEmail.password, nextClientIp());
    const [mine] = (await appRequest(app!).get('/api/me/certificates').auth(token, { type: 'bearer' }).expect(200))
      .body as Array<{ statement: string }>;
    await page.getByLabel('Declaración firmada', { exact: true }).fill(mine.statement);
    await page.getByRole('button', { name: 'Comprobar la declaración', exact: true }).click();
    await heading(3, 'Declaración válida').waitFor();
    expect(await page.locator('[data-field="checked"]').textContent()).toMatch(
      /^Firma válida, emitida por este servidor .*estado de revocación a .*: válido\.$/,
    );
    await page.getByLabel('Idioma', { exact: true }).selectOption('fr');
    await heading(3, 'Attestation valide').waitFor();
    await page.getByLabel('Attestation signée', { exact: true }).fill(`${mine.statement.slice(0, -4)}AAAA`);
    await page.getByRole('button', { name: 'Vérifier l’attestation', exact: true }).click();
    await heading(3, 'Attestation refusée').waitFor();
    expect(await page.locator('[data-field="checked"]').textContent()).toMatch(/^Signature invalide/);
    await page.getByLabel('Langue', { exact: true }).selectOption('en');

    // What the QR code holds: the verify URL with the statement as its fragment, checked at once.
    await page.goto(`/verify/${encodeURIComponent(code)}#${mine.statement}`);
    await heading(2, 'Valid certificate').waitFor();
    await heading(3, 'Statement valid').waitFor();
    expect(await page.locator('[data-field="checked"]').textContent()).toMatch(
      /^Signature valid, issued by this server .*revocation status as of .*: valid\.$/,
    );
    expect(problems.all).toEqual([]);
  });
});
