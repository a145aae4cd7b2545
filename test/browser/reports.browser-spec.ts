import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { appoint, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

/**
 * Issue 16 in the browser (docs/reports.md): both dashboards draw their charts (Chart.js, loaded on
 * demand) with table alternatives in English, French and Spanish, and the XLSX downloaded from the
 * coordinator's page holds the numbers its table shows.
 *
 * A known set dated 2021 (as in the reports e2e), so that a 2021 period holds it alone: officers in
 * Botswana (BW, the coordinator's), Senegal (SN) and Uruguay (UY), their enrolments, course results,
 * attempts' time and sign-ins.
 */
const C1 = randomUUID();
const C2 = randomUUID();
const VALUATION = 'Valuation basics';
const ORIGIN = 'Rules of origin';
const PERIOD = 'from=2021-01-01&to=2021-12-31';

interface Officer {
  id: string;
  name: string;
  country: string;
  status: string;
  language: string;
  createdAt: string;
}

const officer = (name: string, country: string, status: string, language: string, createdAt: string): Officer => ({
  id: randomUUID(),
  name,
  country,
  status,
  language,
  createdAt,
});

const b1 = officer('Amara Dube', 'BW', 'active', 'en', '2021-03-01T08:00:00Z');
const b2 = officer('Boitumelo Kgosi', 'BW', 'active', 'fr', '2021-03-02T08:00:00Z');
const b3 = officer('Chipo Moyo', 'BW', 'pending', 'en', '2021-04-01T08:00:00Z');
const b4 = officer('Dineo Tau', 'BW', 'rejected', 'en', '2021-04-02T08:00:00Z');
const b5 = officer('Enya Sello', 'BW', 'suspended', 'en', '2021-05-01T08:00:00Z');
const s1 = officer('Fatou Diop', 'SN', 'active', 'fr', '2021-01-05T08:00:00Z');
const s2 = officer('Gora Ndiaye', 'SN', 'pending', 'fr', '2021-02-05T08:00:00Z');
const y1 = officer('Hugo Pereira', 'UY', 'active', 'es', '2021-06-01T08:00:00Z');
const y2 = officer('Ines Silva', 'UY', 'active', 'es', '2021-06-02T08:00:00Z');
const OFFICERS = [b1, b2, b3, b4, b5, s1, s2, y1, y2];

const ENROLMENTS: Array<[Officer, string, string]> = [
  [b1, C1, '2021-03-10T00:00:00Z'],
  [b1, C2, '2021-03-11T00:00:00Z'],
  [b2, C1, '2021-03-15T00:00:00Z'],
  [s1, C1, '2021-02-01T00:00:00Z'],
  [y1, C2, '2021-06-10T00:00:00Z'],
  [y2, C1, '2021-06-12T00:00:00Z'],
];

// [officer, course, completion, success, score, done, total, completedAt]
const RESULTS: Array<[Officer, string, string, string, number | null, number, number, string | null]> = [
  [b1, C1, 'completed', 'passed', 0.9, 2, 2, '2021-04-01T10:00:00Z'],
  [b1, C2, 'incomplete', 'unknown', null, 1, 3, null],
  [b2, C1, 'completed', 'failed', 0.4, 2, 2, '2021-04-05T10:00:00Z'],
  [s1, C1, 'completed', 'passed', 0.8, 2, 2, '2021-02-20T10:00:00Z'],
  [y1, C2, 'completed', 'passed', 0.7, 3, 3, '2021-07-01T10:00:00Z'],
];

// [officer, course, seconds, launchedAt, lastCommitAt]
const ATTEMPTS: Array<[Officer, string, number, string, string | null]> = [
  [b1, C1, 600, '2021-03-10T09:00:00Z', '2021-03-10T09:30:00Z'],
  [b1, C1, 300, '2021-04-01T09:00:00Z', '2021-04-01T10:00:00Z'],
  [b1, C2, 120, '2021-03-12T09:00:00Z', null],
  [b2, C1, 1000, '2021-03-16T09:00:00Z', '2021-04-05T10:00:00Z'],
  [s1, C1, 500, '2021-02-02T09:00:00Z', '2021-02-20T10:00:00Z'],
  [y1, C2, 400, '2021-06-11T09:00:00Z', '2021-07-01T10:00:00Z'],
];

const SIGN_INS: Array<[Officer, string]> = [
  [b1, '2021-03-10T09:00:00Z'],
  [b1, '2021-03-10T15:00:00Z'],
  [b1, '2021-04-02T09:00:00Z'],
  [b2, '2021-03-10T10:00:00Z'],
  [s1, '2021-03-10T11:00:00Z'],
  [y1, '2021-06-10T08:00:00Z'],
];

type Person = { id: string; email: string; password: string; name: string };
type Language = 'en' | 'fr' | 'es';
const LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES' };

/** The leaves of the web app's "reports" messages in one language, by key. */
function reportMessages(language: Language): Map<string, string> {
  const file = path.resolve(__dirname, `../../apps/web/src/i18n/${language}.json`);
  const messages = (JSON.parse(readFileSync(file, 'utf8')) as { reports: Record<string, unknown> }).reports;
  const leaves = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') {
      leaves.set(prefix, node);
      return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      walk(value, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(messages, '');
  return leaves;
}

/** Digits only: "1 234", "50 %" and "50%" compare alike. */
const digits = (text: string): string => text.replace(/[^\d]/g, '');

describe('reports dashboards in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let db: DataSource;
  let url: string;
  let browser: Browser | undefined;
  let admin: Person;
  let coordinator: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('reports-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    db = app.get(DataSource);
    admin = {
      ...(await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Secretariat Analyst' })),
      name: 'Secretariat Analyst',
    };
    coordinator = { ...(await createUser(app, { country: 'BW', displayName: 'Coord Molefe' })), name: 'Coord Molefe' };
    await appoint(app, await login(app, admin.email, admin.password), coordinator.id, 'BW');

    for (const person of OFFICERS) {
      await db.query(
        `INSERT INTO users (id, email, password_hash, display_name, country, administration, preferred_language, status, created_at, updated_at)
         VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?, ?)`,
        [
          person.id,
          `${person.name.toLowerCase().replace(/ /g, '.')}.${person.id.slice(0, 8)}@dashboard.example.org`,
          person.name,
          person.country,
          `${person.country} Customs`,
          person.language,
          person.status,
          new Date(person.createdAt),
          new Date(person.createdAt),
        ],
      );
    }
    for (const [id, title] of [
      [C1, VALUATION],
      [C2, ORIGIN],
    ]) {
      await db.query("INSERT INTO courses (id, status) VALUES (?, 'draft')", [id]);
      await db.query(
        `INSERT INTO course_search (course_id, status, languages, created_at, sort_en, sort_fr, sort_es, document)
         VALUES (?, 'draft', 'en', NOW(3), ?, ?, ?, ?)`,
        [id, title, title, title, title],
      );
    }
    for (const [person, course, enrolledAt] of ENROLMENTS) {
      await db.query('INSERT INTO enrolments (user_id, course_id, created_at) VALUES (?, ?, ?)', [
        person.id,
        course,
        new Date(enrolledAt),
      ]);
    }
    for (const [person, course, completion, success, score, done, total, completedAt] of RESULTS) {
      await db.query(
        `INSERT INTO course_results (user_id, course_id, completion_status, success_status, score_scaled, parts_done,
           parts_total, completed_at, passed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          person.id,
          course,
          completion,
          success,
          score,
          done,
          total,
          completedAt ? new Date(completedAt) : null,
          success === 'passed' && completedAt ? new Date(completedAt) : null,
          new Date(completedAt ?? '2021-03-12T09:00:00Z'),
        ],
      );
    }
    let number = 0;
    for (const [person, course, seconds, launchedAt, lastCommitAt] of ATTEMPTS) {
      number++;
      await db.query(
        `INSERT INTO attempts (id, user_id, course_id, package_id, item_id, number, standard, item_type, total_seconds,
           launched_at, last_commit_at, created_at) VALUES (?, ?, ?, ?, 'sco-1', ?, 'scorm12', 'sco', ?, ?, ?, ?)`,
        [
          randomUUID(),
          person.id,
          course,
          randomUUID(),
          number,
          seconds,
          new Date(launchedAt),
          lastCommitAt ? new Date(lastCommitAt) : null,
          new Date(launchedAt),
        ],
      );
    }
    for (const [person, signedInAt] of SIGN_INS) {
      await db.query('INSERT INTO sign_ins (user_id, country, signed_in_at) VALUES (?, ?, ?)', [
        person.id,
        person.country,
        new Date(signedInAt),
      ]);
    }
  });

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    if (db) {
      const ids = OFFICERS.map((person) => person.id);
      await db.query('DELETE FROM attempts WHERE user_id IN (?)', [ids]);
      await db.query('DELETE FROM course_results WHERE user_id IN (?)', [ids]);
      await db.query('DELETE FROM enrolments WHERE user_id IN (?)', [ids]);
      await db.query('DELETE FROM sign_ins WHERE user_id IN (?)', [ids]);
      await db.query('DELETE FROM users WHERE id IN (?)', [ids]);
      await db.query('DELETE FROM course_search WHERE course_id IN (?)', [[C1, C2]]);
      await db.query('DELETE FROM courses WHERE id IN (?)', [[C1, C2]]);
    }
    await app?.close();
    restorePrefix?.();
  });

  const open = async (language: Language = 'en'): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL: url,
      locale: LOCALES[language],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: await watchForProblems(page) };
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  const signIn = async (page: Page, who: Person, language: Language) => {
    const en = language === 'en';
    await page.goto('/sign-in');
    await page.locator('#main h1').waitFor();
    await page.locator('input[type="email"]').fill(who.email);
    await page.locator('input[type="password"]').fill(who.password);
    await page.locator('#main form button[type="submit"]').first().click();
    await page.getByRole('banner').getByText(who.name, { exact: false }).waitFor();
    if (en) {
      await page.getByRole('banner').getByText(`Signed in as ${who.name}`).waitFor();
    }
  };

  /** Every chart drawn on a canvas, with the table that holds its figures (its own, opened, or the page's). */
  const checkCharts = async (page: Page, expected: number) => {
    const figures = page.locator('figure.report-chart');
    await page
      .locator('figure.report-chart canvas')
      .nth(expected - 1)
      .waitFor();
    expect(await figures.count()).toBe(expected);
    for (const summary of await page.locator('details.report-chart-table > summary').all()) {
      await summary.click();
    }
    const found = await page.evaluate<Array<{ canvas: boolean; drawn: boolean; label: string; table: number }>>(`
      [...document.querySelectorAll('figure.report-chart')].map((figure) => {
        const canvas = figure.querySelector('canvas');
        const table = document.getElementById(figure.dataset.table);
        return {
          canvas: Boolean(canvas),
          drawn: Boolean(canvas && canvas.width > 0 && canvas.height > 0),
          label: canvas ? canvas.getAttribute('aria-label') || '' : '',
          table: table ? (table.tagName === 'TABLE' ? table : table.querySelector('table')).querySelectorAll('tbody tr').length : -1,
        };
      })`);
    for (const figure of found) {
      expect(figure).toMatchObject({ canvas: true, drawn: true });
      expect(figure.label.length).toBeGreaterThan(10);
      expect(figure.table).toBeGreaterThan(0);
    }
  };

  /** No English message of the reports pages, nor a raw key, on a French or Spanish page. */
  const checkTranslated = async (page: Page, language: Language) => {
    // The page and the main menu (the language switcher names each language in its own language).
    const text = `${await page.locator('#main').innerText()}\n${await page.locator('nav.primary-nav').innerText()}`;
    expect(text).not.toMatch(/\breports\.[a-z]/);
    if (language === 'en') {
      return;
    }
    const english = reportMessages('en');
    const translated = reportMessages(language);
    const leftInEnglish = [...english]
      .filter(([key, value]) => !value.includes('{{') && translated.get(key) !== value)
      .map(([, value]) => value)
      .filter((value) =>
        new RegExp(`(^|[^\\p{L}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text),
      );
    expect(leftInEnglish).toEqual([]);
  };

  /** The rows of a table, as the text of their cells. */
  const rowsOf = (page: Page, caption: string): Promise<string[][]> =>
    page
      .locator('table', { has: page.locator('caption', { hasText: caption }) })
      .first()
      .locator('tbody tr')
      .evaluateAll((rows: Array<{ querySelectorAll: (selector: string) => Iterable<{ innerText: string }> }>) =>
        rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.innerText.trim())),
      );

  it('the coordinator sees Botswana only, and the XLSX downloaded holds the numbers of the table', async () => {
    const { page, problems } = await open('en');
    await signIn(page, coordinator, 'en');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') {
        scripts.push(new URL(request.url()).pathname);
      }
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports', exact: true }).click();
    await heading(page, 'Reports: officers and courses').waitFor();
    expect(await page.getByRole('link', { name: 'Community figures' }).count()).toBe(0);
    await page.goto(`/reports?${PERIOD}`);
    await heading(page, 'Reports: officers and courses').waitFor();
    await checkCharts(page, 4);
    // On a phone the page fits its width (wide tables scroll in their own region).
    await page.setViewportSize({ width: 390, height: 800 });
    // (the charts follow the new width on their next frame).
    await page.waitForFunction(
      () => {
        const view = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return view.document.documentElement.scrollWidth <= view.innerWidth;
      },
      undefined,
      { timeout: 5000 },
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    // Chart.js came with the charts, in a chunk of its own.
    expect(scripts.some((file) => /\/ChartCanvas-[^/]+\.js$/.test(file))).toBe(true);

    expect(await rowsOf(page, 'Officers registered in the period, by account status')).toEqual([
      ['Active', '2'],
      ['Awaiting approval', '1'],
      ['Email not confirmed', '0'],
      ['Suspended', '1'],
      ['Rejected', '1'],
    ]);
    expect(await rowsOf(page, 'Registrations per month')).toEqual([
      ['Mar 2021', '2'],
      ['Apr 2021', '2'],
      ['May 2021', '1'],
    ]);
    const courses = await rowsOf(page, 'Courses with enrolments in the period');
    expect(courses).toEqual([
      [VALUATION, '2', '2', '0', '2', '1', '50%', '65%', '16 min', expect.stringContaining('Question analysis')],
      [ORIGIN, '1', '1', '1', '0', '0', '–', '–', '2 min', expect.stringContaining('Question analysis')],
    ]);
    const questions = page.getByRole('link', { name: `Question analysis ${VALUATION}`, exact: true });
    expect(await questions.getAttribute('href')).toBe(`/reports/courses/${C1}/questions`);

    // The officers' table: Botswana's rows only (no country column for a one-country coordinator).
    await page.getByText('Rows: 3').waitFor();
    // Sorted by name (an officer's courses by course id, random here: compared sorted by title).
    const table = await rowsOf(page, 'Officers and their courses');
    const byNameAndCourse = (a: string[], b: string[]) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]);
    expect([...table].sort(byNameAndCourse)).toEqual([
      [
        expect.stringContaining(b1.name),
        ORIGIN,
        'In progress',
        '1 of 3',
        'No result yet',
        '–',
        '2 min',
        expect.any(String),
      ],
      [
        expect.stringContaining(b1.name),
        VALUATION,
        'Completed',
        '2 of 2',
        'Passed',
        '90%',
        '15 min',
        expect.any(String),
      ],
      [
        expect.stringContaining(b2.name),
        VALUATION,
        'Completed',
        '2 of 2',
        'Failed',
        '40%',
        '17 min',
        expect.any(String),
      ],
    ]);

    // The XLSX downloaded from the page: the same rows, the same numbers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('learners.xlsx');
    await page.getByText('learners.xlsx has been downloaded.').waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const records: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, index) => {
      if (index > 1) {
        const values = (row.values as unknown[]).slice(1);
        records.push(Object.fromEntries(header.map((column, at) => [column, values[at] ?? null])));
      }
    });
    expect(records).toHaveLength(table.length);
    records.forEach((record, index) => {
      const [person, course, , parts, , score, time] = table[index];
      expect(person).toContain(String(record.displayName));
      expect(record.country).toBe('BW');
      expect(record.courseTitle).toBe(course);
      expect(`${String(record.partsDone)} of ${String(record.partsTotal)}`).toBe(parts);
      expect(record.scoreScaled === null ? '–' : `${Math.round(Number(record.scoreScaled) * 100)}%`).toBe(score);
      expect(`${Math.round(Number(record.timeSeconds) / 60)} min`).toBe(time);
    });
    // The courses' figures equal the export's: its rows per course are the enrolments shown.
    for (const [title, enrolments] of courses) {
      expect(records.filter((record) => record.courseTitle === title)).toHaveLength(Number(enrolments));
    }

    // The CSV too: same filters, same rows.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(table.length + 1);

    // Filters live in the address and narrow the table and its exports.
    await page.getByLabel('Course', { exact: true }).selectOption({ label: ORIGIN });
    await page.getByText('Rows: 1').waitFor();
    expect(new URL(page.url()).searchParams.get('course')).toBe(C2);
    await page.getByLabel('Account status', { exact: true }).selectOption('suspended');
    await page.getByText('No officer matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByText(/^Rows: \d+$/).waitFor();
    expect(new URL(page.url()).search).toBe('');

    // The transcript, read-only; another country's officer is not found.
    await page.goto(`/reports?${PERIOD}`);
    await page.getByRole('link', { name: b1.name }).first().click();
    await heading(page, b1.name).waitFor();
    expect(await rowsOf(page, `Courses of ${b1.name}`)).toEqual([
      [VALUATION, 'Completed', '2 of 2', 'Passed', '90%', '15 min', expect.any(String)],
      [ORIGIN, 'In progress', '1 of 3', 'No result yet', '–', '2 min', expect.any(String)],
    ]);
    expect(
      await page
        .getByRole('button')
        .filter({ hasNotText: /Sign out|Sign in/ })
        .count(),
    ).toBe(0);
    await page.goto(`/reports/learners/${s1.id}`);
    await heading(page, "Officer's transcript").waitFor();
    await page.getByRole('alert').waitFor();
    expect(await page.getByText(s1.name).count()).toBe(0);

    // The Secretariat's dashboard is not the coordinator's.
    await page.goto('/reports/secretariat');
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Community figures' }).waitFor();
    expect(await page.locator('figure.report-chart').count()).toBe(0);
    expect(problems.all.filter((line) => !/status of 40[34]/.test(line))).toEqual([]);
  });

  for (const language of ['en', 'fr', 'es'] as const) {
    it(`the Secretariat's two dashboards in ${language}: charts, their tables, every word translated`, async () => {
      const { page, problems } = await open(language);
      await signIn(page, admin, language);
      const messages = reportMessages(language);
      const say = (key: string) => messages.get(key)!;

      await page.goto(`/reports?${PERIOD}`);
      await heading(page, say('officers.heading')).waitFor();
      await checkCharts(page, 4);
      await page.getByText(say('learners.count').replace('{{number}}', '6')).waitFor();
      await checkTranslated(page, language);

      await page
        .getByRole('navigation', { name: say('tabs.label') })
        .getByRole('link', { name: say('tabs.secretariat') })
        .click();
      await heading(page, say('secretariat.heading')).waitFor();
      await page.goto(`/reports/secretariat?${PERIOD}`);
      await heading(page, say('secretariat.heading')).waitFor();
      await checkCharts(page, 7);
      await checkTranslated(page, language);

      // The figures of the known set, by WCO region and by country; the funnel.
      const regions = await rowsOf(page, say('secretariat.regionsCaption'));
      expect(regions.map(([name, ...figures]) => [name, ...figures.map(digits)])).toEqual([
        [say('regions.east-southern-africa'), '1', '5', '2', '3', '3', '2', '1'],
        [say('regions.west-central-africa'), '1', '2', '1', '1', '1', '1', '1'],
        [say('regions.americas-caribbean'), '1', '2', '2', '2', '1', '1', '1'],
      ]);
      const countries = await rowsOf(page, say('secretariat.countriesCaption'));
      expect(countries.map(([, region, ...figures]) => [region, ...figures.map(digits)])).toEqual([
        [say('regions.east-southern-africa'), '5', '2', '3', '3', '2', '1'],
        [say('regions.west-central-africa'), '2', '1', '1', '1', '1', '1'],
        [say('regions.americas-caribbean'), '2', '2', '2', '1', '1', '1'],
      ]);
      expect(
        (await rowsOf(page, say('secretariat.funnelHeading'))).map(([step, count]) => [step, digits(count)]),
      ).toEqual([
        [say('secretariat.funnel.enrolled'), '6'],
        [say('secretariat.funnel.started'), '5'],
        [say('secretariat.funnel.completed'), '4'],
        [say('secretariat.funnel.passed'), '3'],
      ]);
      expect((await rowsOf(page, say('secretariat.activePerMonth'))).map(([, count]) => count)).toEqual([
        '3',
        '1',
        '1',
      ]);
      expect((await rowsOf(page, say('secretariat.activePerDay'))).map(([, count]) => count)).toEqual(['3', '1', '1']);
      expect((await rowsOf(page, say('secretariat.newPerMonth'))).map(([, count]) => count)).toEqual([
        '1',
        '1',
        '2',
        '2',
        '1',
        '2',
      ]);
      const queues = await rowsOf(page, say('secretariat.queuesCaption'));
      expect(queues.length).toBeGreaterThan(0);
      for (const row of queues) {
        expect(row.slice(1).every((cell) => /^\d+$/.test(digits(cell)))).toBe(true);
      }
      expect(problems.all).toEqual([]);
    });
  }

  it('the first page does not fetch Chart.js', async () => {
    const { page } = await open('en');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') {
        scripts.push(new URL(request.url()).pathname);
      }
    });
    await page.goto('/', { waitUntil: 'load' });
    await page.locator('#main h1').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((file) => /ChartCanvas/.test(file))).toEqual([]);
  });
});
