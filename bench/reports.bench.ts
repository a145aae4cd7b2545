/**
 * Reports (issue 16: p99 < 300 ms per dashboard request; a full CSV and XLSX export keeps the api's
 * peak RSS under 250 MB; docs/reports.md).
 *
 * A scratch database gets, by bulk SQL (INSERT … SELECT over MariaDB's sequence tables), 50,000
 * officers in 180 countries, 150 courses, 4 enrolments each (200,000), one attempt per enrolment
 * (200,000), course results for four enrolments in five, and 200,000 recorded sign-ins. The built
 * api runs as its own process; an admin and a coordinator drive each dashboard request in turn
 * (concurrency 1), then the admin downloads the full CSV and XLSX of the learners table while the
 * api's peak RSS (VmHWM) is read. Prints figures; never fails on a time.
 */
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as argon2 from 'argon2';
import { createConnection } from 'mysql2/promise';
import { ARGON2_PARAMS } from '@app/accounts';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, detectFlavor, dropDatabase, runMigrations } from '@app/database';
import { COUNTRY_REGION } from '@app/reports';
import {
  peakRssKb,
  percentile,
  removeRedisKeys,
  round,
  scratchDatabaseUrl,
  serverEnv,
  startApp,
  stopApp,
  waitForHealth,
} from './catalogue-search.bench';
import { expectWorked, isSmoke, sized } from './smoke';

const USERS = sized(50_000, 200);
const COURSES = sized(150, 10);
const COUNTRIES = sized(180, 20);
const ENROLMENTS_PER_USER = 4;
const SIGN_INS = sized(200_000, 800);
const REQUESTS = sized(20, 2);
/** Time a scenario may take before it stops sending (a slow one gets fewer samples). */
const BUDGET_MS = sized(15_000, 1_000);
const TARGET_P99_MS = 300;
const TARGET_RSS_MB = 250;
const PASSWORD = 'bench passphrase for sign-in';
const SUMMARY_MIGRATION = 'ReportSummaries1764510000000';

const userId = (seqSql: string): string => `CONCAT('00000000-0000-4000-8000-', LPAD(${seqSql}, 12, '0'))`;
const courseId = (seqSql: string): string => `CONCAT('00000000-0000-4000-9000-', LPAD(${seqSql}, 12, '0'))`;

async function seed(
  databaseUrl: string,
): Promise<{ seconds: number; coordinatorCountry: string; someOfficer: string }> {
  const started = performance.now();
  const db = await createConnection({ uri: databaseUrl, multipleStatements: false });
  const countries = [...COUNTRY_REGION.keys()].sort().slice(0, COUNTRIES);
  try {
    await db.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    await db.query('CREATE TEMPORARY TABLE bench_countries (n int PRIMARY KEY, code char(2))');
    await db.query('INSERT INTO bench_countries VALUES ?', [countries.map((code, index) => [index, code])]);
    // Officers: one in twenty pending, one in fifty rejected; registered over the last two years.
    await db.query(
      `INSERT INTO users (id, email, password_hash, display_name, country, administration, preferred_language, status, created_at, updated_at)
       SELECT ${userId('s.seq')}, CONCAT('officer', s.seq, '@bench.example.org'), 'x', CONCAT('Officer ', LPAD(s.seq, 6, '0')),
         c.code, CONCAT(c.code, ' Customs'), ELT(1 + s.seq % 3, 'en', 'fr', 'es'),
         CASE WHEN s.seq % 20 = 0 THEN 'pending' WHEN s.seq % 50 = 1 THEN 'rejected' ELSE 'active' END,
         NOW(3) - INTERVAL (s.seq % 730) DAY, NOW(3)
       FROM seq_1_to_${USERS} s JOIN bench_countries c ON c.n = s.seq % ${countries.length}`,
    );
    await db.query(
      `INSERT INTO courses (id, status) SELECT ${courseId('s.seq')}, 'published' FROM seq_1_to_${COURSES} s`,
    );
    await db.query(
      `INSERT INTO course_search (course_id, status, languages, created_at, sort_en, sort_fr, sort_es, document)
       SELECT ${courseId('s.seq')}, 'published', 'en', NOW(3), CONCAT('Course ', s.seq), CONCAT('Cours ', s.seq),
         CONCAT('Curso ', s.seq), CONCAT('Course ', s.seq) FROM seq_1_to_${COURSES} s`,
    );
    // Four distinct courses per officer: (7·u + 37·k) mod COURSES for k = 0…3.
    const course = `1 + (7 * u.seq + 37 * k.seq) % ${COURSES}`;
    const from = `FROM seq_1_to_${USERS} u JOIN seq_0_to_${ENROLMENTS_PER_USER - 1} k`;
    await db.query(
      `INSERT INTO enrolments (user_id, course_id, created_at)
       SELECT ${userId('u.seq')}, ${courseId(course)}, NOW(3) - INTERVAL ((u.seq + k.seq * 11) % 365) DAY ${from}`,
    );
    await db.query(
      `INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type, completion_status,
         success_status, score_scaled, total_seconds, launched_at, last_commit_at, created_at)
       SELECT CONCAT(LPAD(k.seq, 8, '0'), '-0000-4000-a000-', LPAD(u.seq, 12, '0')), ${userId('u.seq')}, ${courseId(course)},
         '00000000-0000-4000-b000-000000000001', 'sco-1', 1 + k.seq, 'scorm12', 'sco',
         ELT(1 + (u.seq + k.seq) % 3, 'incomplete', 'completed', 'completed'), 'unknown', NULL,
         (u.seq * 13 + k.seq * 101) % 3600, NOW(3) - INTERVAL ((u.seq + k.seq * 11) % 365) DAY,
         NOW(3) - INTERVAL ((u.seq + k.seq * 7) % 200) DAY, NOW(3) ${from}`,
    );
    await db.query(
      `INSERT INTO course_results (user_id, course_id, completion_status, success_status, score_scaled, parts_done,
         parts_total, completed_at, passed_at, updated_at)
       SELECT ${userId('u.seq')}, ${courseId(course)},
         IF((u.seq + k.seq) % 5 = 1, 'incomplete', 'completed'),
         CASE WHEN (u.seq + k.seq) % 5 = 1 THEN 'unknown' WHEN (u.seq + k.seq) % 5 = 2 THEN 'failed' ELSE 'passed' END,
         IF((u.seq + k.seq) % 5 = 1, NULL, ((u.seq * 31 + k.seq) % 100) / 100), 1, 2,
         IF((u.seq + k.seq) % 5 = 1, NULL, NOW(3) - INTERVAL ((u.seq + k.seq * 7) % 200) DAY),
         IF((u.seq + k.seq) % 5 IN (0, 3, 4), NOW(3) - INTERVAL ((u.seq + k.seq * 7) % 200) DAY, NULL), NOW(3)
       ${from} WHERE (u.seq + k.seq) % 5 <> 0 OR k.seq = 0`,
    );
    await db.query(
      `INSERT INTO sign_ins (user_id, country, signed_in_at)
       SELECT ${userId(`1 + s.seq % ${USERS}`)}, c.code, NOW(3) - INTERVAL (s.seq % 400) DAY - INTERVAL (s.seq % 86400) SECOND
       FROM seq_1_to_${SIGN_INS} s JOIN bench_countries c ON c.n = (1 + s.seq % ${USERS}) % ${countries.length}`,
    );
    await db.query('ANALYZE TABLE users, enrolments, attempts, course_results, sign_ins, course_search');
    const coordinatorCountry = countries[1 % countries.length];
    return {
      seconds: round((performance.now() - started) / 1000),
      coordinatorCountry,
      someOfficer: `00000000-0000-4000-8000-${String(countries.length + 1).padStart(12, '0')}`,
    };
  } finally {
    await db.end();
  }
}

/** An account signed in through the api; a coordinator gets an appointment for `country`. */
async function signIn(
  databaseUrl: string,
  base: string,
  role: 'admin' | 'coordinator',
  country: string,
): Promise<string> {
  const id = randomUUID();
  const email = `bench.reports.${role}@example.org`;
  const db = await createConnection({ uri: databaseUrl });
  try {
    await db.execute(
      "INSERT INTO users (id, email, password_hash, display_name, country, status, role) VALUES (?, ?, ?, 'Bench', ?, 'active', ?)",
      [
        id,
        email,
        await argon2.hash(PASSWORD, ARGON2_PARAMS),
        role === 'admin' ? null : country,
        role === 'admin' ? 'admin' : 'learner',
      ],
    );
    if (role === 'coordinator') {
      await db.execute(
        'INSERT INTO coordinator_appointments (id, user_id, country, appointed_by, starts_at) VALUES (?, ?, ?, ?, NOW(3) - INTERVAL 1 DAY)',
        [randomUUID(), id, country, id],
      );
    }
  } finally {
    await db.end();
  }
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * Takes the reports' summary tables away (migration down) or puts them back and backfills them
 * (up), as an upgrade does: the bench seeds without them, then times the backfill.
 */
async function summaryMigration(databaseUrl: string, direction: 'up' | 'down'): Promise<number> {
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl, await detectFlavor(databaseUrl)));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    const migration = dataSource.migrations.find((candidate) => candidate.name === SUMMARY_MIGRATION);
    if (!migration) {
      throw new Error(`${SUMMARY_MIGRATION} not found`);
    }
    const started = performance.now();
    await migration[direction](runner);
    return round((performance.now() - started) / 1000);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

interface Scenario {
  name: string;
  token: 'admin' | 'coordinator';
  path: string;
}

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

export async function reportsBench(): Promise<void> {
  const databaseUrl = scratchDatabaseUrl('reports');
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clearance-bench-reports-'));
  await runMigrations(databaseUrl);
  const env = serverEnv(databaseUrl, port, dataDir, 'reports');
  let api: ChildProcess | undefined;
  try {
    await summaryMigration(databaseUrl, 'down');
    const seeded = await seed(databaseUrl);
    const backfillSeconds = await summaryMigration(databaseUrl, 'up');
    api = startApp('api', env);
    await waitForHealth(base, api);
    const tokens = {
      admin: await signIn(databaseUrl, base, 'admin', ''),
      coordinator: await signIn(databaseUrl, base, 'coordinator', seeded.coordinatorCountry),
    };
    const year = `from=${isoDay(365)}&to=${isoDay(0)}`;
    const scenarios: Scenario[] = [
      { name: 'summary, all countries', token: 'admin', path: '/api/reports/summary' },
      { name: 'summary, all countries, last year', token: 'admin', path: `/api/reports/summary?${year}` },
      {
        name: 'summary, one country (admin)',
        token: 'admin',
        path: `/api/reports/summary?country=${seeded.coordinatorCountry}`,
      },
      { name: 'summary, coordinator', token: 'coordinator', path: '/api/reports/summary' },
      { name: 'learners page 1, all countries', token: 'admin', path: '/api/reports/learners' },
      { name: 'learners page 500, all countries', token: 'admin', path: '/api/reports/learners?page=500' },
      {
        name: 'learners, one course, French',
        token: 'admin',
        path: `/api/reports/learners?course=00000000-0000-4000-9000-000000000003&lang=fr`,
      },
      { name: 'learners page 1, coordinator', token: 'coordinator', path: '/api/reports/learners' },
      { name: 'transcript, coordinator', token: 'coordinator', path: `/api/reports/learners/${seeded.someOfficer}` },
      { name: 'secretariat, all countries', token: 'admin', path: '/api/reports/secretariat' },
      { name: 'secretariat, last year', token: 'admin', path: `/api/reports/secretariat?${year}` },
    ];
    console.log(
      `\n## Reports: ${USERS} officers in ${COUNTRIES} countries, ${COURSES} courses, ${USERS * ENROLMENTS_PER_USER} enrolments and attempts, ${SIGN_INS} sign-ins`,
    );
    console.log(
      `(seeded by bulk SQL in ${seeded.seconds} s, summary tables backfilled by their migration in ${backfillSeconds} s; api as its own process; concurrency 1, up to ${REQUESTS} requests each, fewer past ${BUDGET_MS / 1000} s)`,
    );
    let worst = 0;
    // BENCH_REPORTS_EXPORTS_ONLY=1 skips the dashboards (to measure the exports alone).
    for (const scenario of process.env.BENCH_REPORTS_EXPORTS_ONLY === '1' ? [] : scenarios) {
      const headers = { authorization: `Bearer ${tokens[scenario.token]}` };
      if (!isSmoke()) {
        await (await fetch(`${base}${scenario.path}`, { headers })).arrayBuffer(); // warm-up
      }
      const latencies: number[] = [];
      let failed = 0;
      const deadline = performance.now() + BUDGET_MS;
      for (let i = 0; i < REQUESTS && (i < 2 || performance.now() < deadline); i++) {
        const started = performance.now();
        const response = await fetch(`${base}${scenario.path}`, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        failed += response.ok ? 0 : 1;
      }
      expectWorked(failed === 0, `${scenario.name}: ${failed} of ${latencies.length} requests failed`);
      latencies.sort((a, b) => a - b);
      const p99 = percentile(latencies, 99);
      worst = Math.max(worst, p99);
      console.log(
        `${scenario.name.padEnd(40)} p50 ${String(round(percentile(latencies, 50))).padStart(7)}  p99 ${String(round(p99)).padStart(7)} ms  (${latencies.length} requests)`,
      );
    }
    console.log(
      `target p99 < ${TARGET_P99_MS} ms per dashboard request: ${worst < TARGET_P99_MS ? 'met' : 'NOT met'} (worst p99 ${round(worst)} ms)`,
    );

    const pid = api.pid!;
    console.log(`\napi peak RSS before the exports: ${round(peakRssKb(pid) / 1024)} MB`);
    for (const kind of ['csv', 'xlsx'] as const) {
      const started = performance.now();
      const response = await fetch(`${base}/api/reports/learners.${kind}`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      let bytes = 0;
      let newlines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (kind === 'csv') {
          for (const byte of chunk) {
            newlines += byte === 10 ? 1 : 0;
          }
        }
      }
      const rows = kind === 'csv' ? newlines - 1 : undefined;
      expectWorked(response.ok && bytes > 0, `full ${kind} export answered ${response.status} with ${bytes} bytes`);
      if (kind === 'csv') {
        expectWorked(rows === USERS * ENROLMENTS_PER_USER + 1, `the CSV has ${rows} rows`);
      }
      const peak = peakRssKb(pid) / 1024;
      console.log(
        `full ${kind.toUpperCase()} export (all countries): ${round(bytes / 1048576)} MB${rows !== undefined ? `, ${rows} rows` : ''} in ${round((performance.now() - started) / 1000)} s; api peak RSS ${round(peak)} MB (target < ${TARGET_RSS_MB} MB: ${peak < TARGET_RSS_MB ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    if (api) {
      await stopApp(api);
    }
    await dropDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
    await removeRedisKeys(env);
  }
}
