import { readdir } from 'node:fs/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { BlobStore } from '@app/storage';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { bearer, isolateRedisPrefix, postRegister, registrationBody } from '../support/accounts';

type Person = { id: string; email: string; token: string };

/** Each character the rule refuses, named as Unicode names it. */
const UNSAFE: Array<[string, string]> = [
  ['U+202A LEFT-TO-RIGHT EMBEDDING', '\u202A'],
  ['U+202B RIGHT-TO-LEFT EMBEDDING', '\u202B'],
  ['U+202C POP DIRECTIONAL FORMATTING', '\u202C'],
  ['U+202D LEFT-TO-RIGHT OVERRIDE', '\u202D'],
  ['U+202E RIGHT-TO-LEFT OVERRIDE', '\u202E'],
  ['U+2066 LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['U+2067 RIGHT-TO-LEFT ISOLATE', '\u2067'],
  ['U+2068 FIRST STRONG ISOLATE', '\u2068'],
  ['U+2069 POP DIRECTIONAL ISOLATE', '\u2069'],
  ['U+200E LEFT-TO-RIGHT MARK', '\u200E'],
  ['U+200F RIGHT-TO-LEFT MARK', '\u200F'],
  ['U+061C ARABIC LETTER MARK', '\u061C'],
  ['U+200B ZERO WIDTH SPACE', '\u200B'],
  ['U+200C ZERO WIDTH NON-JOINER', '\u200C'],
  ['U+200D ZERO WIDTH JOINER', '\u200D'],
  ['U+2060 WORD JOINER', '\u2060'],
  ['U+FEFF ZERO WIDTH NO-BREAK SPACE', '\uFEFF'],
];

/** "José Ramírez" with combining accents (NFD): looks the same, is not the same string. */
const DECOMPOSED = 'Jose\u0301 Rami\u0301rez';
const COMPOSED = 'Jos\u00e9 Ram\u00edrez';

describe('names cannot spoof: no bidi controls or zero-width characters, stored NFC (docs/security.md)', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let rtc: Person;
  let member: Person;
  let groupId: string;
  let threadId: string;
  let curriculumId: string;

  const http = () => request(app.getHttpServer());
  const db = () => app.get(DataSource);
  const as = (who: Person) => ({
    post: (path: string, body: object) => http().post(path).set(bearer(who.token)).send(body),
    patch: (path: string, body: object) => http().patch(path).set(bearer(who.token)).send(body),
  });
  const person = async (overrides: Parameters<typeof createUser>[1] = {}): Promise<Person> => {
    const user = await createUser(app, overrides);
    return { id: user.id, email: user.email, token: await login(app, user.email, user.password) };
  };
  const expectUnsafe = (body: { code: string; statusCode: number }) =>
    expect(body).toMatchObject({ statusCode: 400, code: 'UNSAFE_CHARACTERS' });

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('names-e2e');
    app = await createTestApp();
    rtc = await person({ role: UserRole.RtcStaff, displayName: 'RTC Names' });
    member = await person({ displayName: 'Group Member' });
    groupId = (await as(rtc).post('/api/groups', { name: 'Names workshop', kind: 'expert_community' }).expect(201)).body
      .id;
    threadId = (
      await as(rtc).post(`/api/groups/${groupId}/threads`, { title: 'First thread', body: 'Hello' }).expect(201)
    ).body.id;
    curriculumId = (
      await as(rtc)
        .post('/api/curricula', {
          title: 'Names curriculum',
          country: 'KE',
          rtc: 'RTC Nairobi',
          languages: ['en'],
          topics: [],
          summary: 'x',
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await app?.close();
    restorePrefix();
  });

  describe('sign-up display name', () => {
    it.each(UNSAFE)('refuses %s: 400 UNSAFE_CHARACTERS, no account', async (_, char) => {
      const body = registrationBody({ displayName: `Amina${char} Odhiambo` });
      const response = await postRegister(app, body).expect(400);
      expectUnsafe(response.body);
      expect(await db().query('SELECT id FROM users WHERE email = ?', [body.email])).toEqual([]);
    });

    it('stores the name NFC-normalised', async () => {
      const body = registrationBody({ displayName: DECOMPOSED });
      await postRegister(app, body).expect(201);
      const [row] = await db().query('SELECT display_name FROM users WHERE email = ?', [body.email.toLowerCase()]);
      expect(row.display_name).toBe(COMPOSED);
    });
  });

  describe('PATCH /api/me display name', () => {
    it('refuses a right-to-left override (an attacker renaming themselves "admin‮nimda"): 400, the name unchanged', async () => {
      const response = await as(member).patch('/api/me', { displayName: 'Secretariat\u202E nimdA' }).expect(400);
      expectUnsafe(response.body);
      const [row] = await db().query('SELECT display_name FROM users WHERE id = ?', [member.id]);
      expect(row.display_name).toBe('Group Member');
    });

    it('stores a decomposed name composed', async () => {
      await as(member).patch('/api/me', { displayName: DECOMPOSED }).expect(200);
      const [row] = await db().query('SELECT display_name FROM users WHERE id = ?', [member.id]);
      expect(row.display_name).toBe(COMPOSED);
    });
  });

  describe('groups, threads, folders and curricula', () => {
    it('a group name: create and rename refused, nothing written', async () => {
      const before = await db().query('SELECT COUNT(*) AS n FROM community_groups');
      expectUnsafe(
        (await as(rtc).post('/api/groups', { name: 'Experts\u2066 x', kind: 'expert_community' }).expect(400)).body,
      );
      expect(await db().query('SELECT COUNT(*) AS n FROM community_groups')).toEqual(before);
      expectUnsafe((await as(rtc).patch(`/api/groups/${groupId}`, { name: 'Renamed\u200B' }).expect(400)).body);
      const [group] = await db().query('SELECT name FROM community_groups WHERE id = ?', [groupId]);
      expect(group.name).toBe('Names workshop');
    });

    it('a group name is stored NFC', async () => {
      await as(rtc)
        .patch(`/api/groups/${groupId}`, { name: `Groupe ${DECOMPOSED}` })
        .expect(200);
      const [group] = await db().query('SELECT name FROM community_groups WHERE id = ?', [groupId]);
      expect(group.name).toBe(`Groupe ${COMPOSED}`);
    });

    it('a thread title: create and rename refused, nothing written', async () => {
      const before = await db().query('SELECT COUNT(*) AS n FROM group_threads WHERE group_id = ?', [groupId]);
      expectUnsafe(
        (await as(rtc).post(`/api/groups/${groupId}/threads`, { title: 'Agen\uFEFFda', body: 'x' }).expect(400)).body,
      );
      expect(await db().query('SELECT COUNT(*) AS n FROM group_threads WHERE group_id = ?', [groupId])).toEqual(before);
      expectUnsafe((await as(rtc).patch(`/api/threads/${threadId}`, { title: 'Agenda\u200F' }).expect(400)).body);
      const [thread] = await db().query('SELECT title FROM group_threads WHERE id = ?', [threadId]);
      expect(thread.title).toBe('First thread');
    });

    it('a folder name is refused', async () => {
      expectUnsafe((await as(rtc).post(`/api/groups/${groupId}/folders`, { name: 'Minutes\u2068' }).expect(400)).body);
      expect(await db().query('SELECT id FROM group_folders WHERE group_id = ?', [groupId])).toEqual([]);
    });

    it('a curriculum title: create and update refused, nothing written', async () => {
      const before = await db().query('SELECT COUNT(*) AS n FROM curricula');
      const body = { title: 'Valuation\u202D', country: 'KE', rtc: 'RTC', languages: ['en'], topics: [], summary: 'x' };
      expectUnsafe((await as(rtc).post('/api/curricula', body).expect(400)).body);
      expect(await db().query('SELECT COUNT(*) AS n FROM curricula')).toEqual(before);
      expectUnsafe((await as(rtc).patch(`/api/curricula/${curriculumId}`, { title: 'x\u061C' }).expect(400)).body);
      const [row] = await db().query('SELECT title FROM curricula WHERE id = ?', [curriculumId]);
      expect(row.title).toBe('Names curriculum');
    });
  });

  describe('uploaded file names', () => {
    const uploads = async (): Promise<string[]> => readdir(await app.get(BlobStore).uploadsDir());

    it('a group file "invoice‮fdp.exe" (shows as invoiceexe.pdf): 400, no file row, no bytes kept', async () => {
      const response = await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('MZ not really'), 'invoice\u202Efdp.exe')
        .expect(400);
      expectUnsafe(response.body);
      expect(await db().query('SELECT id FROM group_files WHERE group_id = ?', [groupId])).toEqual([]);
      expect((await uploads()).filter((name) => name.startsWith('group-'))).toEqual([]);
    });

    it('a group file name is stored NFC', async () => {
      const response = await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('%PDF-1.4 x'), `${DECOMPOSED}.pdf`)
        .expect(201);
      expect(response.body.name).toBe(`${COMPOSED}.pdf`);
      const [row] = await db().query('SELECT name FROM group_files WHERE id = ?', [response.body.id]);
      expect(row.name).toBe(`${COMPOSED}.pdf`);
    });

    it('a curriculum file with a zero-width joiner: 400, nothing kept', async () => {
      const response = await http()
        .post(`/api/curricula/${curriculumId}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('%PDF-1.4 x'), 'sylla\u200Dbus.pdf')
        .expect(400);
      expectUnsafe(response.body);
      expect(await db().query('SELECT id FROM curriculum_files WHERE curriculum_id = ?', [curriculumId])).toEqual([]);
      expect((await uploads()).filter((name) => name.startsWith('curriculum-'))).toEqual([]);
    });
  });

  it('ordinary scripts stay welcome: Arabic, Chinese and accented names pass as typed', async () => {
    for (const name of ['محمد العلي', '李明', 'Zoë Ødegård', 'Ñandú']) {
      await as(member).patch('/api/me', { displayName: name }).expect(200);
      const [row] = await db().query('SELECT display_name FROM users WHERE id = ?', [member.id]);
      expect(row.display_name).toBe(name.normalize('NFC'));
    }
  });
});
