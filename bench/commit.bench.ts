/**
 * The SCORM commit endpoint against a raw reference (issue 5: at least 0.5× the raw throughput,
 * p99 under 50 ms).
 *
 * A scratch database gets one published SCORM 2004 course and 10,000 learners, each with an
 * attempt of its SCO; each attempt gets a launch token from the real LaunchTokenService with the
 * api's JWT_SECRET (what POST /launch returns). The built api (dist/, as `npm start` runs it) and
 * the raw reference (bench/commit-raw-server.ts: node:http + mysql2, one prepared upsert of the
 * same body, no framework, same pool size) run as their own processes; autocannon drives each in
 * turn (warm-up, then raw, api, raw, api) with 32 connections and the same ~3 KB SCORM 2004 body,
 * cycling through the 10,000 attempts with an increasing commitSequence. The server process's CPU
 * time per commit is reported too: on a shared 2-core machine it is steadier than throughput. Afterwards the database is asked whether every
 * acknowledged commit is there: each attempt must hold at least the last sequence answered 200
 * (and the body of the sequence it holds); for the raw server, each row's upsert counter.
 * Prints figures; never fails on a time. COMMIT_BENCH_PROFILE=<dir> writes the api's CPU profile there. Everything runs on this machine (load generator included).
 * COMMIT_BENCH_BASELINE=<dir> also runs the api of another build (`<dir>/apps/api/src/main.js`, e.g. a
 * copy of dist/ built before a change) on attempts of its own, in the same rounds: a change's cost on
 * the commit path, measured on the same machine at the same time.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { createAppConfig } from '@app/config';
import { dropDatabase, runMigrations } from '@app/database';
import { LaunchTokenService } from '@app/learning';
import {
  removeRedisKeys,
  round,
  scratchDatabaseUrl,
  serverEnv,
  startApp,
  stopApp,
  waitForHealth,
  ROOT,
} from './catalogue-search.bench';
import { expectWorked, sized } from './smoke';

const ATTEMPTS = sized(10_000, 100);
const CONNECTIONS = sized(32, 4);
const DURATION_SECONDS = sized(Number(process.env.COMMIT_BENCH_SECONDS ?? 10), 1);
const WARMUP_SECONDS = sized(3, 1);
const ROUNDS = sized(Number(process.env.COMMIT_BENCH_ROUNDS ?? 2), 1);
const POOL_SIZE = 10; // the api's TypeORM pool (data-source-options.ts)
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const API_PORT = 3411;
const BASELINE_PORT = 3413;
const BASELINE = process.env.COMMIT_BENCH_BASELINE;
const RAW_PORT = 3412;

/** A SCORM 2004 commit as scorm-again sends it mid-session, about 3 KB. */
function commitBody(sequence: number): string {
  const interactions: Record<string, unknown> = {};
  for (let i = 0; i < 6; i++) {
    interactions[String(i)] = {
      id: `urn:clearance:valuation:q${i + 1}`,
      type: 'choice',
      timestamp: '2026-11-26T10:15:30.0Z',
      weighting: '1',
      learner_response: `choice_${(i % 4) + 1}`,
      result: i % 3 === 0 ? 'incorrect' : 'correct',
      latency: 'PT12.5S',
      description: 'Which method of customs valuation applies first?',
      objectives: { '0': { id: 'obj-transaction-value' } },
      correct_responses: { '0': { pattern: 'choice_1' } },
    };
  }
  return JSON.stringify({
    cmi: {
      comments_from_learner: {},
      completion_status: 'incomplete',
      exit: 'suspend',
      interactions,
      learner_preference: { audio_level: '1', language: 'en', delivery_speed: '1', audio_captioning: '0' },
      location: `seq-${sequence}`,
      objectives: {
        '0': {
          id: 'obj-transaction-value',
          success_status: 'unknown',
          completion_status: 'incomplete',
          progress_measure: '0.4',
          score: { scaled: '0.6', raw: '6', min: '0', max: '10' },
        },
      },
      progress_measure: '0.4',
      score: { scaled: '0.6', raw: '60', min: '0', max: '100' },
      session_time: 'PT4M12S',
      success_status: 'unknown',
      suspend_data: 'v2|'.concat('slide:07;visited:1,2,3,4,5,6,7;answers:a,c,b,d;'.repeat(18)),
    },
    commitSequence: sequence,
  });
}

interface Target {
  name: string;
  /** Path of attempt `index`'s commit, with its token. */
  path: (index: number) => string;
  url: string;
}

/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The database server's pid, when it runs on this machine (its CPU per commit is reported too). */
function databasePid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      try {
        if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) {
          return Number(entry);
        }
      } catch {
        // gone meanwhile
      }
    }
  }
  return null;
}

const DATABASE_PID = databasePid();

interface Run {
  result: autocannon.Result;
  sent: number;
  /** CPU ms the server process used per acknowledged commit. */
  cpuPerCommit: number;
  /** CPU ms the database server used per acknowledged commit (it serves others too: an upper bound). */
  dbCpuPerCommit: number;
}

/**
 * `seconds` of load, cycling through the attempts; the sequence grows by one per full cycle.
 * `acknowledged[index]` is raised to the highest sequence the server answered 200 for.
 */
async function load(
  target: Target,
  seconds: number,
  start: number,
  pid: number,
  acknowledged: Int32Array,
): Promise<Run> {
  let next = start;
  const cpuBefore = cpuMs(pid);
  const dbBefore = DATABASE_PID ? cpuMs(DATABASE_PID) : 0;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        // As a browser sends it: the answer is under the compression threshold, the check still runs.
        headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br, zstd' },
        setupRequest: (request, raw) => {
          const context = raw as Record<string, number>;
          const n = next++;
          const index = n % ATTEMPTS;
          const sequence = Math.floor(n / ATTEMPTS) + 1;
          // One request in flight per connection: its answer is for the request set up last.
          context.index = index;
          context.sequence = sequence;
          return { ...request, path: target.path(index), body: commitBody(sequence) };
        },
        onResponse: (status, _body, raw) => {
          const context = raw as Record<string, number>;
          if (status === 200 && acknowledged[context.index] < context.sequence) {
            acknowledged[context.index] = context.sequence;
          }
        },
      },
    ],
  });
  const cpu = cpuMs(pid) - cpuBefore;
  const db = DATABASE_PID ? cpuMs(DATABASE_PID) - dbBefore : NaN;
  const acknowledgedNow = Math.max(1, result['2xx']);
  return { result, sent: next - start, cpuPerCommit: cpu / acknowledgedNow, dbCpuPerCommit: db / acknowledgedNow };
}

function summary(name: string, run: Run): string {
  const { result } = run;
  const failures = result.non2xx + result.errors + result.timeouts;
  return `  ${name.padEnd(9)} ${round(result.requests.average, 0)} commits/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; CPU per commit: server ${round(run.cpuPerCommit * 1000, 0)} µs, database ${round(run.dbCpuPerCommit * 1000, 0)} µs; ${result['2xx']} acknowledged, ${failures} failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`;
}

function startRawServer(databaseUrl: string): Promise<ChildProcess> {
  const child = fork(path.join(ROOT, 'bench/commit-raw-server.ts'), [], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(RAW_PORT), POOL_SIZE: String(POOL_SIZE) },
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`raw server exited (${code})`)));
  });
}

export async function commitBench(): Promise<void> {
  console.log(
    `\nSCORM commit: the api against node:http + mysql2 (${CONNECTIONS} connections, ${ATTEMPTS} attempts, ${DURATION_SECONDS} s each)`,
  );
  const databaseUrl = scratchDatabaseUrl('commit');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clearance-bench-commit-'));
  const env = serverEnv(databaseUrl, API_PORT, dataDir, 'commit');
  let api: ChildProcess | undefined;
  let raw: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  await runMigrations(databaseUrl);
  const db = await createConnection({ uri: databaseUrl });
  try {
    // One published SCORM 2004 course with one SCO, 10,000 learners with an attempt each.
    const courseId = randomUUID();
    const packageId = randomUUID();
    await db.execute("INSERT INTO courses (id, status) VALUES (?, 'published')", [courseId]);
    await db.execute(
      "INSERT INTO course_translations (course_id, language, title, description) VALUES (?, 'en', 'Bench course', '')",
      [courseId],
    );
    const launchables = [
      { itemIdentifier: 'item-1', title: 'SCO', resourceIdentifier: 'r1', type: 'sco', href: 'sco.html' },
    ];
    await db.execute(
      `INSERT INTO course_packages (id, course_id, language, version, standard, edition, title, manifest, launchables,
         sco_count, size_bytes, sha256, storage_key) VALUES (?, ?, 'en', 1, 'scorm2004', '3rd', 'Bench', '{}', ?, 1, 0, ?, ?)`,
      [packageId, courseId, JSON.stringify(launchables), '0'.repeat(64), `packages/${packageId}`],
    );
    // The api's own config from the api's own environment: the tokens are the ones it issues.
    const tokens = new LaunchTokenService(createAppConfig(env));
    // With a baseline, it gets attempts ATTEMPTS… of its own.
    const total = BASELINE ? 2 * ATTEMPTS : ATTEMPTS;
    const attempts: Array<{ id: string; token: string }> = [];
    for (let batch = 0; batch < total; batch += 500) {
      const users: unknown[] = [];
      const sessions: unknown[] = [];
      const rows: unknown[] = [];
      for (let i = batch; i < Math.min(total, batch + 500); i++) {
        const userId = randomUUID();
        const attemptId = randomUUID();
        // Each learner signed in once: the launch token belongs to that sign-in session.
        const sessionId = randomUUID();
        users.push(userId, `bench-learner-${i}@example.org`, 'not-a-hash', `Learner ${i}`);
        sessions.push(sessionId, userId);
        rows.push(attemptId, userId, courseId, packageId);
        attempts.push({
          id: attemptId,
          token: tokens.issue({ sub: userId, sid: sessionId, att: attemptId, ses: 1, std: 'scorm2004' }),
        });
      }
      const count = users.length / 4;
      await db.query(
        `INSERT INTO users (id, email, password_hash, display_name, country, status) VALUES ${Array(count).fill("(?, ?, ?, ?, 'KE', 'active')").join(', ')}`,
        users,
      );
      // An attempt belongs to an enrolment (a foreign key): enrol each learner first.
      await db.query(
        `INSERT INTO enrolments (user_id, course_id) VALUES ${Array(count).fill('(?, ?)').join(', ')}`,
        rows.filter((_, index) => index % 4 === 1 || index % 4 === 2),
      );
      await db.query(
        `INSERT INTO auth_sessions (id, user_id, created_at, expires_at) VALUES ${Array(count).fill('(?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY)').join(', ')}`,
        sessions,
      );
      await db.query(
        `INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type)
         VALUES ${Array(count).fill("(?, ?, ?, ?, 'item-1', 1, 'scorm2004', 'sco')").join(', ')}`,
        rows,
      );
    }
    await db.query(
      'CREATE TABLE bench_raw_commits (id char(36) NOT NULL PRIMARY KEY, cmi json NULL, commits int NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await db.query(
      `INSERT INTO bench_raw_commits (id, commits) VALUES ${attempts.map(() => '(?, 0)').join(', ')}`,
      attempts.map((a) => a.id),
    );
    console.log(
      `  body ${Buffer.byteLength(commitBody(1))} bytes; api and raw server share MariaDB, pool ${POOL_SIZE} each`,
    );

    const profileDir = process.env.COMMIT_BENCH_PROFILE;
    api = profileDir
      ? spawn(
          process.execPath,
          ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, path.join(ROOT, 'dist/apps/api/src/main.js')],
          {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        )
      : startApp('api', env);
    await waitForHealth(`http://127.0.0.1:${API_PORT}`, api);
    if (BASELINE) {
      baseline = spawn(process.execPath, [path.resolve(BASELINE, 'apps/api/src/main.js')], {
        cwd: ROOT,
        // Same PUBLIC_URL: the launch tokens name it.
        env: { ...env, PORT: String(BASELINE_PORT) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitForHealth(`http://127.0.0.1:${BASELINE_PORT}`, baseline);
    }
    raw = await startRawServer(databaseUrl);
    const apiTarget: Target = {
      name: 'api',
      url: `http://127.0.0.1:${API_PORT}`,
      path: (index) => `/api/attempts/${attempts[index].id}/commit?token=${attempts[index].token}`,
    };
    const baselineTarget: Target = {
      name: 'baseline',
      url: `http://127.0.0.1:${BASELINE_PORT}`,
      path: (index) =>
        `/api/attempts/${attempts[ATTEMPTS + index].id}/commit?token=${attempts[ATTEMPTS + index].token}`,
    };
    const rawTarget: Target = {
      name: 'raw',
      url: `http://127.0.0.1:${RAW_PORT}`,
      path: (index) => `/commit/${attempts[index].id}`,
    };

    // Warm-up (JIT, pools, prepared statements), then the measured runs, alternating so that both
    // see the same machine (other work on it comes and goes): raw, api, raw, api.
    const apiAcked = new Int32Array(ATTEMPTS);
    const rawAcked = new Int32Array(ATTEMPTS);
    const baselineAcked = new Int32Array(ATTEMPTS);
    const apiPid = api.pid!;
    const rawPid = raw.pid!;
    let apiNext = (await load(apiTarget, WARMUP_SECONDS, 0, apiPid, apiAcked)).sent;
    let rawNext = (await load(rawTarget, WARMUP_SECONDS, 0, rawPid, rawAcked)).sent;
    let baselineNext = baseline
      ? (await load(baselineTarget, WARMUP_SECONDS, 0, baseline.pid!, baselineAcked)).sent
      : 0;
    const runs: Array<{ raw: Run; api: Run }> = [];
    const baselineRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rawRun = await load(rawTarget, DURATION_SECONDS, rawNext, rawPid, rawAcked);
      rawNext += rawRun.sent;
      // The baseline goes after this build in odd rounds and before it in even ones.
      const baselineRound = async (): Promise<void> => {
        if (baseline) {
          const baselineRun = await load(baselineTarget, DURATION_SECONDS, baselineNext, baseline.pid!, baselineAcked);
          baselineNext += baselineRun.sent;
          baselineRuns.push(baselineRun);
          console.log(summary(`base #${round + 1}`, baselineRun));
        }
      };
      console.log(summary(`raw #${round + 1}`, rawRun));
      if (round % 2 === 1) {
        await baselineRound();
      }
      const apiRun = await load(apiTarget, DURATION_SECONDS, apiNext, apiPid, apiAcked);
      apiNext += apiRun.sent;
      runs.push({ raw: rawRun, api: apiRun });
      console.log(summary(`api #${round + 1}`, apiRun));
      if (round % 2 === 0) {
        await baselineRound();
      }
    }

    // Every acknowledged commit must be in the database: each attempt holds at least the last
    // sequence it was answered 200 for, and the body stored is the one of the sequence stored.
    const [apiRows] = await db.query<Array<{ id: string; seq: number; location: string | null } & RowDataPacket>>(
      "SELECT id, commit_seq AS seq, JSON_UNQUOTE(JSON_EXTRACT(cmi, '$.location')) AS location FROM attempts",
    );
    const [rawRows] = await db.query<Array<{ id: string; commits: number } & RowDataPacket>>(
      'SELECT id, commits FROM bench_raw_commits',
    );
    const byId = new Map(attempts.map((attempt, index) => [attempt.id, index]));
    let apiMissing = 0;
    let apiMismatched = 0;
    for (const row of apiRows) {
      const index = byId.get(row.id)!;
      const acked = index < ATTEMPTS ? apiAcked[index] : baselineAcked[index - ATTEMPTS];
      apiMissing += row.seq < acked ? 1 : 0;
      apiMismatched += row.seq > 0 && row.location !== `seq-${row.seq}` ? 1 : 0;
    }
    let rawMissing = 0;
    for (const row of rawRows) {
      rawMissing += row.commits < rawAcked[byId.get(row.id)!] ? 1 : 0;
    }
    const acknowledgedApi = apiAcked.reduce((sum, n) => sum + n, 0);
    console.log(
      `  in the database: api ${acknowledgedApi} acknowledged commits, ${apiMissing} attempts missing one, ${apiMismatched} holding a body other than their sequence's; raw ${rawMissing} rows missing one`,
    );
    for (const run of runs) {
      for (const [name, one] of [
        ['api', run.api],
        ['raw', run.raw],
      ] as const) {
        const failures = one.result.non2xx + one.result.errors + one.result.timeouts;
        expectWorked(
          one.result['2xx'] > 0 && failures === 0,
          `${name}: ${one.result['2xx']} commits acknowledged, ${failures} failed`,
        );
      }
    }
    expectWorked(
      apiMissing === 0 && apiMismatched === 0 && rawMissing === 0,
      'acknowledged commits missing in the database',
    );
    const best = (pick: (run: { raw: Run; api: Run }) => Run) =>
      runs.map(pick).sort((a, b) => b.result.requests.average - a.result.requests.average)[0];
    const ratios = runs.map((run) => round(run.api.result.requests.average / run.raw.result.requests.average, 2));
    const bestApi = best((run) => run.api);
    const bestRaw = best((run) => run.raw);
    console.log(
      `  throughput ratio api/raw per round ${ratios.join(', ')} (target ≥ ${TARGET_RATIO}); best rounds: api ${round(bestApi.result.requests.average, 0)}/s p99 ${bestApi.result.latency.p99} ms, raw ${round(bestRaw.result.requests.average, 0)}/s p99 ${bestRaw.result.latency.p99} ms (target p99 < ${TARGET_P99_MS} ms); CPU per commit api/raw ${round(bestApi.cpuPerCommit / bestRaw.cpuPerCommit, 2)}×` +
        `; ${apiMissing === 0 && apiMismatched === 0 && rawMissing === 0 ? 'every acknowledged commit is stored' : 'ACKNOWLEDGED COMMITS MISSING'}`,
    );
    if (baselineRuns.length > 0) {
      const perRound = runs.map((run, i) =>
        round(run.api.result.requests.average / baselineRuns[i].result.requests.average, 2),
      );
      const cpu = runs.map((run, i) => round(run.api.cpuPerCommit / baselineRuns[i].cpuPerCommit, 2));
      console.log(
        `  this build against the baseline (${BASELINE}): throughput ratio per round ${perRound.join(', ')}; CPU per commit ratio per round ${cpu.join(', ')}`,
      );
    }
  } finally {
    await db.end();
    if (raw) {
      await stopApp(raw);
    }
    if (baseline) {
      await stopApp(baseline);
    }
    if (api) {
      await stopApp(api);
    }
    await removeRedisKeys(env).catch(() => 0);
    await dropDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
  }
}
