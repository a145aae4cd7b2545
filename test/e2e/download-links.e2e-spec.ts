import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { DownloadLinkSigner } from '@app/storage';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { bearer, isolateRedisPrefix, sleep, withEnv } from '../support/accounts';

type Person = { id: string; token: string };
type Link = { url: string; expiresAt: string };

const NO_SUCH_ID = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';
/** Short enough to watch a link expire, long enough for the requests made with a fresh one. */
const TTL_SECONDS = 3;

describe('signed download links', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let rtc: Person;
  let expert: Person;
  let outsider: Person;
  let groupId: string;
  let fileId: string;
  let otherFileId: string;
  let curriculumFileId: string;
  const video = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

  const http = () => request(app.getHttpServer());
  const person = async (overrides: Parameters<typeof createUser>[1] = {}): Promise<Person> => {
    const user = await createUser(app, overrides);
    return { id: user.id, token: await login(app, user.email, user.password) };
  };
  const linkFor = async (who: Person, path: string): Promise<Link> =>
    (await http().get(path).set(bearer(who.token)).expect(200)).body as Link;
  const upload = (who: Person, content: Buffer | string, name: string, fields: Record<string, string> = {}) => {
    const req = http().post(`/api/groups/${groupId}/files`).set(bearer(who.token));
    for (const [key, value] of Object.entries(fields)) {
      void req.field(key, value);
    }
    return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  };
  /** Row counts of every table: asking for and using links writes nothing. */
  const counts = async (): Promise<string> => {
    const dataSource = app.get(DataSource);
    const tables = dataSource.entityMetadatas.map((m) => m.tableName).sort();
    const rows = await dataSource.query<Array<{ Table: string; Checksum: string }>>(
      `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return rows.map((row) => `${row.Table}:${row.Checksum}`).join(',');
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('download-links');
    app = await withEnv({ DOWNLOAD_LINK_TTL_SECONDS: String(TTL_SECONDS) }, createTestApp);
    await resetDatabase(app);
    rtc = await person({ role: UserRole.RtcStaff, displayName: 'RTC Nairobi' });
    expert = await person({ displayName: 'Expert Amina' });
    outsider = await person({ displayName: 'Outsider' });
    groupId = (
      await http()
        .post('/api/groups')
        .set(bearer(rtc.token))
        .send({ name: 'Recorded sessions', kind: 'material_workshop' })
        .expect(201)
    ).body.id as string;
    const invitation = await http()
      .post(`/api/groups/${groupId}/invitations`)
      .set(bearer(rtc.token))
      .send({ userId: expert.id })
      .expect(201);
    await http().post(`/api/group-invitations/${invitation.body.id}/accept`).set(bearer(expert.token)).expect(200);
    const first = await upload(rtc, 'version one', 'session.mp4').expect(201);
    fileId = first.body.id as string;
    await upload(rtc, video, 'ignored.mp4', { fileId }).expect(201);
    otherFileId = (await upload(rtc, 'minutes', 'minutes.txt').expect(201)).body.id as string;
    const curriculum = await http()
      .post('/api/curricula')
      .set(bearer(rtc.token))
      .send({ title: 'Valuation', country: 'ke', rtc: 'RTC Nairobi', languages: ['en'], topics: [], summary: '' })
      .expect(201);
    const withFile = await http()
      .post(`/api/curricula/${curriculum.body.id}/files`)
      .set(bearer(rtc.token))
      .attach('file', Buffer.from('%PDF-1.4 syllabus'), 'syllabus.pdf')
      .expect(201);
    curriculumFileId = (withFile.body.files as Array<{ id: string }>)[0].id;
  });

  afterAll(async () => {
    await app.close();
    restorePrefix();
  });

  describe('asking for a group file link', () => {
    it('needs a signed-in member: 401 without a token, 404 to others, 400 for a bad id', async () => {
      await http().get(`/api/group-files/${fileId}/download-link`).expect(401);
      const refused = await http().get(`/api/group-files/${fileId}/download-link`).set(bearer(outsider.token));
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('GROUP_FILE_NOT_FOUND');
      const missing = await http().get(`/api/group-files/${NO_SUCH_ID}/download-link`).set(bearer(expert.token));
      expect([missing.status, missing.body]).toEqual([404, refused.body]);
      await http().get('/api/group-files/nope/download-link').set(bearer(expert.token)).expect(400);
      await http().get(`/api/group-files/${fileId}/download-link?version=0`).set(bearer(expert.token)).expect(400);
      await http().get(`/api/group-files/${fileId}/download-link?version=9`).set(bearer(expert.token)).expect(404);
    });

    it('answers a link valid a few minutes, never cached', async () => {
      const before = Date.now();
      const response = await http()
        .get(`/api/group-files/${fileId}/download-link`)
        .set(bearer(expert.token))
        .expect(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      const link = response.body as Link;
      expect(Object.keys(link).sort()).toEqual(['expiresAt', 'url']);
      expect(link.url).toMatch(
        new RegExp(`^/api/group-files/${fileId}/download/[0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{32}$`),
      );
      const expires = Date.parse(link.expiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + TTL_SECONDS * 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + TTL_SECONDS * 1000);
    });
  });

  describe('downloading through a group file link', () => {
    it('streams the current version without an Authorization header, with ranges and ETag', async () => {
      const before = await counts();
      const link = await linkFor(expert, `/api/group-files/${fileId}/download-link`);
      const full = await http().get(link.url).buffer(true).expect(200);
      expect(Buffer.compare(full.body as Buffer, video)).toBe(0);
      expect(full.headers['content-type']).toBe('video/mp4');
      expect(full.headers['content-disposition']).toMatch(/^inline; filename="session.mp4"/);
      expect(full.headers['x-content-type-options']).toBe('nosniff');
      expect(full.headers['referrer-policy']).toBe('no-referrer');
      expect(full.headers['accept-ranges']).toBe('bytes');
      const part = await http().get(link.url).set('Range', 'bytes=1000-1099').buffer(true).expect(206);
      expect(part.headers['content-range']).toBe('bytes 1000-1099/5000');
      expect(Buffer.compare(part.body as Buffer, video.subarray(1000, 1100))).toBe(0);
      await http().get(link.url).set('Range', 'bytes=9000-9999').expect(416);
      await http().get(link.url).set('If-None-Match', full.headers.etag).expect(304);
      expect(await counts()).toBe(before);
    });

    it('opens the version it was made for', async () => {
      const link = await linkFor(expert, `/api/group-files/${fileId}/download-link?version=1`);
      const old = await http().get(link.url).buffer(true).expect(200);
      expect(Buffer.from(old.body as Buffer).toString()).toBe('version one');
    });

    it('refuses a tampered, foreign, other-kind or expired token exactly like a missing file', async () => {
      const before = await counts();
      const link = await linkFor(expert, `/api/group-files/${fileId}/download-link`);
      const token = link.url.split('/').pop()!;
      const [version, expires, user, signature] = token.split('.');
      const notFound = (await http().get(`/api/group-files/${NO_SUCH_ID}/download/${token}`).expect(404)).body;
      expect(notFound.code).toBe('GROUP_FILE_NOT_FOUND');
      const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'AB' : 'AA');
      const stranger = Buffer.from(outsider.id.replace(/-/g, ''), 'hex').toString('base64url');
      const refused = [
        `/api/group-files/${fileId}/download/${version}.${Number(expires) + 3_600_000}.${user}.${signature}`,
        `/api/group-files/${fileId}/download/1.${expires}.${user}.${signature}`,
        `/api/group-files/${fileId}/download/${version}.${expires}.${stranger}.${signature}`,
        `/api/group-files/${fileId}/download/${version}.${expires}.${user}.${flipped}`,
        `/api/group-files/${fileId}/download/${version}.${expires}.${user}`,
        `/api/group-files/${fileId}/download/${token}.x`,
        `/api/group-files/${fileId}/download/${'a'.repeat(99)}`,
        // File A's token on file B, and on a curriculum file.
        `/api/group-files/${otherFileId}/download/${token}`,
        `/api/curriculum-files/${curriculumFileId}/download/${token}`,
      ];
      for (const path of refused) {
        const response = await http().get(path);
        expect([path, response.status]).toEqual([path, 404]);
        expect(response.body).toEqual(
          path.includes('curriculum') ? expect.objectContaining({ statusCode: 404 }) : notFound,
        );
      }
      // A link signed by the same key with a clock ten minutes back has expired.
      const stale = app
        .get(DownloadLinkSigner)
        .sign({ kind: 'group-file', fileId, version: 2, userId: expert.id }, Date.now() - 600_000);
      expect((await http().get(`/api/group-files/${fileId}/download/${stale.token}`).expect(404)).body).toEqual(
        notFound,
      );
      // And the link just made stops working once its few seconds are over.
      await http().get(link.url).expect(200);
      await sleep(Date.parse(link.expiresAt) - Date.now() + 50);
      expect((await http().get(link.url).expect(404)).body).toEqual(notFound);
      expect(await counts()).toBe(before);
    });

    it('stops working once its user is no longer a member, or the file is deleted', async () => {
      const colleague = await person({ displayName: 'Colleague' });
      const invitation = await http()
        .post(`/api/groups/${groupId}/invitations`)
        .set(bearer(rtc.token))
        .send({ userId: colleague.id })
        .expect(201);
      await http().post(`/api/group-invitations/${invitation.body.id}/accept`).set(bearer(colleague.token)).expect(200);
      const link = await linkFor(colleague, `/api/group-files/${otherFileId}/download-link`);
      await http().get(link.url).expect(200);
      await http().post(`/api/groups/${groupId}/leave`).set(bearer(colleague.token)).expect(204);
      await http().get(link.url).expect(404);

      const own = await linkFor(expert, `/api/group-files/${otherFileId}/download-link`);
      await http().delete(`/api/group-files/${otherFileId}`).set(bearer(rtc.token)).expect(204);
      await http().get(own.url).expect(404);
    });

    it('leaves the bearer download route as it was', async () => {
      const full = await http().get(`/api/group-files/${fileId}/download`).set(bearer(expert.token)).buffer(true);
      expect(full.status).toBe(200);
      expect(Buffer.compare(full.body as Buffer, video)).toBe(0);
      await http().get(`/api/group-files/${fileId}/download`).expect(401);
    });
  });

  it('documents the link routes as signed-in and the downloads as needing no sign-in', async () => {
    const { paths } = (await http().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { security?: unknown[] } }>;
    };
    for (const kind of ['group-files', 'curriculum-files']) {
      expect(paths[`/api/${kind}/{id}/download-link`].get?.security).toEqual([{ bearer: [] }]);
      expect(paths[`/api/${kind}/{id}/download/{token}`].get?.security).toBeUndefined();
    }
  });

  describe('curriculum file links', () => {
    it('are given to any signed-in user and download without an Authorization header', async () => {
      await http().get(`/api/curriculum-files/${curriculumFileId}/download-link`).expect(401);
      await http().get(`/api/curriculum-files/${NO_SUCH_ID}/download-link`).set(bearer(outsider.token)).expect(404);
      const response = await http()
        .get(`/api/curriculum-files/${curriculumFileId}/download-link`)
        .set(bearer(outsider.token))
        .expect(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      const link = response.body as Link;
      expect(link.url).toMatch(new RegExp(`^/api/curriculum-files/${curriculumFileId}/download/`));
      const file = await http().get(link.url).buffer(true).expect(200);
      expect(Buffer.from(file.body as Buffer).toString()).toBe('%PDF-1.4 syllabus');
      expect(file.headers['referrer-policy']).toBe('no-referrer');
      const part = await http().get(link.url).set('Range', 'bytes=0-3').buffer(true).expect(206);
      expect(Buffer.from(part.body as Buffer).toString()).toBe('%PDF');
      const token = link.url.split('/').pop()!;
      const refused = await http().get(`/api/curriculum-files/${NO_SUCH_ID}/download/${token}`).expect(404);
      expect(refused.body.code).toBe('CURRICULUM_FILE_NOT_FOUND');
      await http().get(`/api/group-files/${fileId}/download/${token}`).expect(404);
      await http()
        .get(`/api/curriculum-files/${curriculumFileId}/download/${token.slice(1)}`)
        .expect(404);
    });
  });
});
