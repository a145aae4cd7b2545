/**
 * Bulk onboarding (issue 17, item 3: "5,000 rows within a minute"). The built api and worker run
 * as their own processes against a scratch database and Redis prefix; an admin uploads a CSV of
 * 5,000 officers (`POST /api/registrations/import`) and polls `GET /api/import-jobs/:id` until it
 * says completed: accounts, set-password links, decisions written and every mail queued. Then the
 * time until the worker has delivered the queued mails (to its outbox: no SMTP_URL), and the same
 * file sent again (idempotent: creates nobody). Prints figures; never fails on a time.
 */
import { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { dropDatabase, runMigrations } from '@app/database';
import {
  removeRedisKeys,
  round,
  scratchDatabaseUrl,
  serverEnv,
  signedInUser,
  startApp,
  stopApp,
  waitForHealth,
} from './catalogue-search.bench';
import { expectWorked, sized } from './smoke';

const ROWS = sized(5_000, 50);
const TARGET_SECONDS = 60;

function officersCsv(rows: number): string {
  const lines = ['email;name;job title'];
  for (let i = 0; i < rows; i++) {
    lines.push(`officer.${i}@customs.example.ke;Officer Number ${i};Customs officer grade ${i % 7}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Report {
  created: number;
  alreadyRegistered: number;
  rejectedCount: number;
}

async function importOnce(
  base: string,
  token: string,
  csv: string,
): Promise<{ ms: number; state: string; result: Report | null; error: string | null }> {
  const form = new FormData();
  form.append('country', 'KE');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'officers.csv');
  const started = performance.now();
  const response = await fetch(`${base}/api/registrations/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (response.status !== 202) {
    throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  }
  const { jobId } = (await response.json()) as { jobId: string };
  for (;;) {
    const job = (await (
      await fetch(`${base}/api/import-jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { state: string; result: Report | null; error: string | null };
    if (job.state === 'completed' || job.state === 'failed') {
      return { ms: performance.now() - started, ...job };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the notifications queue holds no job waiting or running; milliseconds waited. */
async function mailsDrained(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ ms: number; completed: number }> {
  const connection = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue('notifications', { connection, prefix: env.REDIS_PREFIX });
  const started = performance.now();
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed');
      if (counts.waiting + counts.active + counts.delayed + counts.prioritized === 0) {
        return { ms: performance.now() - started, completed: counts.completed };
      }
      if (performance.now() - started > timeoutMs) {
        return { ms: Number.NaN, completed: counts.completed };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export async function onboardingBench(): Promise<void> {
  const databaseUrl = scratchDatabaseUrl('onboarding');
  const port = 3990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  const scratch = await mkdtemp(path.join(tmpdir(), 'clearance-bench-onboarding-'));
  const dataDir = path.join(scratch, 'data');
  await mkdir(dataDir);
  await runMigrations(databaseUrl);
  const env = serverEnv(databaseUrl, port, dataDir, 'onboarding');
  delete env.SMTP_URL; // the worker's outbox transport: this measures the platform, not a mail server
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    api = startApp('api', env);
    worker = startApp('worker', env);
    await waitForHealth(base, api);
    const token = await signedInUser(databaseUrl, base, 'admin', 'bench.onboarder@example.org');
    const csv = officersCsv(ROWS);
    console.log(
      `\n## Bulk onboarding (api + worker as their own processes): ${ROWS} officers, ${round(csv.length / 1024)} KiB CSV`,
    );
    const first = await importOnce(base, token, csv);
    expectWorked(
      first.state === 'completed' && first.result?.created === ROWS,
      `import ${first.state}: ${first.error ?? JSON.stringify(first.result)}`,
    );
    console.log(
      `  upload → job completed (${first.result?.created} accounts, links, decisions written, ${first.result?.created} mails queued): ${round(first.ms / 1000, 2)} s; target < ${TARGET_SECONDS} s: ${first.ms < TARGET_SECONDS * 1000 ? 'met' : 'NOT met'}`,
    );
    const drained = await mailsDrained(env, sized(300_000, 60_000));
    expectWorked(!Number.isNaN(drained.ms), 'the queued mails were not delivered');
    console.log(
      `  then every mail delivered by the worker (outbox transport): ${round((first.ms + drained.ms) / 1000, 2)} s from the upload (${drained.completed} send-email jobs completed)`,
    );
    const again = await importOnce(base, token, csv);
    expectWorked(
      again.state === 'completed' && again.result?.created === 0 && again.result.alreadyRegistered === ROWS,
      `second import ${again.state}: ${again.error ?? JSON.stringify(again.result)}`,
    );
    console.log(
      `  the same file again: ${round(again.ms / 1000, 2)} s, created ${again.result?.created}, already there ${again.result?.alreadyRegistered}`,
    );
  } finally {
    for (const child of [worker, api]) {
      if (child) {
        await stopApp(child);
      }
    }
    await dropDatabase(databaseUrl);
    await rm(scratch, { recursive: true, force: true });
    await removeRedisKeys(env);
  }
}

if (require.main === module) {
  onboardingBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
