import request from 'supertest';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { appoint, bearer } from '../support/accounts';

type Person = { id: string; token: string };

const NO_SUCH_ID = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';

describe('curricula and national contact points', () => {
  let app: TestApp;
  let admin: Person;
  let keCoordinator: Person;
  let rtc: Person;
  let otherRtc: Person;
  let learner: Person;

  const http = () => request(app.getHttpServer());
  const as = (person: Person) => ({
    get: (path: string) => http().get(path).set(bearer(person.token)),
    post: (path: string, body: object = {}) => http().post(path).set(bearer(person.token)).send(body),
    patch: (path: string, body: object) => http().patch(path).set(bearer(person.token)).send(body),
    put: (path: string, body: object) => http().put(path).set(bearer(person.token)).send(body),
    delete: (path: string) => http().delete(path).set(bearer(person.token)),
  });
  const person = async (overrides: Parameters<typeof createUser>[1] = {}): Promise<Person> => {
    const user = await createUser(app, overrides);
    return { id: user.id, token: await login(app, user.email, user.password) };
  };

  const curriculum = {
    title: 'Évaluation en douane : programme national',
    country: 'ke',
    rtc: 'RTC Nairobi',
    languages: ['fr', 'en'],
    topics: ['customs-valuation'],
    summary: 'Twelve weeks of valuation training for new officers.',
  };

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    admin = await person({ role: UserRole.Admin, country: null });
    keCoordinator = await person({ country: 'KE' });
    await appoint(app, admin.token, keCoordinator.id, 'KE');
    rtc = await person({ role: UserRole.RtcStaff, displayName: 'RTC Staff' });
    otherRtc = await person({ role: UserRole.RtcStaff });
    learner = await person();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('curricula', () => {
    let id: string;

    it('are shared by RTC staff, coordinators and admins', async () => {
      await http().post('/api/curricula').send(curriculum).expect(401);
      await as(learner).post('/api/curricula', curriculum).expect(403);
      await as(rtc)
        .post('/api/curricula', { ...curriculum, country: 'XX' })
        .expect(400);
      await as(rtc)
        .post('/api/curricula', { ...curriculum, languages: [] })
        .expect(400);
      await as(rtc)
        .post('/api/curricula', { ...curriculum, languages: ['xx'] })
        .expect(400);
      await as(rtc)
        .post('/api/curricula', { ...curriculum, extra: true })
        .expect(400);
      const created = await as(rtc).post('/api/curricula', curriculum).expect(201);
      id = created.body.id as string;
      expect(created.body).toMatchObject({ country: 'KE', ownerName: 'RTC Staff', canEdit: true, files: [] });
      await as(keCoordinator)
        .post('/api/curricula', {
          ...curriculum,
          title: 'HS classification',
          country: 'UG',
          languages: ['en'],
          topics: ['harmonized-system'],
          summary: 'Chapters 1 to 97',
        })
        .expect(201);
      await as(admin)
        .post('/api/curricula', {
          ...curriculum,
          title: 'Integrity',
          country: 'FR',
          languages: ['es'],
          topics: ['integrity'],
          summary: '',
        })
        .expect(201);
    });

    it('are browsed and searched by every active user', async () => {
      const all = await as(learner).get('/api/curricula').expect(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items[0]).toMatchObject({ canEdit: false });
      const search = async (query: string) =>
        (
          (await as(learner).get(`/api/curricula?${query}`).expect(200)).body as { items: Array<{ title: string }> }
        ).items.map((c) => c.title);
      expect(await search('q=evaluation')).toEqual([curriculum.title]);
      expect(await search('q=chapters')).toEqual(['HS classification']);
      expect(await search('country=ug')).toEqual(['HS classification']);
      expect(await search('lang=fr')).toEqual([curriculum.title]);
      expect(await search('topic=integrity')).toEqual(['Integrity']);
      // Operator-only input is harmless: no words, no filter.
      expect(await search('q=%2B%2B%2B*')).toHaveLength(3);
      await as(learner).get('/api/curricula?lang=xx').expect(400);
      await as(learner).get(`/api/curricula/${NO_SUCH_ID}`).expect(404);
      expect((await as(learner).get(`/api/curricula/${id}`).expect(200)).body.title).toBe(curriculum.title);
    });

    it('are edited by their owner or an admin', async () => {
      await as(otherRtc).patch(`/api/curricula/${id}`, { title: 'x' }).expect(403);
      await as(learner).patch(`/api/curricula/${id}`, { title: 'x' }).expect(403);
      await as(rtc).patch(`/api/curricula/${NO_SUCH_ID}`, { title: 'x' }).expect(404);
      const edited = await as(rtc).patch(`/api/curricula/${id}`, { summary: 'Ten weeks.' }).expect(200);
      expect(edited.body).toMatchObject({ summary: 'Ten weeks.', title: curriculum.title });
      await as(admin)
        .patch(`/api/curricula/${id}`, { topics: ['customs-valuation', 'integrity'] })
        .expect(200);
    });

    it('carry files, uploaded by the owner and downloaded by everyone', async () => {
      await http()
        .post(`/api/curricula/${id}/files`)
        .set(bearer(otherRtc.token))
        .attach('file', Buffer.from('x'), 'a.pdf')
        .expect(403);
      const withFile = await http()
        .post(`/api/curricula/${id}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('%PDF-1.4 syllabus'), 'syllabus.pdf')
        .expect(201);
      const [file] = withFile.body.files as Array<{ id: string; name: string; sizeBytes: number }>;
      expect(file).toMatchObject({ name: 'syllabus.pdf', sizeBytes: 17, contentType: 'application/pdf' });
      const download = await as(learner).get(`/api/curriculum-files/${file.id}/download`).buffer(true).expect(200);
      expect(download.headers['content-disposition']).toMatch(/^inline; filename="syllabus.pdf"/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      await as(learner).get(`/api/curriculum-files/${file.id}/download`).set('Range', 'bytes=0-3').expect(206);
      await as(learner).delete(`/api/curriculum-files/${file.id}`).expect(403);
      await as(rtc).delete(`/api/curriculum-files/${file.id}`).expect(204);
      await as(learner).get(`/api/curriculum-files/${file.id}/download`).expect(404);
      await as(otherRtc).delete(`/api/curricula/${id}`).expect(403);
      await as(rtc).delete(`/api/curricula/${id}`).expect(204);
      await as(learner).get(`/api/curricula/${id}`).expect(404);
    });
  });

  describe('contact points', () => {
    const point = {
      country: 'KE',
      name: 'Grace Wanjiru',
      roleTitle: 'Training coordinator',
      email: 'Grace@KRA.go.ke',
      phone: '+254 20 123',
    };

    it("are maintained by the country's coordinators and admins, and read by everyone", async () => {
      await http().get('/api/contact-points').expect(401);
      await as(learner).post('/api/contact-points', point).expect(403);
      await as(rtc).post('/api/contact-points', point).expect(403);
      await as(keCoordinator)
        .post('/api/contact-points', { ...point, country: 'UG' })
        .expect(403);
      await as(keCoordinator)
        .post('/api/contact-points', { ...point, email: 'not-an-email' })
        .expect(400);
      const created = await as(keCoordinator).post('/api/contact-points', point).expect(201);
      expect(created.body).toMatchObject({ email: 'grace@kra.go.ke', canEdit: true });
      await as(admin)
        .post('/api/contact-points', { ...point, country: 'UG', name: 'Okello' })
        .expect(201);
      const list = await as(learner).get('/api/contact-points').expect(200);
      expect(list.body.map((c: { name: string; canEdit: boolean }) => [c.name, c.canEdit])).toEqual([
        ['Grace Wanjiru', false],
        ['Okello', false],
      ]);
      expect((await as(learner).get('/api/contact-points?country=ug').expect(200)).body).toHaveLength(1);
      const ug = (await as(keCoordinator).get('/api/contact-points?country=UG').expect(200)).body[0];
      expect(ug.canEdit).toBe(false);
      await as(keCoordinator)
        .put(`/api/contact-points/${ug.id}`, { ...point, country: 'UG' })
        .expect(403);
      await as(keCoordinator).delete(`/api/contact-points/${ug.id}`).expect(403);
      await as(keCoordinator)
        .put(`/api/contact-points/${created.body.id}`, { ...point, country: 'UG' })
        .expect(403);
      const updated = await as(keCoordinator)
        .put(`/api/contact-points/${created.body.id}`, { ...point, phone: '+254 20 999' })
        .expect(200);
      expect(updated.body.phone).toBe('+254 20 999');
      await as(keCoordinator).delete(`/api/contact-points/${NO_SUCH_ID}`).expect(404);
      await as(keCoordinator).delete(`/api/contact-points/${created.body.id}`).expect(204);
      await as(admin).delete(`/api/contact-points/${ug.id}`).expect(204);
    });
  });
});
