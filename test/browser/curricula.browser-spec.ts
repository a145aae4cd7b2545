import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { QueueName, QueueService } from '@app/queue';
import { appoint, bearer, isolateRedisPrefix, withEnv } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

type Person = { id: string; email: string; password: string; name: string };

/** Chromium logs a 401 answered to a request as a console error: expected where a token has expired. */
const isExpected401 = (line: string) => /status of 401/.test(line);

describe('curricula, contact points and mentions in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let admin: Person;
  let rtc: Person;
  let reader: Person;
  let coordinator: Person;
  let expert: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('curricula-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    const person = async (name: string, role = UserRole.Learner, country: string | null = 'KE'): Promise<Person> => ({
      ...(await createUser(app!, { role, displayName: name, country })),
      name,
    });
    admin = await person('Secretariat Admin', UserRole.Admin, null);
    rtc = await person('Amani RTC', UserRole.RtcStaff);
    reader = await person('Reader Lopez');
    coordinator = await person('Coord Kamau');
    expert = await person('Expert Diallo');
    await appoint(app, await login(app, admin.email, admin.password), coordinator.id, 'KE');
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

  const open = async (baseURL = url): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL,
      locale: 'en-US',
      acceptDownloads: true,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: await watchForProblems(page) };
  };

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  const signIn = async (page: Page, who: Person) => {
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByText(`Signed in as ${who.name}`).waitFor();
  };

  it('RTC staff share a curriculum, upload a file with progress and edit it; another user finds and downloads it but cannot change it', async () => {
    const stamp = Date.now().toString(36);
    const title = `Valuation programme ${stamp}`;
    const bytes = randomBytes(3 * 1024 * 1024);

    const { page, problems } = await open();
    await signIn(page, rtc);
    await page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Curricula' }).click();
    await heading(page, 'Training curricula').waitFor();
    await page.getByRole('link', { name: 'Share a curriculum' }).click();
    await heading(page, 'Share a curriculum').waitFor();

    // The form says what is missing before anything is sent.
    await page.getByRole('button', { name: 'Share the curriculum' }).click();
    await page.getByText('Choose at least one language.').waitFor();
    // Focus goes to the first field in trouble.
    expect(await page.evaluate('document.activeElement.labels[0].textContent')).toBe('Title');

    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Country', { exact: true }).selectOption('KE');
    await page.getByLabel('Training centre', { exact: true }).fill('RTC Nairobi');
    await page.getByRole('checkbox', { name: 'English', exact: true }).check();
    await page.getByRole('checkbox', { name: 'French', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Customs Valuation', exact: true }).check();
    await page.getByLabel('Summary (optional)').fill('Twelve weeks of valuation training for new officers.');
    await page.getByRole('button', { name: 'Share the curriculum' }).click();
    await heading(page, title).waitFor();
    const curriculumPath = new URL(page.url()).pathname;
    expect(curriculumPath).toMatch(/^\/curricula\/[0-9a-f-]{36}$/);
    const curriculumId = curriculumPath.split('/').pop()!;
    await page.getByText('No file yet.').waitFor();

    // The upload shows its progress, then the file is listed.
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'syllabus.docx',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Upload of syllabus.docx' });
    await progress.waitFor();
    await page.getByRole('status').filter({ hasText: 'syllabus.docx is uploaded.' }).waitFor();
    expect(await progress.getAttribute('value')).toBe('100');
    await page.getByRole('list', { name: 'Files' }).getByRole('button', { name: 'Download syllabus.docx' }).waitFor();

    // The owner edits it.
    await page.getByRole('button', { name: 'Edit the curriculum' }).click();
    await page.getByLabel('Title', { exact: true }).fill(`${title} (2027)`);
    await page.getByRole('checkbox', { name: 'Spanish', exact: true }).check();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('status').filter({ hasText: 'The curriculum is saved.' }).waitFor();
    await heading(page, `${title} (2027)`).waitFor();
    await page.getByText('English, French, Spanish').waitFor();

    // Another user finds it by country and words, opens it and downloads the file.
    const { page: readerPage, problems: readerProblems } = await open();
    await signIn(readerPage, reader);
    await readerPage.goto('/curricula');
    await heading(readerPage, 'Training curricula').waitFor();
    expect(await readerPage.getByRole('link', { name: 'Share a curriculum' }).count()).toBe(0);
    await readerPage.getByLabel('Country', { exact: true }).selectOption('KE');
    await readerPage.getByLabel('Topic', { exact: true }).selectOption('customs-valuation');
    await readerPage.getByLabel('Words of the title or summary').fill(`programme ${stamp}`);
    await readerPage.getByRole('button', { name: 'Search', exact: true }).click();
    await readerPage.getByRole('status').filter({ hasText: '1 curriculum' }).waitFor();
    await readerPage
      .getByRole('list', { name: 'Curricula found' })
      .getByRole('link', { name: `${title} (2027)` })
      .click();
    await heading(readerPage, `${title} (2027)`).waitFor();
    await readerPage.getByText('Amani RTC').waitFor();
    const download = readerPage.waitForEvent('download');
    await readerPage.getByRole('button', { name: 'Download syllabus.docx' }).click();
    const downloaded = await download;
    expect(downloaded.suggestedFilename()).toBe('syllabus.docx');
    // Through a signed link, by the browser's own download manager (no blob: URL).
    expect(downloaded.url()).toMatch(/\/api\/curriculum-files\/[0-9a-f-]{36}\/download\/[0-9]+\./);
    expect(readFileSync(await downloaded.path()).equals(bytes)).toBe(true);

    // A filter that does not match finds nothing.
    await readerPage.goto('/curricula?country=UG');
    await readerPage.getByText('No curriculum matches. Try other words or fewer filters.').waitFor();

    // The non-owner sees no edit controls, and the api refuses.
    await readerPage.goto(curriculumPath);
    await heading(readerPage, `${title} (2027)`).waitFor();
    await readerPage.getByRole('button', { name: 'Download syllabus.docx' }).waitFor();
    for (const name of ['Edit the curriculum', 'Delete the curriculum', 'Upload', 'Remove syllabus.docx']) {
      expect(await readerPage.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    const readerToken = await login(app!, reader.email, reader.password);
    await http().patch(`/api/curricula/${curriculumId}`).set(bearer(readerToken)).send({ title: 'Mine' }).expect(403);
    await http().delete(`/api/curricula/${curriculumId}`).set(bearer(readerToken)).expect(403);
    await http()
      .post(`/api/curricula/${curriculumId}/files`)
      .set(bearer(readerToken))
      .attach('file', Buffer.from('x'), 'x.txt')
      .expect(403);

    expect(problems.all).toEqual([]);
    expect(readerProblems.all).toEqual([]);
  }, 120_000);

  it("a coordinator adds and edits a contact point of their own country, and cannot for another country's", async () => {
    const adminToken = await login(app!, admin.email, admin.password);
    const ugandan = await http()
      .post('/api/contact-points')
      .set(bearer(adminToken))
      .send({ country: 'UG', name: 'Okello Uganda', email: 'okello@ura.example.org' })
      .expect(201);

    const { page, problems } = await open();
    await signIn(page, coordinator);
    await page.goto('/contact-points');
    await heading(page, 'National contact points').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Uganda' }).waitFor();
    // Uganda's contact point is listed, without edit controls for a Kenyan coordinator.
    expect(await page.getByRole('button', { name: 'Edit Okello Uganda' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Add a contact point' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a contact point' });
    await dialog.waitFor();
    const countries = dialog.getByLabel('Country', { exact: true });
    // Only the coordinator's own country is offered (after "Choose a country").
    expect(await countries.locator('option').allTextContents()).toEqual(['Choose a country', 'Kenya']);
    await dialog.getByLabel('Name', { exact: true }).fill('Wanjiku Mwangi');
    await dialog.getByLabel('Role (optional)').fill('National training coordinator');
    await dialog.getByLabel('Organisation (optional)').fill('Kenya Revenue Authority');
    await dialog.getByLabel('Email address', { exact: true }).fill('not an address');
    await dialog.getByRole('button', { name: 'Add the contact point' }).click();
    await dialog.getByText('Enter an email address such as name@example.org.').waitFor();
    await dialog.getByLabel('Email address', { exact: true }).fill('w.mwangi@kra.example.org');
    await dialog.getByRole('button', { name: 'Add the contact point' }).click();
    await page.getByRole('status').filter({ hasText: 'Wanjiku Mwangi is saved.' }).waitFor();
    const kenya = page.getByRole('list', { name: 'Contact points of Kenya' });
    await kenya.getByRole('link', { name: 'w.mwangi@kra.example.org' }).waitFor();

    await kenya.getByRole('button', { name: 'Edit Wanjiku Mwangi' }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit Wanjiku Mwangi' });
    await editDialog.getByLabel('Phone (optional)').fill('+254 20 123 4567');
    await editDialog.getByRole('button', { name: 'Save the changes' }).click();
    await kenya.getByRole('link', { name: '+254 20 123 4567' }).waitFor();

    // The directory filters by country.
    await page.getByLabel('Country', { exact: true }).selectOption('UG');
    await page.getByRole('heading', { level: 2, name: 'Uganda' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kenya' }).waitFor({ state: 'detached' });

    // The api refuses another country's contact points to the coordinator.
    const token = await login(app!, coordinator.email, coordinator.password);
    await http()
      .post('/api/contact-points')
      .set(bearer(token))
      .send({ country: 'UG', name: 'Not mine', email: 'x@example.org' })
      .expect(403);
    await http()
      .put(`/api/contact-points/${ugandan.body.id}`)
      .set(bearer(token))
      .send({ country: 'UG', name: 'Changed', email: 'x@example.org' })
      .expect(403);
    await http().delete(`/api/contact-points/${ugandan.body.id}`).set(bearer(token)).expect(403);
    const kenyan = (await http().get('/api/contact-points?country=KE').set(bearer(token)).expect(200)).body as Array<{
      id: string;
      name: string;
      phone: string;
    }>;
    expect(kenyan).toEqual([expect.objectContaining({ name: 'Wanjiku Mwangi', phone: '+254 20 123 4567' })]);
    expect(problems.all).toEqual([]);
  }, 120_000);

  it('suggests group members after @ in a reply, inserts the chosen one by keyboard, and the mention notifies them', async () => {
    const rtcToken = await login(app!, rtc.email, rtc.password);
    const expertToken = await login(app!, expert.email, expert.password);
    const groupId = (
      await http()
        .post('/api/groups')
        .set(bearer(rtcToken))
        .send({ name: `Mentions ${Date.now()}`, kind: 'expert_community' })
        .expect(201)
    ).body.id as string;
    const invitation = await http()
      .post(`/api/groups/${groupId}/invitations`)
      .set(bearer(rtcToken))
      .send({ userId: expert.id })
      .expect(201);
    await http().post(`/api/group-invitations/${invitation.body.id}/accept`).set(bearer(expertToken)).expect(200);
    const threadId = (
      await http()
        .post(`/api/groups/${groupId}/threads`)
        .set(bearer(rtcToken))
        .send({ title: 'Module review', body: 'Who reviews module 2?' })
        .expect(201)
    ).body.id as string;

    const { page, problems } = await open();
    await signIn(page, rtc);
    await page.goto(`/threads/${threadId}`);
    await heading(page, 'Module review').waitFor();
    const box = page.getByLabel('Message', { exact: true });
    const suggestions = page.getByRole('listbox', { name: 'Members to mention' });

    await box.pressSequentially('Could @Exp');
    await suggestions.getByRole('option', { name: 'Expert Diallo' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 member matches.' }).waitFor();
    const option = suggestions.getByRole('option', { name: 'Expert Diallo' });
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await box.getAttribute('aria-controls')).toBe(await suggestions.getAttribute('id'));
    // The author is not suggested to themselves.
    expect(await suggestions.getByRole('option').count()).toBe(1);

    // Escape closes the suggestions; typing the @ again reopens them.
    await box.press('Escape');
    await suggestions.waitFor({ state: 'detached' });
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    for (let i = 0; i < 4; i++) {
      await box.press('Backspace');
    }
    await box.pressSequentially('@exp');
    await suggestions.waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await suggestions.waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe('Could @Expert Diallo ');
    await box.pressSequentially('review module 2?');
    expect(await box.inputValue()).toBe('Could @Expert Diallo review module 2?');

    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.locator('article.post').nth(1).getByText('Could @Expert Diallo review module 2?').waitFor();

    // The api queued the mention mail for the member, as it stores notifications.
    const thread = (await http().get(`/api/threads/${threadId}`).set(bearer(rtcToken)).expect(200)).body as {
      posts: Array<{ id: string }>;
    };
    const reply = thread.posts[thread.posts.length - 1];
    const job = (await app!
      .get(QueueService)
      .queue(QueueName.Notifications)
      .getJob(`group-mention-${reply.id}-${expert.id}`)) as
      { data: { to: string; template: string; params: Record<string, string> } } | undefined;
    expect(job?.data).toMatchObject({
      to: expert.email,
      template: 'group-mention',
      params: { displayName: 'Expert Diallo', authorName: 'Amani RTC', threadTitle: 'Module review' },
    });

    // A new thread on the group's page suggests members the same way.
    await page.goto(`/groups/${groupId}`);
    const threadBox = page.getByLabel('Message', { exact: true });
    await threadBox.pressSequentially('Hello @Dia');
    await suggestions.getByRole('option', { name: 'Expert Diallo' }).waitFor();
    await threadBox.press('Tab');
    expect(await threadBox.inputValue()).toBe('Hello @Expert Diallo ');
    expect(problems.all).toEqual([]);
  }, 120_000);

  it('an upload after the access token expired renews the sign-in and succeeds', async () => {
    // A second api on the same database whose access tokens live 3 seconds.
    const short = await withEnv({ ACCESS_TOKEN_TTL_SECONDS: '3' }, () => startTestServer());
    try {
      // Passport's strategies are process-wide: once this api exists, access tokens are checked against
      // its PUBLIC_URL, so the calls below go to it, each with a fresh token (they live 3 s here).
      const api = () => request(short.app.getHttpServer());
      const token = async () => bearer(await login(short.app, rtc.email, rtc.password));
      const curriculumId = (
        await api()
          .post('/api/curricula')
          .set(await token())
          .send({
            title: 'Renewal check',
            country: 'KE',
            rtc: 'RTC Nairobi',
            languages: ['en'],
            topics: [],
            summary: '',
          })
          .expect(201)
      ).body.id as string;

      const { page, problems } = await open(short.url);
      const uploads: Array<{ request: Request; status: number }> = [];
      let refreshes = 0;
      page.on('response', (response) => {
        const { pathname } = new URL(response.url());
        if (pathname === `/api/curricula/${curriculumId}/files`) {
          uploads.push({ request: response.request(), status: response.status() });
        }
        if (pathname === '/api/auth/refresh') {
          refreshes++;
        }
      });
      await signIn(page, rtc);
      await page.goto(`/curricula/${curriculumId}`);
      await heading(page, 'Renewal check').waitFor();
      await page.getByText('No file yet.').waitFor();
      const afterLoad = refreshes;

      // The token expires while the page is open: the upload renews it first, then sends the file once.
      await page.waitForTimeout(4000);
      await page.getByLabel('File', { exact: true }).setInputFiles({
        name: 'first.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('first file'),
      });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'first.txt is uploaded.' }).waitFor();
      expect(uploads.map((upload) => upload.status)).toEqual([201]);
      expect(refreshes).toBeGreaterThan(afterLoad);

      // The browser's clock runs behind the server's: the expired token looks fresh to the page, the api
      // answers 401, and the upload renews the sign-in and sends the file again, once.
      await page.waitForTimeout(4000);
      await page.clock.setFixedTime(Date.now() - 60_000);
      const beforeSecond = refreshes;
      await page.getByLabel('File', { exact: true }).setInputFiles({
        name: 'second.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('second file'),
      });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'second.txt is uploaded.' }).waitFor();
      expect(uploads.map((upload) => upload.status)).toEqual([201, 401, 201]);
      expect(refreshes).toBe(beforeSecond + 1);
      await page.getByRole('button', { name: 'Download second.txt' }).waitFor();

      const files = (
        await api()
          .get(`/api/curricula/${curriculumId}`)
          .set(await token())
          .expect(200)
      ).body as {
        files: Array<{ name: string }>;
      };
      expect(files.files.map((file) => file.name)).toEqual(['first.txt', 'second.txt']);

      // The group page's file library and a thread reply's attachment go through the same upload helper.
      const groupId = (
        await api()
          .post('/api/groups')
          .set(await token())
          .send({ name: `Renewal ${Date.now()}`, kind: 'expert_community' })
          .expect(201)
      ).body.id as string;
      const threadId = (
        await api()
          .post(`/api/groups/${groupId}/threads`)
          .set(await token())
          .send({ title: 'Renewal thread', body: 'start' })
          .expect(201)
      ).body.id as string;
      const groupUploads: number[] = [];
      page.on('response', (response) => {
        if (
          new URL(response.url()).pathname === `/api/groups/${groupId}/files` &&
          response.request().method() === 'POST'
        ) {
          groupUploads.push(response.status());
        }
      });
      await page.clock.setFixedTime(Date.now());
      await page.goto(`/groups/${groupId}/files`);
      await page.getByRole('heading', { level: 2, name: 'Files' }).waitFor();
      await page.waitForTimeout(4000);
      await page.clock.setFixedTime(Date.now());
      await page.getByLabel('File to share', { exact: true }).setInputFiles({
        name: 'library.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('library file'),
      });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      // In the library's list (the file input shows the chosen name too).
      await page.getByRole('list', { name: 'Files' }).getByText('library.txt', { exact: true }).waitFor();
      expect(groupUploads).toEqual([201]);

      await page.goto(`/threads/${threadId}`);
      await heading(page, 'Renewal thread').waitFor();
      await page.waitForTimeout(4000);
      await page.clock.setFixedTime(Date.now());
      await page.getByLabel('Message', { exact: true }).fill('With the minutes attached.');
      await page.getByLabel('Attach a file (optional)').setInputFiles({
        name: 'minutes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('minutes'),
      });
      await page.getByRole('button', { name: 'Send the reply' }).click();
      await page
        .locator('article.post')
        .nth(1)
        .getByRole('button', { name: /minutes\.txt/ })
        .waitFor();
      expect(groupUploads).toEqual([201, 201]);
      expect(problems.all.filter((line) => !isExpected401(line))).toEqual([]);
    } finally {
      await short.app.close();
    }
  }, 120_000);
});
