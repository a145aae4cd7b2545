import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { bearer, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

/** What the test reads of a <video> (the test is compiled without the DOM library). */
type MediaElement = { muted: boolean; readyState: number; currentTime: number; play(): Promise<void> };

type Person = { id: string; email: string; password: string; name: string };

/**
 * Records two seconds of an animated canvas with the browser's MediaRecorder and answers the WebM's
 * bytes in base64: a real, playable video made at test time (no binary in the repository).
 */
const RECORD_WEBM = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  const context = canvas.getContext('2d');
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    context.fillStyle = 'hsl(' + ((frame * 12) % 360) + ', 70%, 50%)';
    context.fillRect(0, 0, 160, 120);
    context.fillStyle = '#fff';
    context.fillText('frame ' + frame, 10, 60);
  }, 40);
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start(200);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  recorder.stop();
  await stopped;
  clearInterval(timer);
  const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
})()`;

describe('group file library media in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let owner: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('group-media-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    owner = { ...(await createUser(app, { role: UserRole.RtcStaff, displayName: 'Amina RTC' })), name: 'Amina RTC' };
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    restorePrefix?.();
  });

  const http = () => request(app!.getHttpServer());

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

  const signIn = async (page: Page, who: Person) => {
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Clearance', exact: true }).waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${who.name}`).waitFor();
  };

  it('plays a recorded session from a signed link with range requests, and downloads files through links', async () => {
    const token = await login(app!, owner.email, owner.password);
    const groupName = `Recorded sessions ${Date.now()}`;
    const groupId = (
      await http()
        .post('/api/groups')
        .set(bearer(token))
        .send({ name: groupName, kind: 'material_workshop' })
        .expect(201)
    ).body.id as string;

    // A real WebM, recorded by the browser itself on a blank page (no app, no CSP involved).
    const recorderContext = await browser!.newContext();
    contexts.push(recorderContext);
    const recorderPage = await recorderContext.newPage();
    const webm = Buffer.from(await recorderPage.evaluate<string>(RECORD_WEBM), 'base64');
    await recorderContext.close();
    expect(webm.length).toBeGreaterThan(1000);
    // EBML magic number: a WebM/Matroska file.
    expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

    const { page, problems } = await open();
    const media: Array<{ url: string; status: number; range: string | undefined; authorization: boolean }> = [];
    page.on('response', (response) => {
      if (response.url().includes('/download/')) {
        const headers = response.request().headers();
        media.push({
          url: response.url(),
          status: response.status(),
          range: headers.range,
          authorization: 'authorization' in headers,
        });
      }
    });
    await signIn(page, owner);
    await page.goto(`/groups/${groupId}/files`);
    await page.getByRole('heading', { level: 1, name: groupName, exact: true }).waitFor();
    const files = page.getByRole('region', { name: 'Files' });
    await files
      .getByLabel('File to share')
      .setInputFiles({ name: 'session 1.webm', mimeType: 'video/webm', buffer: webm });
    await files.getByRole('button', { name: 'Upload', exact: true }).click();
    await files.getByText('session 1.webm is uploaded.').waitFor();
    const notes = Buffer.from('Notes of session 1: valuation of used machinery\n');
    await files.getByLabel('File to share').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: notes });
    await files.getByRole('button', { name: 'Upload', exact: true }).click();
    await files.getByText('notes.txt is uploaded.').waitFor();
    // Only the video has a player.
    expect(await files.getByRole('button', { name: 'Play notes.txt' }).count()).toBe(0);

    // Play it: a keyboard-operable dialog with the browser's controls.
    const play = files.getByRole('button', { name: 'Play session 1.webm' });
    await play.focus();
    await page.keyboard.press('Enter');
    const player = page.getByRole('dialog', { name: 'Playing session 1.webm' });
    await player.waitFor();
    const video = player.getByLabel('Video: session 1.webm');
    await video.waitFor();
    expect(await video.getAttribute('controls')).not.toBeNull();
    const src = (await video.getAttribute('src'))!;
    expect(src).toMatch(/^\/api\/group-files\/[0-9a-f-]{36}\/download\/[0-9]+\.[0-9]+\.[\w-]{22}\.[\w-]{32}$/);
    await player.getByText('session 1.webm. The player').waitFor();
    await video.evaluate((element: MediaElement) => {
      element.muted = true;
      return element.play();
    });
    // Polled from here: the page's CSP (rightly) refuses waitForFunction's string evaluation.
    let state = { readyState: 0, currentTime: 0 };
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      state = await video.evaluate((element: MediaElement) => ({
        readyState: element.readyState,
        currentTime: element.currentTime,
      }));
      if (state.readyState >= 2 && state.currentTime > 0.3) {
        break;
      }
      await page.waitForTimeout(100);
    }
    expect(state.readyState).toBeGreaterThanOrEqual(2);
    expect(state.currentTime).toBeGreaterThan(0.3);
    const played = media.filter((entry) => entry.url.endsWith(src));
    expect(played.length).toBeGreaterThan(0);
    // The media pipeline asks for ranges; the server answers them with 206, without any token header.
    expect(played.some((entry) => entry.range?.startsWith('bytes=') && entry.status === 206)).toBe(true);
    expect(played.every((entry) => !entry.authorization)).toBe(true);
    // Escape closes the dialog and gives focus back to the Play button.
    await page.keyboard.press('Escape');
    await player.waitFor({ state: 'hidden' });
    expect(
      await play.evaluate(
        (element) => element === (globalThis as { document?: { activeElement: unknown } }).document?.activeElement,
      ),
    ).toBe(true);
    await play.click();
    await player.waitFor();
    await player.getByRole('button', { name: 'Close the player' }).click();
    await player.waitFor({ state: 'hidden' });

    // Downloads go through a signed link to the browser's download manager: the exact bytes.
    for (const [name, bytes] of [
      ['notes.txt', notes],
      ['session 1.webm', webm],
    ] as const) {
      const download = page.waitForEvent('download');
      await files.getByRole('button', { name: `Download ${name}` }).click();
      const downloaded = await download;
      expect(downloaded.suggestedFilename()).toBe(name);
      expect(downloaded.url()).toMatch(/\/api\/group-files\/[0-9a-f-]{36}\/download\/[0-9]+\./);
      expect(Buffer.compare(await readFile(await downloaded.path()), bytes)).toBe(0);
    }
    expect(problems.all).toEqual([]);
  }, 120_000);
});
