import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { bearer, isolateRedisPrefix } from '../support/accounts';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import en from '../../apps/web/src/i18n/en.json';
import es from '../../apps/web/src/i18n/es.json';
import fr from '../../apps/web/src/i18n/fr.json';
import { assertWebAppBuilt, launchBrowser, watchForProblems, type PageProblems } from './support/browser';

type Person = { id: string; email: string; password: string; name: string };

describe('running a group in the browser', () => {
  let restorePrefix: (() => void) | undefined;
  let app: TestApp | undefined;
  let url: string;
  let browser: Browser | undefined;
  let owner: Person;
  let joiner: Person;
  let colleague: Person;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    restorePrefix = isolateRedisPrefix('group-admin-browser');
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    const person = async (name: string, role = UserRole.Learner): Promise<Person> => ({
      ...(await createUser(app!, { role, displayName: name, country: 'KE' })),
      name,
    });
    owner = await person('Amina RTC', UserRole.RtcStaff);
    joiner = await person('Joseph Mwangi');
    colleague = await person('Achieng Otieno');
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
  const sql = <T>(query: string, parameters: unknown[]) => app!.get(DataSource).query<T>(query, parameters);

  const open = async (locale = 'en-US'): Promise<{ page: Page; problems: PageProblems }> => {
    const context = await browser!.newContext({
      baseURL: url,
      locale,
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

  it('settings, a join request, roles, ownership, folders, versions, workshop material, then archived read-only', async () => {
    const groupName = `HS classification ${Date.now()}`;
    const ownerToken = await login(app!, owner.email, owner.password);
    const groupId = (
      await http()
        .post('/api/groups')
        .set(bearer(ownerToken))
        .send({ name: groupName, kind: 'material_workshop' })
        .expect(201)
    ).body.id as string;
    const otherGroupId = (
      await http()
        .post('/api/groups')
        .set(bearer(ownerToken))
        .send({ name: 'Tariff working party', kind: 'expert_community' })
        .expect(201)
    ).body.id as string;
    const colleagueInvitation = (
      await http()
        .post(`/api/groups/${otherGroupId}/invitations`)
        .set(bearer(ownerToken))
        .send({ userId: colleague.id })
        .expect(201)
    ).body.id as string;
    await http()
      .post(`/api/group-invitations/${colleagueInvitation}/accept`)
      .set(bearer(await login(app!, colleague.email, colleague.password)))
      .expect(200);
    const workshopId = (
      await http()
        .post(`/api/groups/${groupId}/workshops`)
        .set(bearer(ownerToken))
        .send({ title: 'Chapter 84 review', start: '2027-04-10T09:00', end: '2027-04-10T11:00', timeZone: 'UTC' })
        .expect(201)
    ).body.id as string;

    // The owner opens the group for join requests in its settings.
    const { page: ownerPage, problems: ownerProblems } = await open();
    await signIn(ownerPage, owner);
    await ownerPage.goto(`/groups/${groupId}/settings`);
    await heading(ownerPage, groupName).waitFor();
    const settings = ownerPage.getByRole('region', { name: 'Group settings' });
    await settings.getByLabel('Group description (optional)').fill('Harmonized System, chapters 84 and 85.');
    await settings.getByLabel('Open to join requests', { exact: true }).check();
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await settings.getByText('The settings are saved.').waitFor();
    const [groupRow] = await sql<Array<{ open_for_requests: number; description: string }>>(
      'SELECT open_for_requests, description FROM community_groups WHERE id = ?',
      [groupId],
    );
    expect(Number(groupRow.open_for_requests)).toBe(1);
    expect(groupRow.description).toBe('Harmonized System, chapters 84 and 85.');

    // A user finds it among the open groups and asks to join.
    const { page: joinerPage, problems: joinerProblems } = await open();
    await signIn(joinerPage, joiner);
    await joinerPage.goto('/groups');
    await heading(joinerPage, 'Groups').waitFor();
    await joinerPage.getByRole('button', { name: `Ask to join ${groupName}` }).click();
    await joinerPage.getByText('You asked to join: a moderator will answer.').waitFor();
    const requested = await sql<Array<{ id: string; state: string }>>(
      'SELECT id, state FROM group_memberships WHERE group_id = ? AND user_id = ?',
      [groupId, joiner.id],
    );
    expect(requested.map((row) => row.state)).toEqual(['requested']);

    // The owner lets them in, makes them a moderator, then hands the group over.
    await ownerPage.goto(`/groups/${groupId}/members`);
    const members = ownerPage.getByRole('region', { name: 'Members' });
    await members.getByRole('list', { name: 'Requests to join' }).getByText(joiner.name, { exact: true }).waitFor();
    await members.getByRole('button', { name: `Let ${joiner.name} join` }).click();
    await members.getByText(`${joiner.name} has joined the group.`).waitFor();
    await members.getByRole('button', { name: `Make ${joiner.name} a moderator` }).click();
    await members.getByText(`${joiner.name} is now a moderator.`).waitFor();
    const memberList = members.getByRole('list', { name: 'Members', exact: true });
    await memberList.locator(`[data-member="${joiner.id}"]`).getByText('Moderator', { exact: true }).waitFor();

    await members.getByRole('button', { name: `Make ${joiner.name} the owner` }).click();
    const transfer = ownerPage.getByRole('dialog', { name: `Make ${joiner.name} the owner?` });
    await transfer.waitFor();
    // Focus starts on the safe choice; Escape closes and gives focus back to the button that opened it.
    expect(await ownerPage.evaluate('document.activeElement.textContent')).toBe('Cancel');
    await ownerPage.keyboard.press('Escape');
    await transfer.waitFor({ state: 'hidden' });
    expect(await ownerPage.evaluate('document.activeElement.textContent')).toBe(`Make ${joiner.name} the owner`);
    await ownerPage.keyboard.press('Enter');
    await transfer.waitFor();
    await transfer.getByRole('button', { name: 'Transfer ownership' }).click();
    await members.getByText(`${joiner.name} now owns the group. You are a moderator.`).waitFor();
    expect(await ownerPage.evaluate('document.activeElement.textContent')).toBe(
      `${joiner.name} now owns the group. You are a moderator.`,
    );
    await memberList.locator(`[data-member="${joiner.id}"]`).getByText('Owner', { exact: true }).waitFor();
    await memberList.locator(`[data-member="${owner.id}"]`).getByText('Moderator', { exact: true }).waitFor();
    const roles = (await http().get(`/api/groups/${groupId}/members`).set(bearer(ownerToken)).expect(200))
      .body as Array<{
      userId: string;
      role: string;
      state: string;
    }>;
    expect(
      roles.map(({ userId, role, state }) => ({ userId, role, state })).sort((a, b) => a.role.localeCompare(b.role)),
    ).toEqual([
      { userId: owner.id, role: 'moderator', state: 'active' },
      { userId: joiner.id, role: 'owner', state: 'active' },
    ]);
    // A moderator invites a colleague from another of their groups by name.
    await members.getByRole('button', { name: 'Invite someone from my other groups' }).click();
    await members.getByLabel('Person to invite').selectOption({ label: `${colleague.name} (Tariff working party)` });
    await members.getByRole('button', { name: 'Invite this person' }).click();
    await members.getByText(`${colleague.name} is invited.`).waitFor();
    await members
      .getByRole('list', { name: 'Pending invitations' })
      .getByText(colleague.name, { exact: true })
      .waitFor();
    const invited = await sql<Array<{ state: string; role: string; invited_by: string }>>(
      'SELECT state, role, invited_by FROM group_memberships WHERE group_id = ? AND user_id = ?',
      [groupId, colleague.id],
    );
    expect(invited).toEqual([{ state: 'invited', role: 'member', invited_by: owner.id }]);

    // Only the owner archives: the former owner no longer sees that control.
    await ownerPage.goto(`/groups/${groupId}/settings`);
    await ownerPage.getByRole('button', { name: 'Save the settings' }).waitFor();
    expect(await ownerPage.getByRole('button', { name: 'Archive this group' }).count()).toBe(0);

    // The former owner, now a moderator, files a syllabus in a new folder, then a second version of it.
    await ownerPage.goto(`/groups/${groupId}/files`);
    const files = ownerPage.getByRole('region', { name: 'Files' });
    await files.getByLabel('New folder name').fill('Module 3');
    await files.getByRole('button', { name: 'Create the folder' }).click();
    await files.getByText('The folder Module 3 is created.').waitFor();
    await files.getByRole('button', { name: 'Open the folder Module 3' }).click();
    const path = files.getByRole('navigation', { name: 'Folder path' });
    await path.locator('[aria-current="location"]', { hasText: 'Module 3' }).waitFor();
    // Focus follows into the folder (the button pressed is gone).
    expect(await ownerPage.evaluate('document.activeElement.getAttribute("aria-current")')).toBe('location');
    await path.getByRole('button', { name: 'All files' }).waitFor();
    const version1 = Buffer.from('Syllabus, version 1: headings 84.01 to 84.87\n');
    const version2 = Buffer.from('Syllabus, version 2: headings 84.01 to 85.48, with notes\n');
    await files
      .getByLabel('File to share')
      .setInputFiles({ name: 'syllabus.txt', mimeType: 'text/plain', buffer: version1 });
    await files.getByRole('button', { name: 'Upload', exact: true }).click();
    await files.getByText('syllabus.txt is uploaded.').waitFor();
    await files.getByRole('list', { name: 'Files' }).getByText('syllabus.txt', { exact: true }).waitFor();

    await files.getByRole('button', { name: 'Versions of syllabus.txt' }).click();
    const versions = ownerPage.getByRole('dialog', { name: 'Versions of syllabus.txt' });
    await versions.locator('tr[data-version="1"]').waitFor();
    await versions.getByLabel('New version of syllabus.txt').setInputFiles({
      name: 'syllabus-v2.txt',
      mimeType: 'text/plain',
      buffer: version2,
    });
    await versions.getByRole('button', { name: 'Upload the new version' }).click();
    await versions.getByText('Version 2 is uploaded.').waitFor();
    await versions.locator('tr[data-version="2"]').getByText('(current)').waitFor();
    const download = ownerPage.waitForEvent('download');
    await versions.getByRole('button', { name: 'Download version 1 of syllabus.txt' }).click();
    const downloaded = await download;
    expect(downloaded.suggestedFilename()).toBe('syllabus.txt');
    expect(await readFile(await downloaded.path())).toEqual(version1);
    await versions.getByRole('button', { name: 'Close' }).click();
    await versions.waitFor({ state: 'hidden' });

    const [folder] = await sql<Array<{ id: string }>>('SELECT id FROM group_folders WHERE group_id = ? AND name = ?', [
      groupId,
      'Module 3',
    ]);
    const fileRows = await sql<Array<{ id: string; folder_id: string; current_version: number }>>(
      'SELECT id, folder_id, current_version FROM group_files WHERE group_id = ?',
      [groupId],
    );
    expect(fileRows).toEqual([{ id: expect.any(String), folder_id: folder.id, current_version: 2 }]);
    const fileId = fileRows[0].id;
    const versionRows = await sql<Array<{ version: number; size_bytes: string }>>(
      'SELECT version, size_bytes FROM group_file_versions WHERE file_id = ? ORDER BY version',
      [fileId],
    );
    expect(versionRows.map((row) => [row.version, Number(row.size_bytes)])).toEqual([
      [1, version1.length],
      [2, version2.length],
    ]);

    // The moderator moves the workshop to Paris time with a meeting link, and links the syllabus as preparation.
    await ownerPage.goto(`/groups/${groupId}/workshops`);
    const workshops = ownerPage.getByRole('region', { name: 'Workshops' });
    await workshops.getByRole('button', { name: 'Edit Chapter 84 review' }).click();
    const edit = ownerPage.getByRole('dialog', { name: 'Edit Chapter 84 review' });
    await edit.getByLabel('Title', { exact: true }).fill('Chapters 84 and 85 review');
    await edit.getByLabel('Starts', { exact: true }).fill('2027-04-10T14:00');
    await edit.getByLabel('Ends', { exact: true }).fill('2027-04-10T16:30');
    await edit.getByLabel('Time zone (IANA, e.g. Africa/Nairobi)').fill('Europe/Paris');
    await edit.getByLabel('Meeting link (optional)').fill('https://meet.example.org/hs-review');
    await edit.getByRole('button', { name: 'Save the workshop' }).click();
    await workshops.getByText('Chapters 84 and 85 review is saved.').waitFor();
    await workshops.getByText('2027-04-10 14:00 to 2027-04-10 16:30 (Europe/Paris)').waitFor();
    const saved = (await http().get(`/api/workshops/${workshopId}`).set(bearer(ownerToken)).expect(200)).body as {
      startsAt: string;
      endsAt: string;
      meetingUrl: string;
    };
    expect(saved).toMatchObject({
      startsAt: '2027-04-10T12:00:00.000Z',
      endsAt: '2027-04-10T14:30:00.000Z',
      meetingUrl: 'https://meet.example.org/hs-review',
    });

    await workshops.getByRole('button', { name: 'Add material to Chapters 84 and 85 review' }).click();
    const material = ownerPage.getByRole('dialog', { name: 'Add material to Chapters 84 and 85 review' });
    await material.getByLabel('Library file').selectOption({ label: 'Module 3 / syllabus.txt' });
    await material.getByLabel('Before the workshop (preparation)').check();
    await material.getByRole('button', { name: 'Add the material' }).click();
    const linked = workshops.getByRole('list', { name: 'Material of Chapters 84 and 85 review' });
    await linked.locator(`[data-material="${fileId}"][data-phase="before"]`).getByText('Before:').waitFor();
    const materialRows = await sql<Array<{ file_id: string; phase: string }>>(
      'SELECT file_id, phase FROM group_workshop_materials WHERE workshop_id = ?',
      [workshopId],
    );
    expect(materialRows).toEqual([{ file_id: fileId, phase: 'before' }]);

    const threadId = (
      await http()
        .post(`/api/groups/${groupId}/threads`)
        .set(bearer(ownerToken))
        .send({ title: 'Notes on 84.71', body: 'Computers and units thereof.' })
        .expect(201)
    ).body.id as string;

    // The new owner archives the group: it reads as read-only for both of them, and the api refuses writes.
    await joinerPage.goto(`/groups/${groupId}/settings`);
    await heading(joinerPage, groupName).waitFor();
    await joinerPage.getByRole('button', { name: 'Archive this group' }).click();
    const archive = joinerPage.getByRole('dialog', { name: `Archive ${groupName}?` });
    await archive.getByRole('button', { name: 'Archive the group' }).click();
    await joinerPage.getByText('The group is archived: it is now read-only.').waitFor();
    expect(await joinerPage.evaluate('document.activeElement.textContent')).toBe(
      'The group is archived: it is now read-only.',
    );
    for (const page of [joinerPage, ownerPage]) {
      await page.goto(`/groups/${groupId}/files`);
      await heading(page, groupName).waitFor();
      await page
        .getByRole('note')
        .getByText(/This group is archived: it is read-only\./)
        .waitFor();
      // Reading still works: the folder opens and the file's versions are listed, without an upload form.
      await page.getByRole('button', { name: 'Open the folder Module 3' }).click();
      await page.getByRole('list', { name: 'Files' }).getByText('syllabus.txt', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Versions of syllabus.txt' }).click();
      const dialog = page.getByRole('dialog', { name: 'Versions of syllabus.txt' });
      await dialog.locator('tr[data-version="2"]').waitFor();
      expect(await dialog.getByLabel('New version of syllabus.txt').count()).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      for (const [tab, sectionHeading, ready] of [
        ['threads', 'Discussions', page.locator('[data-thread]').first()],
        ['files', 'Files', page.getByRole('button', { name: 'Open the folder Module 3' })],
        ['workshops', 'Workshops', page.getByText('Chapters 84 and 85 review').first()],
        ['members', 'Members', page.getByRole('list', { name: 'Members', exact: true })],
      ] as const) {
        await page.goto(`/groups/${groupId}/${tab}`);
        await page.getByRole('heading', { level: 2, name: sectionHeading, exact: true }).waitFor();
        await ready.waitFor();
        for (const control of [
          'Start the discussion',
          'Upload',
          'Create the folder',
          'Schedule',
          'Send the invitation',
        ]) {
          expect(await page.getByRole('button', { name: control, exact: true }).count()).toBe(0);
        }
        expect(await page.getByLabel('File to share').count()).toBe(0);
        expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
      }
    }
    await joinerPage.goto(`/threads/${threadId}`);
    await heading(joinerPage, 'Notes on 84.71').waitFor();
    await joinerPage
      .getByRole('note')
      .getByText(/This group is archived: it is read-only\./)
      .waitFor();
    expect(await joinerPage.getByRole('button', { name: 'Send the reply' }).count()).toBe(0);
    await joinerPage.goto(`/groups/${groupId}/settings`);
    await joinerPage.getByRole('button', { name: 'Unarchive this group' }).waitFor();

    const joinerToken = await login(app!, joiner.email, joiner.password);
    const refused = [
      await http().post(`/api/groups/${groupId}/threads`).set(bearer(ownerToken)).send({ title: 'x', body: 'x' }),
      await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(ownerToken))
        .field('fileId', fileId)
        .attach('file', Buffer.from('v3'), { filename: 'syllabus.txt', contentType: 'text/plain' }),
      await http().post(`/api/groups/${groupId}/folders`).set(bearer(ownerToken)).send({ name: 'Late' }),
      await http().patch(`/api/workshops/${workshopId}`).set(bearer(ownerToken)).send({ title: 'Late' }),
      await http().patch(`/api/groups/${groupId}`).set(bearer(joinerToken)).send({ name: 'Renamed' }),
    ];
    expect(refused.map((response) => [response.status, (response.body as { code?: string }).code])).toEqual(
      Array(refused.length).fill([409, 'GROUP_ARCHIVED']),
    );
    const [archivedRow] = await sql<Array<{ archived_at: Date | null; name: string }>>(
      'SELECT archived_at, name FROM community_groups WHERE id = ?',
      [groupId],
    );
    expect(archivedRow.archived_at).not.toBeNull();
    expect(archivedRow.name).toBe(groupName);
    // Reading still works.
    const old = await http()
      .get(`/api/group-files/${fileId}/download?version=1`)
      .set(bearer(joinerToken))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(old.body).toEqual(version1);

    // The owner unarchives: the composer is back. The former owner leaves, after a confirmation.
    await joinerPage.getByRole('button', { name: 'Unarchive this group' }).click();
    await joinerPage.getByText('The group is no longer archived.').waitFor();
    await joinerPage.getByRole('link', { name: 'Discussions', exact: true }).click();
    await joinerPage.getByRole('button', { name: 'Start the discussion' }).waitFor();
    expect(await joinerPage.getByRole('note').count()).toBe(0);
    await ownerPage.goto(`/groups/${groupId}/members`);
    await ownerPage.getByRole('button', { name: 'Leave this group' }).click();
    await ownerPage
      .getByRole('dialog', { name: `Leave ${groupName}?` })
      .getByRole('button', { name: 'Leave the group' })
      .click();
    await heading(ownerPage, 'Groups').waitFor();
    expect(
      await sql('SELECT id FROM group_memberships WHERE group_id = ? AND user_id = ?', [groupId, owner.id]),
    ).toEqual([]);

    expect(ownerProblems.all).toEqual([]);
    expect(joinerProblems.all).toEqual([]);
  });

  it.each([
    ['en-US', en, 1280, 800],
    ['fr-FR', fr, 1280, 800],
    ['es-ES', es, 1280, 800],
    ['en-US', en, 390, 844],
    ['fr-FR', fr, 390, 844],
    ['es-ES', es, 390, 844],
  ])(
    'shows the group tabs in %s at %d px, each at its own address, with no untranslated text',
    async (locale, words, width, height) => {
      const token = await login(app!, owner.email, owner.password);
      const groupId = (
        await http()
          .post('/api/groups')
          .set(bearer(token))
          .send({ name: `Groupe ${locale} ${width}`, kind: 'expert_community' })
          .expect(201)
      ).body.id as string;
      await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(token))
        .attach('file', Buffer.from('x'), { filename: 'guide.txt', contentType: 'text/plain' })
        .expect(201);
      await http()
        .post(`/api/groups/${groupId}/workshops`)
        .set(bearer(token))
        .send({ title: 'Atelier', start: '2027-05-03T09:00', end: '2027-05-03T10:00', timeZone: 'America/Lima' })
        .expect(201);

      const { page, problems } = await open(locale);
      await page.setViewportSize({ width, height });
      await page.goto('/sign-in');
      await heading(page, words.signIn.heading).waitFor();
      await page.getByLabel(words.signIn.email, { exact: true }).fill(owner.email);
      await page.getByLabel(words.signIn.password, { exact: true }).fill(owner.password);
      await page.getByRole('button', { name: words.signIn.submit, exact: true }).click();
      await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
      await page.goto(`/groups/${groupId}`);
      await heading(page, `Groupe ${locale} ${width}`).waitFor();
      const tabs = page.getByRole('navigation', { name: words.groupTabs.label, exact: true });
      let text = '';
      for (const [tab, sectionHeading] of [
        ['files', words.groups.files.title],
        ['workshops', words.groups.workshops.title],
        ['members', words.groups.members.title],
        ['settings', words.groups.settings.title],
        ['threads', words.groups.threads.title],
      ] as const) {
        const link = tabs.getByRole('link', { name: words.groupTabs[tab], exact: true });
        // Keyboard: the tab is a link, reached by focus and followed with Enter.
        await link.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(`**/groups/${groupId}/${tab}`);
        await page.getByRole('heading', { level: 2, name: sectionHeading, exact: true }).waitFor();
        expect(await link.getAttribute('aria-current')).toBe('page');
        expect(await tabs.locator('[aria-current="page"]').count()).toBe(1);
        // Focus stays on the tab just followed (the page is the same group).
        expect(await page.evaluate('document.activeElement.textContent')).toBe(words.groupTabs[tab]);
        const box = await link.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        if (tab === 'files') {
          await page.getByLabel(words.groups.files.folderName, { exact: true }).waitFor();
          // The file input in the interface language, not the browser's.
          await page.locator('.file-input-button', { hasText: words.fileInput.choose }).waitFor();
          await page.locator('.file-input-name', { hasText: words.fileInput.none }).waitFor();
          await page
            .getByRole('button', { name: words.groups.files.versions.replace('{{name}}', 'guide.txt') })
            .click();
          const dialog = page.getByRole('dialog', {
            name: words.groups.files.versionsTitle.replace('{{name}}', 'guide.txt'),
          });
          await dialog.locator('tr[data-version="1"]').waitFor();
          text += await dialog.innerText();
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'hidden' });
        }
        if (tab === 'settings') {
          await page.getByRole('button', { name: words.groups.settings.archive, exact: true }).waitFor();
        }
        if (tab === 'workshops') {
          await page.getByText('Atelier', { exact: true }).first().waitFor();
        }
        text += await page.locator('body').innerText();
      }
      expect(text).not.toMatch(/group(s|Tabs)\.|\{\{/);
      // No sideways scrolling on a phone.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      expect(problems.all).toEqual([]);
    },
  );
});
