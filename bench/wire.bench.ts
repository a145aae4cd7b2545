/**
 * Light on the wire (issue 14, docs/wire.md): what a first visit transfers and how long it takes on a
 * slow link. The built api and worker (dist/, with the web app of `npm run build:web`) run as their
 * own processes against a scratch database; a generated one-SCO package is imported and published.
 * Chromium then loads, each time in a fresh context (empty cache, new connections) and on a link
 * emulated through DevTools (1.6 Mbps down, 750 kbps up, 300 ms round trip): the home page until its
 * heading shows, and a learner's launch URL until the SCO's page has loaded in the player. Prints the
 * bytes transferred (headers included) by type and encoding, and the times; never fails on a time.
 */
import { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { dropDatabase, runMigrations } from '@app/database';
import {
  coldLoad,
  FIRST_PAGE_JS_BUDGET_BYTES,
  homeReady,
  launchWireBrowser,
  playerReady,
  SLOW_LINK,
  totalBytes,
  wirePackage,
  type ColdLoad,
} from '../test/browser/support/wire';
import {
  percentile,
  removeRedisKeys,
  ROOT,
  round,
  scratchDatabaseUrl,
  serverEnv,
  signedInUser,
  startApp,
  stopApp,
  waitForHealth,
} from './catalogue-search.bench';
import { expectWorked, isSmoke, sized } from './smoke';

const RUNS = sized(3, 1);
/** The smoke run loads at full speed: its times mean nothing, its bytes are the same. */
const THROTTLED = !isSmoke();

/** Imports the generated package through the api and the worker, publishes it, answers the course id. */
async function importAndPublish(base: string, adminToken: string): Promise<string> {
  const form = new FormData();
  form.append('language', 'en');
  form.append('file', new Blob([new Uint8Array(await wirePackage())]), 'wire.zip');
  const auth = { authorization: `Bearer ${adminToken}` };
  const accepted = await fetch(`${base}/api/courses/packages`, { method: 'POST', headers: auth, body: form });
  if (accepted.status !== 202) {
    throw new Error(`upload refused: ${accepted.status} ${await accepted.text()}`);
  }
  const { jobId } = (await accepted.json()) as { jobId: string };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = (await (await fetch(`${base}/api/import-jobs/${jobId}`, { headers: auth })).json()) as {
      state: string;
      result: { courseId: string } | null;
      error: unknown;
    };
    if (job.state === 'completed') {
      const published = await fetch(`${base}/api/courses/${job.result!.courseId}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'published' }),
      });
      if (!published.ok) {
        throw new Error(`publishing failed: ${published.status} ${await published.text()}`);
      }
      return job.result!.courseId;
    }
    if (job.state === 'failed' || Date.now() > deadline) {
      throw new Error(`import ${job.state}: ${JSON.stringify(job.error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A new learner's launch URL of the course (each run plays as someone who never came before). */
async function launchUrl(databaseUrl: string, base: string, courseId: string, n: number): Promise<string> {
  const token = await signedInUser(databaseUrl, base, 'learner', `bench.wire.${n}@example.org`);
  const response = await fetch(`${base}/api/courses/${courseId}/launch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) {
    throw new Error(`launch failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { launchUrl: string }).launchUrl;
}

const kb = (bytes: number): string => `${round(bytes / 1024)} KB`;

function describeLoads(name: string, loads: ColdLoad[]): void {
  const times = loads.map((load) => load.ms).sort((a, b) => a - b);
  const last = loads.at(-1)!.transfers;
  const byType = new Map<string, { bytes: number; count: number }>();
  for (const transfer of last) {
    const entry = byType.get(transfer.type) ?? { bytes: 0, count: 0 };
    byType.set(transfer.type, { bytes: entry.bytes + transfer.bytes, count: entry.count + 1 });
  }
  const encodings = new Map<string, number>();
  for (const transfer of last.filter((t) => t.type === 'Script' || t.type === 'Stylesheet')) {
    encodings.set(transfer.encoding || 'none', (encodings.get(transfer.encoding || 'none') ?? 0) + 1);
  }
  console.log(
    `${name}: cold load median ${Math.round(percentile(times, 50))} ms (runs ${loads.map((load) => Math.round(load.ms)).join(' / ')} ms); transferred ${kb(totalBytes(last))} in ${last.length} responses`,
  );
  console.log(
    `  by type: ${[...byType.entries()]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([type, { bytes, count }]) => `${type} ${kb(bytes)} (${count})`)
      .join(
        ', ',
      )}; scripts and styles encoded: ${[...encodings.entries()].map(([encoding, count]) => `${encoding} ×${count}`).join(', ')}`,
  );
}

export async function wireBench(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` before the wire bench.');
  }
  const databaseUrl = scratchDatabaseUrl('wire');
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clearance-bench-wire-'));
  await runMigrations(databaseUrl);
  const env = serverEnv(databaseUrl, port, dataDir, 'wire');
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    api = startApp('api', env);
    worker = startApp('worker', env);
    await waitForHealth(base, api);
    const admin = await signedInUser(databaseUrl, base, 'admin', 'bench.wire.admin@example.org');
    const courseId = await importAndPublish(base, admin);
    browser = await launchWireBrowser();

    console.log(
      `\n## On the wire: cold loads in Chromium${THROTTLED ? '' : ' NOT THROTTLED (smoke)'} at ${(SLOW_LINK.downloadThroughput * 8) / 1e6} Mbps down / ${(SLOW_LINK.uploadThroughput * 8) / 1e3} kbps up / ${SLOW_LINK.latency} ms (DevTools emulation, fresh context each run)`,
    );
    if (!isSmoke()) {
      // Warm-up, unthrottled: the api's JIT and pools, Chromium's own start.
      await coldLoad(browser, `${base}/`, { throttled: false, ready: homeReady });
    }
    const home: ColdLoad[] = [];
    for (let run = 0; run < RUNS; run++) {
      home.push(await coldLoad(browser, `${base}/`, { throttled: THROTTLED, ready: homeReady }));
    }
    describeLoads('home page (/)', home);
    const firstPageJs = totalBytes(home.at(-1)!.transfers, 'Script');
    console.log(
      `  first page's JavaScript as transferred: ${kb(firstPageJs)} (budget ${kb(FIRST_PAGE_JS_BUDGET_BYTES)}: ${firstPageJs <= FIRST_PAGE_JS_BUDGET_BYTES ? 'met' : 'NOT met'})`,
    );

    const player: ColdLoad[] = [];
    for (let run = 0; run < RUNS; run++) {
      const url = await launchUrl(databaseUrl, base, courseId, run);
      player.push(await coldLoad(browser, url, { throttled: THROTTLED, ready: playerReady }));
    }
    describeLoads('player (launch URL until the SCO has loaded)', player);
    for (const load of [...home, ...player]) {
      const failed = load.transfers.filter((t) => t.status >= 400 && !t.url.includes('/api/auth/refresh'));
      expectWorked(failed.length === 0, `failed responses: ${failed.map((t) => `${t.status} ${t.url}`).join(', ')}`);
    }
  } finally {
    await browser?.close();
    for (const child of [worker, api]) {
      if (child) {
        await stopApp(child);
      }
    }
    await dropDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
    await removeRedisKeys(env);
  }
}
