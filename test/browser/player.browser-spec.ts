import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { createUser, nextClientIp, type TestApp } from '../support/app';
import { describeConformance } from '../support/conformance';
import {
  buildPackage,
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Measure,
  scorm2004Sequenced,
  type CourseSpec,
} from '../support/scorm-packages';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';
import {
  appRequest,
  hostilePackage,
  importCourse,
  loginAt,
  PROBE_SUSPEND,
  PROBE_TITLE,
  startPlayerServer,
} from './support/player';

const GOLF = {
  scorm12Basic: 'golf-scorm12-runtime-basic-calls.zip',
  scorm12Minimum: 'golf-scorm12-runtime-minimum-calls.zip',
  scorm12Assets: 'golf-scorm12-assets-one-file-per-item.zip',
  scorm2004Second: 'golf-scorm2004-2nd-single-sco.zip',
  scorm2004Third: 'golf-scorm2004-3rd-runtime-basic-calls.zip',
  scorm2004Sequencing: 'golf-scorm2004-3rd-seq-forced-sequential.zip',
} as const;
type GolfFixture = keyof typeof GOLF;

/** The project's own packages (test/support/scorm-packages), driven through their pages' buttons. */
const GENERATED = {
  bookmark12: scorm12Bookmark,
  multi12: () => scorm12MultiSco({ scos: 3 }),
  sequenced2004: scorm2004Sequenced,
  measure2004: scorm2004Measure,
} satisfies Record<string, () => CourseSpec>;
type Generated = keyof typeof GENERATED;
type Fixture = GolfFixture | Generated;

interface Course {
  id: string;
  title: string;
}

/**
 * The player against the real api, worker and packages: every package is imported, launched from its
 * course page, worked through, left (by the player's Exit and by navigating elsewhere in the app) and
 * launched again; "My learning" must show what the content reported. The project's own packages
 * always; the third-party Golf packages as the external conformance suite (test/support/conformance.ts).
 * One server, worker and browser for the file.
 */

/** Polls `read` until `done` holds (or 10 s pass) and answers the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SCORM player in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let appOrigin: string;
  let contentOrigin: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const courses = new Map<Fixture | 'probe', Course>();
  let addCourse: (key: Fixture | 'probe', file: string | Buffer, name: string) => Promise<void>;

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('player-browser');
    worker = await startTestWorker({}, [QueueName.Imports]);
    ({ app, appOrigin, contentOrigin } = await startPlayerServer());
    browser = await launchBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await loginAt(app, admin.email, admin.password, nextClientIp());
    addCourse = async (key, file, name) => {
      const id = await importCourse(app!, token, file, name);
      const detail = await appRequest(app!).get(`/api/courses/${id}`).auth(token, { type: 'bearer' });
      courses.set(key, { id, title: (detail.body as { title: string }).title });
    };
    for (const [key, spec] of Object.entries(GENERATED) as [Generated, () => CourseSpec][]) {
      await addCourse(key, await buildPackage(spec()), `${key}.zip`);
    }
    await addCourse('probe', await hostilePackage(appOrigin), 'probe.zip');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
    await browser?.close();
    await app?.close();
    await worker?.close();
    restorePrefix?.();
  });

  const course = (key: Fixture | 'probe'): Course => courses.get(key)!;

  /** A new learner, signed in, in a fresh browser context; content's confirm() dialogs are accepted. */
  const learnerPage = async (): Promise<{ page: Page; problems: PageProblems }> => {
    const learner = await createUser(app!, { displayName: 'Amina Diallo', country: 'SN' });
    const context = await browser!.newContext({
      baseURL: appOrigin,
      locale: 'en-US',
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const problems = await watchForProblems(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(learner.email);
    await page.getByLabel('Password', { exact: true }).fill(learner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText('Signed in as Amina Diallo').waitFor();
    return { page, problems };
  };

  /** Another tab of the same learner (same browser context), signed in through the refresh cookie. */
  const learnerPageFor = async (previous: Page): Promise<Page> => {
    const page = await previous.context().newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/my-learning');
    await page.getByRole('banner').getByText('Signed in as Amina Diallo').waitFor();
    return page;
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  /** Opens the course page and presses its launch button; resolves once the SCO's page has loaded. */
  const launch = async (page: Page, key: Fixture | 'probe', button: string): Promise<Frame> => {
    await page.goto(`/courses/${course(key).id}`);
    await heading(page, course(key).title).waitFor();
    await page.getByRole('button', { name: button, exact: true }).click();
    // The player takes the token out of the address bar once read (docs/player.md).
    await page.waitForURL(/\/play\/[0-9a-f-]{36}$/);
    return scoFrame(page);
  };

  const launcherFrame = async (page: Page): Promise<Frame> => {
    for (let tries = 0; tries < 200; tries++) {
      const frame = page.frames().find((candidate) => candidate.url().includes('/content/_launcher/launcher.html'));
      if (frame) {
        return frame;
      }
      await page.waitForTimeout(50);
    }
    throw new Error('no launcher frame');
  };

  /** The SCO's frame (the launcher's child), once its document has loaded. */
  const scoFrame = async (page: Page, urlPart = '/content/'): Promise<Frame> => {
    for (let tries = 0; tries < 300; tries++) {
      const launcher = page.frames().find((candidate) => candidate.url().includes('/content/_launcher/launcher.html'));
      const sco = launcher?.childFrames().find((child) => child.url().includes(urlPart));
      if (sco && (await sco.evaluate('document.readyState').catch(() => '')) === 'complete') {
        return sco;
      }
      await page.waitForTimeout(50);
    }
    throw new Error(`no SCO frame with ${urlPart}`);
  };

  /** A value from the launcher's local API (what the SCO reads). */
  const scormValue = async (page: Page, element: string): Promise<string> => {
    const launcher = await launcherFrame(page);
    return launcher.evaluate<string>(
      `(window.API_1484_11 ? window.API_1484_11.GetValue(${JSON.stringify(element)}) : window.API.LMSGetValue(${JSON.stringify(element)}))`,
    );
  };

  /** The page of a Golf launch page's inner frame, e.g. "Playing/Par.html". */
  const golfPage = async (sco: Frame): Promise<string> => {
    const src = await sco.evaluate<string>('document.getElementById("contentFrame").getAttribute("src")');
    return src.replace(/^\.\.\//, '');
  };

  const golfNext = async (sco: Frame, times: number) => {
    for (let i = 0; i < times; i++) {
      const before = await golfPage(sco);
      await sco.locator('#butNext').click();
      await until(
        () => golfPage(sco),
        (page) => page !== before,
      );
    }
  };

  /** Next until the last page (the quiz, in the packages that have one). */
  const golfToEnd = async (sco: Frame) => {
    for (let i = 0; i < 30 && !(await sco.locator('#butNext').isDisabled()); i++) {
      await golfNext(sco, 1);
    }
  };

  /** Answers the Golf assessment: every answer right, or every choice wrong and numbers left empty. */
  const answerQuiz = async (sco: Frame, how: 'right' | 'wrong') => {
    // The launch page loads its inner quiz frame after itself: wait for it.
    const quiz = await until(
      () => Promise.resolve(sco.childFrames().find((child) => child.url().includes('assessmenttemplate.html'))),
      (frame) => frame !== undefined,
    );
    if (!quiz) {
      throw new Error('no quiz frame');
    }
    await quiz.locator('input[type=button][value="Submit Answers"]').waitFor();
    if (how === 'right') {
      for (const radio of await quiz.locator('.correctAnswer input[type=radio]').all()) {
        await radio.check();
      }
      for (const text of await quiz.locator('.correctAnswer input[type=text]').all()) {
        const label = (await text.locator('xpath=..').textContent()) ?? '';
        await text.fill(/\(([^)]*)\)/.exec(label)![1].trim());
      }
    } else {
      for (const question of await quiz.locator('.question').all()) {
        const wrong = question.locator('.answer input[type=radio]');
        if ((await wrong.count()) > 0) {
          await wrong.first().check();
        }
      }
    }
    await quiz.locator('input[type=button][value="Submit Answers"]').click();
  };

  /**
   * Waits until every frame (the launcher and the SCO in it) has loaded. The golf packages' own
   * unload handler reads a start time that their load handler sets, so a person leaving while a
   * SCO's page still loads makes the content itself throw ("reading 'getTime'" of null): the tests
   * leave as a person does who has seen the page, not mid-load.
   */
  const contentLoaded = async (page: Page) => {
    for (const frame of page.frames()) {
      await frame.waitForLoadState('load').catch(() => undefined); // a frame may be replaced meanwhile
    }
  };

  const leaveByExit = async (page: Page, key: Fixture | 'probe') => {
    await contentLoaded(page);
    await page.getByRole('button', { name: 'Exit', exact: true }).click();
    await heading(page, course(key).title).waitFor();
  };

  const leaveByAppLink = async (page: Page) => {
    await contentLoaded(page);
    await page.getByRole('navigation', { name: 'Leave the player' }).getByRole('link', { name: 'My learning' }).click();
    await heading(page, 'My learning').waitFor();
  };

  /** The "My learning" facts of a course, as shown. */
  const learningFacts = async (page: Page, key: Fixture | 'probe') => {
    if (!page.url().endsWith('/my-learning')) {
      await page.goto('/my-learning');
    }
    const section = page.locator('section.learning-course').filter({
      has: page.getByRole('heading', { level: 2, name: course(key).title, exact: true }),
    });
    await section.waitFor();
    const field = (name: string) => section.locator(`[data-field="${name}"]`).textContent();
    return {
      section,
      completion: await field('completion'),
      success: await field('success'),
      score: await field('score'),
      time: await field('time'),
    };
  };

  /** Lets the final commit (a beacon) land before the next page asks the server. */
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 300));

  const toc = (page: Page) => page.getByRole('navigation', { name: 'Contents', exact: true });
  const tocEntries = (page: Page) => toc(page).getByRole('listitem');
  /** The TOC button of an item, found by its title (its name also holds the status). */
  const tocButton = (page: Page, title: string) =>
    toc(page)
      .getByRole('button')
      .filter({ has: page.locator('.toc-title', { hasText: new RegExp(`^${title}$`) }) });
  const currentTitle = (page: Page) => toc(page).locator('button[aria-current="step"] .toc-title').textContent();
  const statusOf = (page: Page, title: string) => tocButton(page, title).locator('.toc-status').textContent();
  /** "Not available yet" when sequencing does not let the learner choose the item now, else null. */
  const availabilityOf = async (page: Page, title: string) => {
    const locked = tocButton(page, title).locator('.toc-locked');
    return (await locked.count()) > 0 ? await locked.textContent() : null;
  };

  /** The generated SCO page (test/support/scorm-packages), once it has found the API and initialised. */
  const scoReady = async (page: Page, urlPart: string): Promise<Frame> => {
    const sco = await scoFrame(page, urlPart);
    await sco.locator('body[data-state="ready"]').waitFor();
    return sco;
  };
  /** What the generated page read at start, e.g. "entry" or "location". */
  const fact = (sco: Frame, field: string) => sco.locator(`[data-field="${field}"]`).textContent();
  /** Presses a button of the generated page and waits until its status line says `done`. */
  const press = async (sco: Frame, name: string, done: string | RegExp) => {
    await sco.getByRole('button', { name, exact: true }).click();
    await sco.getByRole('status').filter({ hasText: done }).waitFor();
  };
  /** The calls of the generated page that did not answer "true". */
  const failedCalls = (sco: Frame) => sco.locator('#log li').filter({ hasText: '[error' }).allTextContents();
  /** An objective's status in the launcher's API, found by its id. */
  const objectiveStatus = async (page: Page, id: string): Promise<string> => {
    const launcher = await launcherFrame(page);
    return launcher.evaluate<string>(`(function () {
      var v2004 = !!window.API_1484_11;
      var get = v2004 ? function (e) { return window.API_1484_11.GetValue(e); } : function (e) { return window.API.LMSGetValue(e); };
      var count = Number(get('cmi.objectives._count'));
      for (var i = 0; i < count; i++) {
        if (get('cmi.objectives.' + i + '.id') === ${JSON.stringify(id)}) {
          return get('cmi.objectives.' + i + (v2004 ? '.success_status' : '.status'));
        }
      }
      return 'absent';
    })()`);
  };
  const waitForCurrent = async (page: Page, title: string) =>
    expect(
      await until(
        () => currentTitle(page),
        (current) => current === title,
      ),
    ).toBe(title);

  it('generated SCORM 1.2: keeps its bookmark and suspend data through Suspend and Exit, then passes with a score', async () => {
    const { page, problems } = await learnerPage();
    const key = 'bookmark12';
    let sco = await launch(page, key, 'Start');
    sco = await scoReady(page, 'content/valuation.html');
    expect(await fact(sco, 'entry')).toBe('ab-initio');
    expect(await fact(sco, 'learner')).toBe('Amina Diallo');
    await sco.getByLabel('Bookmark').fill('section-3');
    await press(sco, 'Set bookmark', 'Bookmark set: section-3');
    await sco.getByLabel('Suspend data').fill('{"answered":[1,2]}');
    await press(sco, 'Save suspend data', 'Suspend data saved');
    await press(sco, 'Suspend', 'Suspended');
    expect(await scormValue(page, 'cmi.core.lesson_location')).toBe('section-3');
    await leaveByExit(page, key);

    // Resumed: the page reads back what it stored.
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    await launch(page, key, 'Resume');
    sco = await scoReady(page, 'content/valuation.html');
    expect(await fact(sco, 'entry')).toBe('resume');
    expect(await fact(sco, 'location')).toBe('section-3');
    expect(await fact(sco, 'suspend-data')).toBe('{"answered":[1,2]}');
    expect(await sco.getByLabel('Bookmark').inputValue()).toBe('section-3');
    await press(sco, 'Record answers', 'Answers recorded: 3');
    await press(sco, 'Pass objective obj_valuation', 'Objective obj_valuation passed');
    expect(await objectiveStatus(page, 'obj_valuation')).toBe('passed');
    await sco.getByLabel('Score').fill('80');
    await press(sco, 'Pass', 'Passed with 80');
    await press(sco, 'Finish', 'Finished');
    expect(await failedCalls(sco)).toEqual([]);
    await leaveByAppLink(page);
    await flushed();

    const facts = await learningFacts(page, key);
    expect([facts.completion, facts.success, facts.score]).toEqual(['Completed', 'Passed', '80%']);
    // Launched again: the passed attempt opens for review.
    await page.goto(`/courses/${course(key).id}`);
    await page.getByRole('button', { name: 'New attempt', exact: true }).waitFor();
    await launch(page, key, 'Review');
    sco = await scoReady(page, 'content/valuation.html');
    expect(await fact(sco, 'mode')).toBe('review');
    await leaveByExit(page, key);
    expect(problems.all).toEqual([]);
  });

  it('generated SCORM 1.2 multi-SCO: moves between SCOs from the contents and by Next, one attempt each, and rolls the course up', async () => {
    const { page, problems } = await learnerPage();
    const key = 'multi12';
    await launch(page, key, 'Start');
    await toc(page).waitFor();
    expect(await tocEntries(page).count()).toBe(3);
    await waitForCurrent(page, 'Part 1');
    let sco = await scoReady(page, 'content/part_1.html?part=1');
    await press(sco, 'Pass', 'Passed with 80');
    await tocButton(page, 'Part 2').click();
    await waitForCurrent(page, 'Part 2');
    sco = await scoReady(page, 'content/part_2.html?part=2');
    expect(await fact(sco, 'entry')).toBe('ab-initio');
    expect(await statusOf(page, 'Part 1')).toBe('Passed');
    await press(sco, 'Complete', 'Completed');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await waitForCurrent(page, 'Part 3');
    sco = await scoReady(page, 'content/part_3.html?part=3');
    expect(await statusOf(page, 'Part 2')).toBe('Completed');
    await sco.getByLabel('Score').fill('30');
    await press(sco, 'Fail', 'Failed with 30');
    await leaveByExit(page, key);
    await flushed();

    const facts = await learningFacts(page, key);
    expect([facts.completion, facts.success]).toEqual(['Completed', 'Failed']);
    for (const title of ['Part 1', 'Part 2', 'Part 3']) {
      const row = facts.section
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
      expect(await row.getByRole('cell').first().textContent()).toBe('1');
    }
    expect(problems.all).toEqual([]);
  });

  it('generated SCORM 2004 3rd: Part 3 stays disabled until Part 2 passes (a global objective); flow, choice and rollup', async () => {
    const { page, problems } = await learnerPage();
    const key = 'sequenced2004';
    const [part1, part2, part3] = scorm2004Sequenced().items.map((item) => item.title);
    await launch(page, key, 'Start');
    await toc(page).waitFor();
    expect(await tocEntries(page).count()).toBe(3);
    await waitForCurrent(page, part1);
    let sco = await scoReady(page, 'content/part_1.html');
    expect(await statusOf(page, part2)).toBe('Not started');
    expect(await availabilityOf(page, part3)).toBe('Not available yet');
    expect(await tocButton(page, part3).getAttribute('aria-disabled')).toBe('true');

    // Flow: the page completes Part 1 and asks to continue.
    await press(sco, 'Complete', 'Completed');
    await sco.getByRole('button', { name: 'Continue', exact: true }).click();
    await waitForCurrent(page, part2);
    sco = await scoReady(page, 'content/part_2.html');
    expect(await statusOf(page, part1)).toBe('Completed');

    // Part 2 failed: its objective (the global one) is not satisfied, so Part 3 stays disabled.
    await sco.getByLabel('Score').fill('40');
    await press(sco, 'Fail', 'Failed with 40');
    await press(sco, 'Complete', 'Completed');
    await press(sco, 'Finish', 'Finished');
    // Choosing Part 1 again brings the statuses the server stored.
    await tocButton(page, part1).click();
    await waitForCurrent(page, part1);
    await scoFrame(page, 'content/part_1.html');
    expect(await statusOf(page, part2)).toBe('Failed');
    expect(await availabilityOf(page, part3)).toBe('Not available yet');
    await tocButton(page, part3).click({ force: true });
    await page.waitForTimeout(500);
    expect(await currentTitle(page)).toBe(part1);
    await leaveByExit(page, key);

    // Another learner passes Part 2, chosen from the contents: Part 3 opens, and the course rolls up.
    const second = await learnerPage();
    await launch(second.page, key, 'Start');
    await waitForCurrent(second.page, part1);
    await tocButton(second.page, part2).click();
    await waitForCurrent(second.page, part2);
    sco = await scoReady(second.page, 'content/part_2.html');
    await sco.getByLabel('Score').fill('90');
    await press(sco, 'Pass', 'Passed with 90');
    await press(sco, 'Complete', 'Completed');
    await sco.getByRole('button', { name: 'Continue', exact: true }).click();
    await waitForCurrent(second.page, part3);
    sco = await scoReady(second.page, 'content/part_3.html');
    expect(await statusOf(second.page, part2)).toBe('Passed');
    await press(sco, 'Record answers', 'Answers recorded: 1');
    await press(sco, 'Pass', 'Passed with 80');
    await press(sco, 'Complete', 'Completed');
    await sco.getByRole('button', { name: 'Previous', exact: true }).click();
    await waitForCurrent(second.page, part2);
    await tocButton(second.page, part1).click();
    await waitForCurrent(second.page, part1);
    sco = await scoReady(second.page, 'content/part_1.html');
    await press(sco, 'Complete', 'Completed');
    await press(sco, 'Finish', 'Finished');
    await leaveByAppLink(second.page);
    await flushed();
    const facts = await learningFacts(second.page, key);
    expect([facts.completion, facts.success]).toEqual(['Completed', 'Passed']);
    expect(problems.all).toEqual([]);
    expect(second.problems.all).toEqual([]);
  });

  it('generated SCORM 2004 4th: a progress measure over the threshold completes the lesson; interactions and objectives are recorded', async () => {
    const { page, problems } = await learnerPage();
    const key = 'measure2004';
    const [lesson, assessment] = scorm2004Measure().items.map((item) => item.title);
    await launch(page, key, 'Start');
    await waitForCurrent(page, lesson);
    let sco = await scoReady(page, 'content/lesson.html');
    expect(await fact(sco, 'completion-threshold')).toBe('0.8');
    await sco.getByLabel('Progress measure').fill('0.5');
    await press(sco, 'Set progress', 'Progress set: 0.5');
    expect(await scormValue(page, 'cmi.completion_status')).toBe('incomplete');
    await sco.getByLabel('Progress measure').fill('0.8');
    await press(sco, 'Set progress', 'Progress set: 0.8');
    expect(await scormValue(page, 'cmi.completion_status')).toBe('completed');
    await press(sco, 'Pass objective obj_headings', 'Objective obj_headings passed');
    await press(sco, 'Fail objective obj_rules', 'Objective obj_rules failed');
    expect(await objectiveStatus(page, 'obj_headings')).toBe('passed');
    expect(await objectiveStatus(page, 'obj_rules')).toBe('failed');
    await sco.getByRole('button', { name: 'Continue', exact: true }).click();
    await waitForCurrent(page, assessment);
    sco = await scoReady(page, 'content/assessment.html');
    // The lesson was launched: its stored status comes back with the next item's data. (Its
    // completion by measure is the run-time's answer to GetValue; what the server stores is the
    // completion_status the content set, here "incomplete".)
    expect(await statusOf(page, lesson)).not.toBe('Not started');

    await press(sco, 'Record answers', 'Answers recorded: 3');
    expect(await scormValue(page, 'cmi.interactions._count')).toBe('3');
    expect(await scormValue(page, 'cmi.interactions.2.id')).toBe('q_rate');
    expect(await scormValue(page, 'cmi.interactions.2.result')).toBe('correct');
    expect(await scormValue(page, 'cmi.interactions.2.objectives.0.id')).toBe('obj_classify');
    await press(sco, 'Pass objective obj_classify', 'Objective obj_classify passed');
    await sco.getByLabel('Score').fill('75');
    await press(sco, 'Pass', 'Passed with 75');
    await press(sco, 'Complete', 'Completed');
    expect(await failedCalls(sco)).toEqual([]);
    await press(sco, 'Finish', 'Finished');
    await leaveByAppLink(page);
    await flushed();
    const facts = await learningFacts(page, key);
    // Only the assessment reports a score; the measure rollup weighs every tracked part (objective
    // measure weight 1 by default), so the course's is half of it (docs/course-results.md).
    expect(facts.score).toBe('37.5%');
    expect(problems.all).toEqual([]);
  });

  it('gives a hostile package nothing beyond its own attempt, and resumes its long suspend_data', async () => {
    const { page, problems } = await learnerPage();
    const key = 'probe';
    let sco = await launch(page, key, 'Start');
    const read = async (frame: Frame) => {
      await until(
        () => frame.title(),
        (title) => title === 'done',
        20_000,
      );
      return JSON.parse((await frame.locator('#findings').textContent())!) as Record<string, unknown>;
    };
    const findings = await read(sco);
    expect(findings).toMatchObject({
      apiFound: true,
      initialize: 'true',
      first: { entry: 'ab-initio', location: '', suspendLength: 0, credit: 'credit', studentName: 'Amina Diallo' },
      badElement: 'false/401',
      setLocation: 'true',
      setSuspend: 'true',
      commit: 'true',
      cookie: '',
      // The launcher is on the content origin, so readable: it must hold no token.
      launcherReadable: true,
      launcherHasToken: false,
      topDocument: 'blocked',
      topLocation: 'blocked',
      topApi: 'blocked',
      replies: [],
      plantedRan: true,
      plantedReplies: [],
      // The launcher's copy is untouched by the forged SetValue; the relaunch below shows the stored one is too.
      locationAfter: 'legit-location',
    });
    // The content origin's own storage (or none at all, for a third-party frame): never the app's.
    expect(['{}', 'error: SecurityError']).toContain(findings.localStorage);
    expect(['{}', 'error: SecurityError']).toContain(findings.sessionStorage);
    expect(findings.fetchMe).toMatch(/^blocked: TypeError$/);
    expect(findings.fetchRefresh).toMatch(/^blocked: TypeError$/);
    await leaveByExit(page, key);
    await flushed();

    sco = await launch(page, key, 'Resume');
    const again = await read(sco);
    expect(again.first).toEqual({
      entry: 'resume',
      location: 'legit-location',
      suspendLength: PROBE_SUSPEND.length,
      suspendEnd: 'end',
      credit: 'credit',
      studentName: 'Amina Diallo',
    });
    await leaveByAppLink(page);
    // The page of the player itself: the probe's own title is not the course's.
    expect(course(key).title).toContain(PROBE_TITLE);
    expect(problems.all.filter((line) => !line.includes('/api/'))).toEqual([]);
  });

  describeConformance('the Golf packages', (dir) => {
    beforeAll(async () => {
      for (const [key, file] of Object.entries(GOLF) as [GolfFixture, string][]) {
        await addCourse(key, path.join(dir, file), file);
      }
    }, 180_000);

    describe.each([
      ['scorm12Basic', 'right', 'cmi.core.lesson_location', 'cmi.core.entry', 'cmi.core.score.raw'],
      ['scorm2004Third', 'wrong', 'cmi.location', 'cmi.entry', 'cmi.score.raw'],
    ] as const)('%s (one SCO with a quiz)', (key, answers, locationElement, entryElement, scoreElement) => {
      it('resumes where the learner left by Exit, records the quiz after leaving through the app, and reopens for review', async () => {
        const { page, problems } = await learnerPage();

        // First session: three pages in, then the player's Exit.
        let sco = await launch(page, key, 'Start');
        expect(await scormValue(page, entryElement)).toBe('ab-initio');
        await golfNext(sco, 3);
        const bookmark = await golfPage(sco);
        expect(await scormValue(page, locationElement)).toBe('3');
        await leaveByExit(page, key);

        // Second session: resumed at the stored page; then to the quiz, and away through an app link.
        await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
        sco = await launch(page, key, 'Resume');
        expect(await scormValue(page, entryElement)).toBe('resume');
        expect(await scormValue(page, locationElement)).toBe('3');
        expect(
          await until(
            () => golfPage(sco),
            (page) => page === bookmark,
          ),
        ).toBe(bookmark);
        await golfToEnd(sco);
        await answerQuiz(sco, answers);
        const raw = await scormValue(page, scoreElement);
        expect(raw).toMatch(/^\d+$/);
        const passed = Number(raw) >= 70;
        expect(passed).toBe(answers === 'right');
        await leaveByAppLink(page);
        await flushed();

        const facts = await learningFacts(page, key);
        expect(facts.completion).toBe('Completed');
        expect(facts.success).toBe(passed ? 'Passed' : 'Failed');
        expect(facts.score).toBe(`${Number(raw)}%`);
        // Two sessions of several seconds; a session whose SCO reported no time counts its wall time,
        // and the page says so (docs/course-results.md).
        expect(facts.time).toMatch(/^(\d+s|\d+m \d+s)(, measured by the platform)?$/);
        expect(facts.time).not.toBe('0s');

        // Third launch: the attempt is complete, so it opens for review (nothing recorded), or anew.
        await page.goto(`/courses/${course(key).id}`);
        // After a failure the main action is "Try again" (docs/course-results.md).
        await page.getByRole('button', { name: passed ? 'New attempt' : 'Try again', exact: true }).waitFor();
        await launch(page, key, 'Review');
        await page.getByText('Review: nothing is recorded').waitFor();
        expect(
          await scormValue(page, 'cmi.mode' in {} ? '' : key === 'scorm12Basic' ? 'cmi.core.lesson_mode' : 'cmi.mode'),
        ).toBe('review');
        await leaveByExit(page, key);
        expect(problems.all).toEqual([]);
      });
    });

    it('scorm2004Second: serves the 2nd edition data model to its page and resumes it (the page itself makes no SCORM calls)', async () => {
      const { page, problems } = await learnerPage();
      const key = 'scorm2004Second';
      let sco = await launch(page, key, 'Start');
      await sco.getByRole('heading', { name: 'Not implemented yet' }).waitFor();
      // The test plays the SCO from the package's own page, through the API it finds in its parent.
      const run = (script: string) => sco.evaluate(`(function (API) { ${script} })(window.parent.API_1484_11)`);
      expect(await run(`return [API.GetValue('cmi.entry'), API.GetLastError()].join('/');`)).toBe('/122');
      expect(
        await run(`return [
          API.Initialize(''), API.GetValue('cmi.entry'), API.GetValue('cmi.mode'), API.GetValue('cmi.learner_name'),
          API.SetValue('cmi.location', 'page-7'), API.SetValue('cmi.suspend_data', 'second-edition state'),
          API.SetValue('cmi.completion_status', 'incomplete'), API.SetValue('cmi.core.lesson_location', 'x'),
          API.GetLastError(), API.Commit('')
        ].join('|');`),
      ).toBe('true|ab-initio|normal|Amina Diallo|true|true|true|false|401|true');
      await leaveByAppLink(page);
      await flushed();
      expect((await learningFacts(page, key)).completion).toBe('In progress');

      sco = await launch(page, key, 'Resume');
      expect(
        await run(
          `return [API.Initialize(''), API.GetValue('cmi.entry'), API.GetValue('cmi.location'), API.GetValue('cmi.suspend_data')].join('|');`,
        ),
      ).toBe('true|resume|page-7|second-edition state');
      expect(
        await run(`return [
          API.SetValue('cmi.completion_status', 'completed'), API.SetValue('cmi.success_status', 'passed'),
          API.SetValue('cmi.score.scaled', '0.85'), API.SetValue('cmi.exit', 'suspend'), API.Terminate('')
        ].join('|');`),
      ).toBe('true|true|true|true|true');
      await leaveByExit(page, key);
      await flushed();
      const facts = await learningFacts(page, key);
      expect([facts.completion, facts.success, facts.score]).toEqual(['Completed', 'Passed', '85%']);
      expect(problems.all).toEqual([]);
    });

    it('scorm12Minimum: shows the table of contents of its 18 SCOs, moves between them, one attempt each, and comes back to the last one', async () => {
      const { page, problems } = await learnerPage();
      const key = 'scorm12Minimum';
      await launch(page, key, 'Start');
      await toc(page).waitFor();
      expect(await tocEntries(page).count()).toBe(18);
      expect(await currentTitle(page)).toBe('How to Play');
      expect(await scoFrame(page, 'Playing/Playing.html')).toBeTruthy();

      // Choosing "Par" unloads "How to Play" (its LMSFinish reaches the real API) and opens Par's own attempt.
      await tocButton(page, 'Par').click();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Par',
        ),
      ).toBe('Par');
      await scoFrame(page, 'Playing/Par.html');
      expect(await scormValue(page, 'cmi.core.entry')).toBe('ab-initio');
      // It made no status call of its own: finishing completed it.
      expect(await statusOf(page, 'How to Play')).toBe('Completed');
      expect(await statusOf(page, 'Keeping Score')).toBe('Not started');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Keeping Score',
        ),
      ).toBe('Keeping Score');
      await scoFrame(page, 'Playing/Scoring.html');
      // Moving between items keeps the launch tokens out of the address bar and history (docs/player.md).
      expect(page.url()).toMatch(/\/play\/[0-9a-f-]{36}$/);
      expect(new URL(page.url()).hash).toBe('');
      // A reload finds the item's token in the tab's storage and shows the same item.
      await page.reload();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Keeping Score',
        ),
      ).toBe('Keeping Score');
      await scoFrame(page, 'Playing/Scoring.html');
      await leaveByExit(page, key);
      await flushed();

      const facts = await learningFacts(page, key);
      expect(facts.completion).toBe('In progress');
      const attempts = (title: string) =>
        facts.section
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: title, exact: true }) })
          .getByRole('cell')
          .first()
          .textContent();
      expect(await attempts('How to Play')).toBe('1');
      expect(await attempts('Par')).toBe('1');
      expect(await attempts('Keeping Score')).toBe('1');
      expect(await attempts('Other Scoring Systems')).toBe('0');

      // Launched again: the item last launched; then its quiz, answered, and away through the app.
      await launch(page, key, 'Resume');
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Keeping Score',
        ),
      ).toBe('Keeping Score');
      await scoFrame(page, 'Playing/Scoring.html');
      await tocButton(page, 'Playing Golf Quiz').click();
      const quiz = await scoFrame(page, 'assessmenttemplate.html');
      await quiz.locator('input[type=button][value="Submit Answers"]').waitFor();
      for (const radio of await quiz.locator('.correctAnswer input[type=radio]').all()) {
        await radio.check();
      }
      await quiz.locator('input[type=button][value="Submit Answers"]').click();
      // A minimum-calls SCO reports nothing but its end: moving on completes the quiz's attempt.
      await tocButton(page, 'Par').click();
      expect(
        await until(
          () => statusOf(page, 'Playing Golf Quiz'),
          (status) => status === 'Completed',
        ),
      ).toBe('Completed');
      await leaveByAppLink(page);
      expect(problems.all).toEqual([]);
    });

    it('scorm12Assets: opens assets (no run-time calls) from the table of contents and counts them as launched', async () => {
      const { page, problems } = await learnerPage();
      const key = 'scorm12Assets';
      await launch(page, key, 'Start');
      await toc(page).waitFor();
      expect(await tocEntries(page).count()).toBe(18);
      const first = (await currentTitle(page))!;
      const second = (await tocEntries(page).nth(1).locator('.toc-title').textContent())!;
      await tocButton(page, second).click();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === second,
        ),
      ).toBe(second);
      await leaveByAppLink(page);
      await flushed();
      const facts = await learningFacts(page, key);
      expect(facts.completion).toBe('In progress');
      const row = (title: string) =>
        facts.section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
      expect(await row(first).getByRole('cell').first().textContent()).toBe('1');
      expect(await row(second).getByRole('cell').first().textContent()).toBe('1');

      await launch(page, key, 'Resume');
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === second,
        ),
      ).toBe(second);
      await leaveByExit(page, key);
      expect(problems.all).toEqual([]);
    });

    it('scorm2004Sequencing: enforces the forced order of its SCOs across sessions', async () => {
      const { page, problems } = await learnerPage();
      const key = 'scorm2004Sequencing';
      let sco = await launch(page, key, 'Start');
      await toc(page).waitFor();
      expect(await tocEntries(page).count()).toBe(5);
      expect(await currentTitle(page)).toBe('Playing the Game');
      for (const title of ['Etiquette', 'Handicapping', 'Having Fun', 'Quiz']) {
        expect(await availabilityOf(page, title)).toBe('Not available yet');
        expect(await tocButton(page, title).getAttribute('aria-disabled')).toBe('true');
      }
      // Choosing a later SCO does nothing while the previous one is not satisfied.
      await tocButton(page, 'Handicapping').click({ force: true });
      await page.waitForTimeout(500);
      expect(await currentTitle(page)).toBe('Playing the Game');

      // Finish "Playing" (its last page sets completed and passed), then continue: Etiquette opens.
      await golfToEnd(sco);
      expect(await scormValue(page, 'cmi.success_status')).toBe('passed');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Etiquette',
        ),
      ).toBe('Etiquette');
      sco = await scoFrame(page, 'content=etiquette');
      expect(await statusOf(page, 'Playing the Game')).toBe('Passed');
      expect(await availabilityOf(page, 'Handicapping')).toBe('Not available yet');
      await golfNext(sco, 1);
      await leaveByExit(page, key);

      // Another session: Etiquette again (resumed), Playing still passed, Handicapping still locked.
      sco = await launch(page, key, 'Resume');
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Etiquette',
        ),
      ).toBe('Etiquette');
      expect(await scormValue(page, 'cmi.entry')).toBe('resume');
      expect(await scormValue(page, 'cmi.location')).toBe('1');
      expect(await statusOf(page, 'Playing the Game')).toBe('Passed');
      expect(await availabilityOf(page, 'Handicapping')).toBe('Not available yet');
      // Going back is allowed once visited.
      await tocButton(page, 'Playing the Game').click();
      expect(
        await until(
          () => currentTitle(page),
          (title) => title === 'Playing the Game',
        ),
      ).toBe('Playing the Game');
      await scoFrame(page, 'content=playing');
      await leaveByAppLink(page);
      expect(problems.all).toEqual([]);
    });

    it('scorm2004Sequencing: taken in order to its quiz, the course rolls up to what the content reported', async () => {
      const { page, problems } = await learnerPage();
      const key = 'scorm2004Sequencing';
      let sco = await launch(page, key, 'Start');
      const order: Array<[string, string]> = [
        ['Playing the Game', 'content=playing'],
        ['Etiquette', 'content=etiquette'],
        ['Handicapping', 'content=handicapping'],
        ['Having Fun', 'content=havingfun'],
      ];
      for (const [index, [title, url]] of order.entries()) {
        expect(
          await until(
            () => currentTitle(page),
            (current) => current === title,
          ),
        ).toBe(title);
        sco = await scoFrame(page, url);
        await golfToEnd(sco);
        expect(await scormValue(page, 'cmi.completion_status')).toBe('completed');
        // Each finished SCO unlocks the next one, and only that one.
        const next = order[index + 1]?.[0] ?? 'Quiz';
        await page.getByRole('button', { name: 'Next', exact: true }).click();
        expect(
          await until(
            () => currentTitle(page),
            (current) => current === next,
          ),
        ).toBe(next);
      }
      sco = await scoFrame(page, 'assessment');
      await answerQuiz(sco, 'right');
      const raw = await until(
        () => scormValue(page, 'cmi.score.raw'),
        (value) => value !== '',
      );
      expect(await scormValue(page, 'cmi.success_status')).toBe('passed');
      const scaled = Number(await scormValue(page, 'cmi.score.scaled'));
      expect(scaled).toBeGreaterThan(0);
      for (const [title] of order) {
        expect(await statusOf(page, title)).toMatch(/^(Passed|Completed)$/);
      }
      await leaveByAppLink(page);
      await flushed();

      const facts = await learningFacts(page, key);
      expect(facts.completion).toBe('Completed');
      expect(facts.success).toBe('Passed');
      // Only the quiz reports a score, and the package's rollup gives every SCO objectiveMeasureWeight="0"
      // ("This course doesn't rollup a score"): the course's rolled-up result has no score (docs/course-results.md).
      expect(facts.score).toBe('None');
      expect(Number(raw)).toBeGreaterThan(0);
      expect(problems.all).toEqual([]);
    });

    it('scorm12Basic: a tab closed mid-way still saves the location (the pagehide beacon), and the next launch resumes there', async () => {
      const { page } = await learnerPage();
      const key = 'scorm12Basic';
      const sco = await launch(page, key, 'Start');
      await golfNext(sco, 2);
      expect(await scormValue(page, 'cmi.core.lesson_location')).toBe('2');
      // The Golf SCO commits only on its last page: what the server learns here comes from the beacon.
      await page.close({ runBeforeUnload: true });
      await flushed();

      const second = await learnerPageFor(page);
      await launch(second, key, 'Resume');
      expect(await scormValue(second, 'cmi.core.entry')).toBe('resume');
      expect(await scormValue(second, 'cmi.core.lesson_location')).toBe('2');
      await leaveByExit(second, key);
    });
  });

  it('serves the launcher on the content origin only, framed by the app only, with its own strict CSP', async () => {
    const contentHost = new URL(contentOrigin).host;
    const agent = () => request(app!.getHttpServer());
    const launcher = await agent().get('/content/_launcher/launcher.html').set('Host', contentHost).expect(200);
    expect(launcher.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(launcher.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(launcher.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(new RegExp(`frame-ancestors ${appOrigin}$|frame-ancestors ${appOrigin};`));
    expect(policy).not.toContain(`frame-ancestors ${appOrigin} `);
    expect(launcher.text).toContain(`<meta name="clearance-app-origin" content="${appOrigin}"`);
    expect(launcher.text).not.toMatch(/<script>|<script [^>]*>[^<]/);
    const script = /src="(\/content\/_launcher\/assets\/[^"]+\.js)"/.exec(launcher.text)![1];
    const asset = await agent().get(script).set('Host', contentHost).expect(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    await agent().get('/content/_launcher/assets/..%2f..%2findex.html').set('Host', contentHost).expect(404);
    await agent().get('/content/_launcher/nothing.js').set('Host', contentHost).expect(404);
    // Not on the app's host, whose pages may frame the content origin and nothing else.
    await appRequest(app!).get('/content/_launcher/launcher.html').expect(404);
    const home = await appRequest(app!).get('/').expect(200);
    expect(String(home.headers['content-security-policy'])).toContain(`frame-src ${contentOrigin}`);
  });
});
