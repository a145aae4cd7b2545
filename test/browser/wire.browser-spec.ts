import type { Browser } from 'playwright-core';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { createUser, nextClientIp, type TestApp } from '../support/app';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt } from './support/browser';
import { appRequest, importCourse, loginAt, startPlayerServer } from './support/player';
import {
  coldLoad,
  FIRST_PAGE_JS_BUDGET_BYTES,
  homeReady,
  launchWireBrowser,
  playerReady,
  totalBytes,
  wirePackage,
  type Transfer,
} from './support/wire';

/**
 * What goes over the wire on a first visit (issue 14, docs/wire.md), cold (fresh context, empty
 * cache) on the slow link of SLOW_LINK: sizes as transferred are deterministic and asserted; times
 * are not (`npm run bench -- wire` reports them).
 */
describe('Light on the wire', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let appOrigin: string;
  let contentOrigin: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let courseId: string;

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('wire-browser');
    worker = await startTestWorker({}, [QueueName.Imports]);
    ({ app, appOrigin, contentOrigin } = await startPlayerServer());
    browser = await launchWireBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await loginAt(app, admin.email, admin.password, nextClientIp());
    courseId = await importCourse(app, token, await wirePackage(), 'wire.zip');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.close();
    restorePrefix?.();
  });

  const built = (transfers: Transfer[]) =>
    transfers.filter((t) => t.type === 'Script' || t.type === 'Stylesheet' || t.url.endsWith('.svg'));

  it('sends the first page in 150 KB of JavaScript or less, precompressed, fingerprinted files cached for a year', async () => {
    const load = await coldLoad(browser!, `${appOrigin}/`, { throttled: true, ready: homeReady });
    const scripts = load.transfers.filter((t) => t.type === 'Script');
    expect(scripts.length).toBeGreaterThan(0);
    expect(totalBytes(load.transfers, 'Script')).toBeLessThanOrEqual(FIRST_PAGE_JS_BUDGET_BYTES);
    for (const transfer of built(load.transfers)) {
      expect({ url: transfer.url, encoding: transfer.encoding }).toEqual({ url: transfer.url, encoding: 'br' });
      if (new URL(transfer.url).pathname.startsWith('/assets/')) {
        expect(transfer.cacheControl).toBe('public, max-age=31536000, immutable');
      }
    }
    const document = load.transfers.find((t) => t.type === 'Document')!;
    expect(document.cacheControl).toBe('no-cache');
    expect(document.encoding).toBe('br');
  });

  it('loads the player cold on the slow link with the app, the launcher and the package text compressed', async () => {
    const learner = await createUser(app!, { displayName: 'Amina Diallo', country: 'SN' });
    const token = await loginAt(app!, learner.email, learner.password, nextClientIp());
    const launched = await appRequest(app!)
      .post(`/api/courses/${courseId}/launch`)
      .auth(token, { type: 'bearer' })
      .send({})
      .expect(200);
    const load = await coldLoad(browser!, (launched.body as { launchUrl: string }).launchUrl, {
      throttled: true,
      ready: playerReady,
    });
    const fromContent = load.transfers.filter((t) => t.url.startsWith(`${contentOrigin}/content/`));
    const launcher = fromContent.filter((t) => t.url.includes('/content/_launcher/assets/'));
    const sco = fromContent.filter((t) => /\/sco\.(html|css|js)$/.test(t.url));
    expect(launcher.map((t) => t.type).sort()).toEqual(['Script', 'Stylesheet']);
    expect(sco).toHaveLength(3);
    for (const transfer of [...built(load.transfers), ...sco]) {
      expect({ url: transfer.url, encoding: transfer.encoding }).toEqual({ url: transfer.url, encoding: 'br' });
    }
    for (const transfer of launcher) {
      expect(transfer.cacheControl).toBe('public, max-age=31536000, immutable');
    }
    // Uncompressed, the same load was 1,180 KB (scorm-again twice: in the player and in the launcher).
    expect(totalBytes(load.transfers)).toBeLessThanOrEqual(400 * 1024);
    expect(load.transfers.filter((t) => t.status >= 400 && !t.url.includes('/api/auth/refresh'))).toEqual([]);
  });
});
