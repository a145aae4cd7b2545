import type { Browser, CDPSession, Frame, Page } from 'playwright-core';
import { WIRE_PACKAGE_HEADING } from '../../support/wire-package';
import { launchBrowser } from './browser';

/**
 * What the app sends over the wire, and how long a cold load takes on a slow link (docs/wire.md).
 * Used by test/browser/wire.browser-spec.ts (which asserts sizes, never times) and by
 * bench/wire.bench.ts (which reports both).
 */
export { wirePackage, WIRE_PACKAGE_TITLE } from '../../support/wire-package';

/** The slow link of issue 14: 1.6 Mbps down, 750 kbps up, 300 ms round trip. */
export const SLOW_LINK = {
  offline: false,
  latency: 300,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1_000) / 8,
} as const;

/** Largest JavaScript the first page may transfer (issue 14: ≤ 150 KB). */
export const FIRST_PAGE_JS_BUDGET_BYTES = 150 * 1024;

/**
 * Chromium as a phone runs it: without site isolation (Android's Chrome keeps most sites in one
 * process), so that the player's cross-origin frames are in the page's process and the page's
 * DevTools session throttles and counts their requests too.
 */
export function launchWireBrowser(): Promise<Browser> {
  return launchBrowser(['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process']);
}

export interface Transfer {
  url: string;
  /** DevTools' resource type: Document, Script, Stylesheet, Fetch, … */
  type: string;
  status: number;
  /** Bytes received for it, headers included (as transferred). */
  bytes: number;
  /** Content-Encoding it came with ('' when none). */
  encoding: string;
  /** Cache-Control it came with. */
  cacheControl: string;
}

export interface ColdLoad {
  /** From navigation start until `ready` resolved. */
  ms: number;
  /** Every response of the load, in the order they finished. */
  transfers: Transfer[];
}

export const totalBytes = (transfers: Transfer[], type?: string): number =>
  transfers.filter((t) => type === undefined || t.type === type).reduce((sum, t) => sum + t.bytes, 0);

/** Records every response the page (and its in-process frames) receives, with its size as transferred. */
async function recordTransfers(session: CDPSession): Promise<Transfer[]> {
  const pending = new Map<string, Omit<Transfer, 'bytes'>>();
  const transfers: Transfer[] = [];
  session.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    pending.set(event.requestId, {
      url: event.response.url,
      type: event.type ?? 'Other',
      status: event.response.status,
      encoding: headers['content-encoding'] ?? '',
      cacheControl: headers['cache-control'] ?? '',
    });
  });
  session.on('Network.loadingFinished', (event) => {
    const response = pending.get(event.requestId);
    if (response) {
      pending.delete(event.requestId);
      transfers.push({ ...response, bytes: event.encodedDataLength });
    }
  });
  await session.send('Network.enable');
  return transfers;
}

/**
 * Loads `url` in a fresh browser context (empty cache, no connections), on the slow link when
 * `throttled`, and answers how long it took until `ready` resolved and what went over the wire. The
 * transfers are collected until the network is idle, so late chunks count too.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  options: { throttled: boolean; ready: (page: Page) => Promise<unknown>; locale?: string },
): Promise<ColdLoad> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US' });
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const transfers = await recordTransfers(session);
    if (options.throttled) {
      await session.send('Network.emulateNetworkConditions', SLOW_LINK);
    }
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await options.ready(page);
    const ms = performance.now() - started;
    await page.waitForLoadState('networkidle');
    return { ms, transfers: [...transfers] };
  } finally {
    await context.close();
  }
}

/** The home page is ready when its main heading shows. */
export const homeReady = (page: Page): Promise<void> =>
  page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });

/** The player is ready when the SCO's own page has loaded in the launcher's frame. */
export async function playerReady(page: Page): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const frame = page
      .frames()
      .find((candidate) => /\/content\/(?!_launcher\/)/.test(candidate.url()) && candidate.url().includes('sco.html'));
    if (frame) {
      await frame.waitForLoadState('load', { timeout: 60_000 });
      await frame.getByRole('heading', { level: 1, name: WIRE_PACKAGE_HEADING }).waitFor({ timeout: 60_000 });
      return frame;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the SCO did not load; frames: ${page
          .frames()
          .map((f) => f.url())
          .join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
