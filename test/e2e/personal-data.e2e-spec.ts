import request from 'supertest';
import { UserRole } from '@app/accounts';
import { PERSONAL_SECTIONS } from '@app/privacy';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { unzipAll } from '../support/licence-bundles';

type Row = Record<string, unknown>;

describe('GET /api/me/export (issue 17, item 6)', () => {
  let app: TestApp;
  let restorePrefix: () => void;
  let person: { id: string; email: string; token: string };
  let other: { id: string; token: string };

  const as = (token: string) => ({
    get: (url: string) => request(app.getHttpServer()).get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object) =>
      request(app.getHttpServer()).post(url).auth(token, { type: 'bearer' }).send(body),
  });

  async function download(token: string): Promise<Map<string, unknown>> {
    const response = await as(token)
      .get('/api/me/export')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/zip')
      .expect('Content-Disposition', /^attachment; filename="clearance-my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    const entries = await unzipAll(response.body as Buffer);
    return new Map(entries.map(([name, bytes]) => [name, JSON.parse(bytes.toString('utf8')) as unknown]));
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('personal-data');
    app = await createTestApp();
    await resetDatabase(app);
    const p = await createUser(app, { role: UserRole.RtcStaff, displayName: 'Wanjiru Kamau' });
    const o = await createUser(app, { role: UserRole.RtcStaff, displayName: 'Other Officer' });
    person = { id: p.id, email: p.email, token: await login(app, p.email, p.password) };
    other = { id: o.id, token: await login(app, o.email, o.password) };
  });

  afterAll(async () => {
    await app?.close();
    restorePrefix?.();
  });

  it('needs a signed-in person', async () => {
    await request(app.getHttpServer()).get('/api/me/export').expect(401);
  });

  it("holds the person's profile, sign-ins and posts as JSON, without secrets and without anyone else's rows", async () => {
    const group = (
      await as(person.token)
        .post('/api/groups', { name: 'Valuation practitioners', kind: 'expert_community' })
        .expect(201)
    ).body as { id: string };
    await as(person.token)
      .post(`/api/groups/${group.id}/threads`, { title: 'Transaction value', body: 'My own words' })
      .expect(201);
    const otherGroup = (
      await as(other.token).post('/api/groups', { name: 'Origin practitioners', kind: 'expert_community' }).expect(201)
    ).body as { id: string };
    await as(other.token)
      .post(`/api/groups/${otherGroup.id}/threads`, { title: 'Rules of origin', body: 'Somebody else' })
      .expect(201);

    const files = await download(person.token);
    expect([...files.keys()].sort()).toEqual(
      ['README.json', 'profile.json', ...PERSONAL_SECTIONS.map((section) => section.file)].sort(),
    );
    const profile = files.get('profile.json') as Row;
    expect(profile).toMatchObject({ id: person.id, email: person.email, display_name: 'Wanjiru Kamau' });
    expect(Object.keys(profile).filter((column) => /password|hash|token/.test(column))).toEqual([]);

    const posts = files.get('group-posts.json') as Row[];
    expect(posts.map((post) => post.body_source)).toEqual(['My own words']);
    expect(posts.every((post) => post.author_id === person.id)).toBe(true);
    const threads = files.get('group-threads.json') as Row[];
    expect(threads.map((thread) => thread.title)).toEqual(['Transaction value']);
    const memberships = files.get('group-memberships.json') as Row[];
    expect(memberships.map((membership) => membership.group_id)).toEqual([group.id]);

    const sessions = files.get('sign-in-sessions.json') as Row[];
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(sessions.every((session) => session.user_id === person.id)).toBe(true);
    expect(JSON.stringify([...files.values()])).not.toContain(other.id);
    expect((files.get('sign-ins.json') as Row[]).length).toBeGreaterThanOrEqual(1);
    expect(files.get('certificates.json')).toEqual([]);
  });
});
