import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { UserRole } from '@app/accounts';
import { QueueName } from '@app/queue';
import { isolateRedisPrefix } from '../support/accounts';
import { createUser, nextClientIp, type TestApp } from '../support/app';
import { buildPackage, scorm2004Sequenced, type CourseSpec } from '../support/scorm-packages';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';
import { appRequest, importCourse, loginAt, startPlayerServer } from './support/player';

/**
 * The player's navigation explained and its layout (issue 14, items 2 and 3), on the project's own
 * SCORM 2004 packages: sequencing refusals say why in the learner's language instead of reloading
 * the part, Previous/Next and the contents follow `adl.nav.request_valid.*` (which the launcher
 * answers to the SCO too), statuses follow the content, review is announced, adl.data travels
 * between parts, and at 1280×800 and 390×844 nothing overlaps and the title is readable.
 */

const NOTES = 'urn:clearance:test:player-shared-notes';
const shareMap = (read: boolean, write: boolean) =>
  `<adlcp:data><adlcp:map targetID="${NOTES}" readSharedData="${read}" writeSharedData="${write}"/></adlcp:data>`;

/** SCORM 2004 4th: Part 1 reads and writes a shared store, Part 2 only reads it (no sequencing rules). */
const sharedNotes: CourseSpec = {
  version: '2004-4th',
  identifier: 'clearance-player-shared-notes',
  title: 'Shared notes between parts',
  items: [
    { id: 'writer', title: 'Notes: writing', extraXml: shareMap(true, true) },
    { id: 'reader', title: 'Notes: reading', extraXml: shareMap(true, false) },
  ],
};

type Key = 'sequenced' | 'shared';

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every visible control of the player (buttons, links) with its box, as the page lays it out. */
const CONTROLS_SCRIPT = `(function () {
  var out = [];
  var nodes = document.querySelectorAll('.player button, .player a, .player input, .player select');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var style = getComputedStyle(el);
    var r = el.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || r.width < 2 || r.height < 2) continue;
    var hidden = false;
    for (var p = el; p; p = p.parentElement) {
      var s = getComputedStyle(p);
      if (s.display === 'none' || s.visibility === 'hidden') { hidden = true; break; }
    }
    if (hidden) continue;
    out.push({ name: (el.textContent || '').trim().slice(0, 40), x: r.x, y: r.y, width: r.width, height: r.height });
  }
  return out;
})()`;

/** The contrast ratio of the player's title against the background it is drawn on (WCAG 2). */
const TITLE_CONTRAST_SCRIPT = `(function () {
  function parse(c) {
    var m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    var p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function lum(c) {
    function ch(v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  }
  var h1 = document.querySelector('.player h1');
  var fg = parse(getComputedStyle(h1).color);
  var bg = null;
  for (var el = h1; el; el = el.parentElement) {
    var c = parse(getComputedStyle(el).backgroundColor);
    if (c && c.a > 0) { bg = c; break; }
  }
  bg = bg || { r: 255, g: 255, b: 255, a: 1 };
  var a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})()`;

function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 0.5 && h > 0.5) {
        found.push(`"${a.name}" and "${b.name}"`);
      }
    }
  }
  return found;
}

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

describe('SCORM player: navigation explained, and on phones', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let appOrigin: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const courses = new Map<Key, { id: string; title: string }>();

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('player-nav-browser');
    worker = await startTestWorker({}, [QueueName.Imports]);
    ({ app, appOrigin } = await startPlayerServer());
    browser = await launchBrowser();
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await loginAt(app, admin.email, admin.password, nextClientIp());
    for (const [key, spec] of [
      ['sequenced', scorm2004Sequenced()],
      ['shared', sharedNotes],
    ] as [Key, CourseSpec][]) {
      const id = await importCourse(app, token, await buildPackage(spec), `${key}.zip`);
      const detail = await appRequest(app).get(`/api/courses/${id}`).auth(token, { type: 'bearer' });
      courses.set(key, { id, title: (detail.body as { title: string }).title });
    }
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

  const course = (key: Key) => courses.get(key)!;

  const learnerPage = async (
    viewport = { width: 1280, height: 800 },
    locale = 'en-US',
  ): Promise<{ page: Page; problems: PageProblems }> => {
    const learner = await createUser(app!, { displayName: 'Amina Diallo', country: 'SN' });
    const context = await browser!.newContext({
      baseURL: appOrigin,
      locale,
      viewport,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems = await watchForProblems(page);
    await page.goto('/sign-in');
    await page.locator('input[type=email]').fill(learner.email);
    await page.locator('input[type=password]').fill(learner.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return { page, problems };
  };

  /** Opens the course page and presses its first (launch) button; resolves once the SCO has initialised. */
  const launch = async (page: Page, key: Key, urlPart: string): Promise<Frame> => {
    await page.goto(`/courses/${course(key).id}`);
    await page.getByRole('heading', { level: 1, name: course(key).title, exact: true }).waitFor();
    await page.getByRole('button', { name: /^(Start|Commencer|Comenzar)$/ }).click();
    await page.waitForURL(/\/play\/[0-9a-f-]{36}$/);
    return scoReady(page, urlPart);
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

  const scoReady = async (page: Page, urlPart: string): Promise<Frame> => {
    for (let tries = 0; tries < 300; tries++) {
      const launcher = page.frames().find((candidate) => candidate.url().includes('/content/_launcher/launcher.html'));
      const sco = launcher?.childFrames().find((child) => child.url().includes(urlPart));
      if (
        sco &&
        (await sco
          .locator('body[data-state="ready"]')
          .count()
          .catch(() => 0)) > 0
      ) {
        return sco;
      }
      await page.waitForTimeout(50);
    }
    throw new Error(`no SCO frame with ${urlPart}`);
  };

  /** What the SCO reads from the launcher's API. */
  const scormValue = async (page: Page, element: string): Promise<string> =>
    (await launcherFrame(page)).evaluate<string>(`window.API_1484_11.GetValue(${JSON.stringify(element)})`);

  const press = async (sco: Frame, name: string, done: string | RegExp) => {
    await sco.getByRole('button', { name, exact: true }).click();
    await sco.getByRole('status').filter({ hasText: done }).waitFor();
  };

  const toc = (page: Page) => page.locator('nav#player-toc');
  const tocButton = (page: Page, title: string) =>
    toc(page)
      .getByRole('button')
      .filter({ has: page.locator('.toc-title', { hasText: new RegExp(`^${title}$`) }) });
  const statusOf = (page: Page, title: string) => tocButton(page, title).locator('.toc-status').textContent();
  const lockedOf = async (page: Page, title: string) => {
    const locked = tocButton(page, title).locator('.toc-locked');
    return (await locked.count()) > 0 ? await locked.textContent() : null;
  };
  const currentTitle = (page: Page) => toc(page).locator('button[aria-current="step"] .toc-title').textContent();
  const notice = (page: Page) => page.locator('.player-notice[role="alert"] p');
  const flowButton = (page: Page, request: 'previous' | 'continue') =>
    page.locator(`.player-flow button[data-request="${request}"]`);
  /** A control marked aria-disabled stays focusable: pressed from the keyboard, it says why. */
  const pressDisabled = async (page: Page, control: ReturnType<Page['locator']>) => {
    await control.focus();
    await page.keyboard.press('Enter');
  };

  it('explains a refused Next, Previous and choice without reloading the part; buttons, contents and the launcher follow request_valid', async () => {
    const { page, problems } = await learnerPage();
    const [part1, part2, part3] = scorm2004Sequenced().items.map((item) => item.title);
    let sco = await launch(page, 'sequenced', 'content/part_1.html');
    await toc(page).waitFor();

    // The open part is never "Not started"; Part 3 is locked, and says so apart from its status.
    expect(await currentTitle(page)).toBe(part1);
    expect(await statusOf(page, part1)).toBe('In progress');
    expect(await statusOf(page, part3)).toBe('Not started');
    expect(await lockedOf(page, part3)).toBe('Not available yet');
    expect(await lockedOf(page, part2)).toBeNull();

    // The SCO asks what the rules allow: the launcher answers from the player's sequencing.
    expect(await scormValue(page, 'adl.nav.request_valid.continue')).toBe('true');
    expect(await scormValue(page, 'adl.nav.request_valid.previous')).toBe('false');
    expect(await scormValue(page, 'adl.nav.request_valid.choice.{target=part_2}')).toBe('true');
    expect(await scormValue(page, 'adl.nav.request_valid.choice.{target=part_3}')).toBe('false');
    expect(await scormValue(page, 'adl.nav.request_valid.jump.{target=part_3}')).toBe('true');
    expect(await (await launcherFrame(page)).evaluate<string>('window.API_1484_11.GetLastError()')).toBe('0');

    // Previous is disabled with its explanation; pressing it says why and leaves the part alone.
    await sco.evaluate('window.__stillHere = true');
    expect(await flowButton(page, 'previous').getAttribute('aria-disabled')).toBe('true');
    expect(await flowButton(page, 'previous').getAttribute('title')).toBe('There is no previous part.');
    const describedBy = await flowButton(page, 'previous').getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('There is no previous part.');
    expect(await flowButton(page, 'continue').getAttribute('aria-disabled')).toBeNull();
    await pressDisabled(page, flowButton(page, 'previous'));
    expect(await notice(page).textContent()).toBe('There is no previous part.');

    // Choosing the locked part: the reason names what unlocks it; the same SCO page is still there.
    await pressDisabled(page, tocButton(page, part3));
    await until(
      () => notice(page).textContent(),
      (text) => text !== 'There is no previous part.',
    );
    expect(await notice(page).textContent()).toBe(`This part is locked until you pass ${part2}.`);
    await page.waitForTimeout(2600);
    expect(await currentTitle(page)).toBe(part1);
    expect(await sco.evaluate('window.__stillHere === true')).toBe(true);

    // Part 1 completed: its status follows the content at once, before any new launch.
    await press(sco, 'Complete', 'Completed');
    expect(
      await until(
        () => statusOf(page, part1),
        (status) => status === 'Completed',
      ),
    ).toBe('Completed');

    // Next to Part 2 (allowed); failing it keeps Part 3 locked, so Next is refused with the reason.
    await flowButton(page, 'continue').click();
    expect(
      await until(
        () => currentTitle(page),
        (title) => title === part2,
      ),
    ).toBe(part2);
    expect(await notice(page).count()).toBe(0);
    sco = await scoReady(page, 'content/part_2.html');
    await sco.getByLabel('Score').fill('40');
    await press(sco, 'Fail', 'Failed with 40');
    expect(
      await until(
        () => statusOf(page, part2),
        (status) => status === 'Failed',
      ),
    ).toBe('Failed');
    expect(await scormValue(page, 'adl.nav.request_valid.continue')).toBe('false');
    expect(await flowButton(page, 'continue').getAttribute('aria-disabled')).toBe('true');
    await sco.evaluate('window.__stillHere = true');
    await pressDisabled(page, flowButton(page, 'continue'));
    expect(await notice(page).textContent()).toBe(`This part is locked until you pass ${part2}.`);
    await page.waitForTimeout(2600);
    expect(await currentTitle(page)).toBe(part2);
    expect(await sco.evaluate('window.__stillHere === true')).toBe(true);

    // Passed: the contents show it at once; sequencing takes the result into the activity tree when
    // the part's attempt ends, so Next (which ends it) is offered again, and leads to Part 3.
    await sco.getByLabel('Score').fill('90');
    await press(sco, 'Pass', 'Passed with 90');
    expect(
      await until(
        () => statusOf(page, part2),
        (status) => status === 'Passed',
      ),
    ).toBe('Passed');
    await press(sco, 'Complete', 'Completed');
    expect(
      await until(
        () => scormValue(page, 'adl.nav.request_valid.continue'),
        (value) => value === 'true',
      ),
    ).toBe('true');
    expect(await flowButton(page, 'continue').getAttribute('aria-disabled')).toBeNull();
    await flowButton(page, 'continue').click();
    expect(
      await until(
        () => currentTitle(page),
        (title) => title === part3,
      ),
    ).toBe(part3);
    await scoReady(page, 'content/part_3.html');
    expect(await lockedOf(page, part3)).toBeNull();
    expect(await statusOf(page, part3)).toBe('In progress');
    expect(await notice(page).count()).toBe(0);

    // Part 1 again, completed: it opens in review, and the player says so to assistive technology.
    await tocButton(page, part1).click();
    expect(
      await until(
        () => currentTitle(page),
        (title) => title === part1,
      ),
    ).toBe(part1);
    await scoReady(page, 'content/part_1.html');
    const live = page.locator('.player-status[aria-live="polite"]');
    expect(
      await until(
        () => live.textContent(),
        (text) => text?.startsWith('Review mode') === true,
      ),
    ).toBe(`Review mode: ${part1}. Nothing you do here is recorded.`);
    expect(problems.all).toEqual([]);
  });

  it('says why in the learner’s language (French, Spanish)', async () => {
    for (const [locale, expected] of [
      ['fr-FR', `Cette partie est verrouillée tant que vous n’avez pas réussi Part 2: Cumulation.`],
      ['es-ES', `Esta parte está bloqueada hasta que apruebe Part 2: Cumulation.`],
    ] as const) {
      const { page, problems } = await learnerPage({ width: 1280, height: 800 }, locale);
      await launch(page, 'sequenced', 'content/part_1.html');
      await toc(page).waitFor();
      await pressDisabled(page, tocButton(page, 'Part 3: Proofs of origin'));
      expect(
        await until(
          () => notice(page).textContent(),
          (text) => text === expected,
        ),
      ).toBe(expected);
      expect(problems.all).toEqual([]);
    }
  });

  it('carries SCORM 2004 4th adl.data from the part that writes it to the part that reads it', async () => {
    const { page, problems } = await learnerPage();
    await launch(page, 'shared', 'content/writer.html');
    const launcher = await launcherFrame(page);
    expect(await scormValue(page, 'adl.data._count')).toBe('1');
    expect(await scormValue(page, 'adl.data.0.id')).toBe(NOTES);
    expect(
      await launcher.evaluate<string>(
        `window.API_1484_11.SetValue('adl.data.0.store', 'tariff 8471') + window.API_1484_11.Commit('')`,
      ),
    ).toBe('truetrue');
    await tocButton(page, 'Notes: reading').click();
    expect(
      await until(
        () => currentTitle(page),
        (title) => title === 'Notes: reading',
      ),
    ).toBe('Notes: reading');
    await scoReady(page, 'content/reader.html');
    expect(await scormValue(page, 'adl.data.0.id')).toBe(NOTES);
    expect(await scormValue(page, 'adl.data.0.store')).toBe('tariff 8471');
    // The reader may not write the store.
    expect(
      await (await launcherFrame(page)).evaluate<string>(`window.API_1484_11.SetValue('adl.data.0.store', 'changed')`),
    ).toBe('false');
    expect(problems.all).toEqual([]);
  });

  for (const [viewport, locale] of [
    [{ width: 1280, height: 800 }, 'en-US'],
    [{ width: 390, height: 844 }, 'en-US'],
    [{ width: 390, height: 844 }, 'fr-FR'],
  ] as const) {
    const phone = viewport.width < 600;
    it(`at ${viewport.width}×${viewport.height} (${locale}): no control overlaps another, the title is readable, Exit is reachable${phone ? ', the contents collapse' : ''}`, async () => {
      const { page, problems } = await learnerPage(viewport, locale);
      await launch(page, 'sequenced', 'content/part_1.html');
      // A refusal shown under the bar is part of the layout too.
      await pressDisabled(page, flowButton(page, 'previous'));
      await notice(page).waitFor();

      const check = async (state: string) => {
        const boxes = await page.evaluate<Box[]>(CONTROLS_SCRIPT);
        expect(boxes.length).toBeGreaterThan(phone ? 3 : 6);
        expect({ state, overlaps: overlaps(boxes) }).toEqual({ state, overlaps: [] });
        for (const box of boxes) {
          expect({ state, control: box.name, inside: box.x >= 0 && box.x + box.width <= viewport.width + 0.5 }).toEqual(
            {
              state,
              control: box.name,
              inside: true,
            },
          );
        }
        // The content starts below the bar.
        const bar = await page.locator('.player-bar').boundingBox();
        const stage = await page.locator('.player-stage').boundingBox();
        expect(stage!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 0.5);
      };

      expect(await page.evaluate<number>(TITLE_CONTRAST_SCRIPT)).toBeGreaterThanOrEqual(4.5);
      const exit = page.locator('.player-bar button.player-exit');
      expect(await exit.isVisible()).toBe(true);
      const toggle = page.locator('.player-toc-toggle');
      if (phone) {
        const bar = await page.locator('.player-bar').boundingBox();
        expect(bar!.height).toBeLessThanOrEqual(844 * 0.3);
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        expect(await toc(page).isVisible()).toBe(false);
        await check('contents closed');
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await toc(page).waitFor({ state: 'visible' });
        await check('contents open');
        const tocBox = await toc(page).boundingBox();
        const barBox = await page.locator('.player-bar').boundingBox();
        expect(tocBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height - 0.5);
        // Escape in the panel closes it and goes back to its toggle.
        await tocButton(page, 'Part 2: Cumulation').focus();
        await page.keyboard.press('Escape');
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        expect(await page.evaluate<boolean>(`document.activeElement.classList.contains('player-toc-toggle')`)).toBe(
          true,
        );
        await toggle.click();
        await toc(page).waitFor({ state: 'visible' });
        // Choosing a part closes the panel.
        await tocButton(page, 'Part 2: Cumulation').click();
        expect(
          await until(
            () => toggle.getAttribute('aria-expanded'),
            (value) => value === 'false',
          ),
        ).toBe('false');
        await scoReady(page, 'content/part_2.html');
        await check('after choosing');
      } else {
        expect(await toggle.isVisible()).toBe(false);
        expect(await toc(page).isVisible()).toBe(true);
        await check('desktop');
      }
      await exit.click();
      await page.getByRole('heading', { level: 1, name: course('sequenced').title, exact: true }).waitFor();
      expect(problems.all).toEqual([]);
    });
  }
});
