import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { ApiProcess } from '../support/api-process';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { addLaunchablePackage } from '../support/course-packages';

describe('the course catalogue', () => {
  let app: TestApp;
  let admin: string;
  let adminAccount: { email: string; password: string };
  let learner: string;
  const ids: Record<string, string> = {};

  const as = (token: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object) =>
      request(app.getHttpServer()).post(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(app.getHttpServer()).patch(path).auth(token, { type: 'bearer' }).send(body),
  });

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    const l = await createUser(app);
    admin = await login(app, a.email, a.password);
    adminAccount = { email: a.email, password: a.password };
    learner = await login(app, l.email, l.password);

    const courses = [
      {
        key: 'valuation',
        topic: 'customs-valuation',
        estimatedHours: 6,
        texts: [
          {
            language: 'en',
            title: 'Customs Valuation essentials',
            description: 'The transaction value method of the WTO Agreement.',
          },
          {
            language: 'fr',
            title: 'Évaluation en douane : les bases',
            description: 'La méthode de la valeur transactionnelle.',
          },
          { language: 'es', title: 'Valoración en aduana', description: 'El método del valor de transacción.' },
        ],
      },
      {
        key: 'hs',
        topic: 'harmonized-system',
        texts: [
          {
            language: 'en',
            title: 'Harmonized System classification',
            description: 'Headings, subheadings and the General Interpretative Rules.',
          },
        ],
      },
      {
        key: 'origin',
        topic: 'rules-of-origin',
        texts: [{ language: 'es', title: 'Reglas de origen', description: 'Origen preferencial y no preferencial.' }],
      },
    ];
    for (const course of courses) {
      const { key, ...body } = course;
      const created = await as(admin).post('/api/courses', body).expect(201);
      ids[key] = created.body.id;
    }
    // Publishing needs a launchable package: one per language of the texts, so the languages stay theirs.
    const db = app.get(DataSource);
    for (const language of ['en', 'fr', 'es']) {
      await addLaunchablePackage(db, ids.valuation, language);
    }
    await addLaunchablePackage(db, ids.origin, 'es');
    await as(admin).patch(`/api/courses/${ids.valuation}`, { status: 'published' }).expect(200);
    await as(admin).patch(`/api/courses/${ids.origin}`, { status: 'published' }).expect(200);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers anonymous visitors (PUBLIC_CATALOGUE on by default), but a bad token is still a 401', async () => {
    await request(app.getHttpServer()).get('/api/courses').expect(200);
    await request(app.getHttpServer()).get('/api/topics').expect(200);
    await request(app.getHttpServer()).get('/api/courses').auth('not-a-token', { type: 'bearer' }).expect(401);
  });

  it('lists the seeded WCO topic areas in three languages', async () => {
    const topics = (await as(learner).get('/api/topics').expect(200)).body as Array<{ code: string; nameFr: string }>;
    expect(topics).toHaveLength(14);
    expect(topics.find((t) => t.code === 'customs-valuation')?.nameFr).toBe('Évaluation en douane');
  });

  it('only admins create and edit courses; bad input is a 400 with a code', async () => {
    await as(learner)
      .post('/api/courses', { topic: 'tir', texts: [{ language: 'en', title: 'x', description: '' }] })
      .expect(403);
    await as(learner).patch(`/api/courses/${ids.hs}`, { status: 'published' }).expect(403);
    expect((await as(admin).post('/api/courses', { topic: 'tir', texts: [] }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (
        await as(admin)
          .post('/api/courses', { topic: 'astrology', texts: [{ language: 'en', title: 'x', description: '' }] })
          .expect(400)
      ).body.code,
    ).toBe('UNKNOWN_TOPIC');
    await as(admin).patch('/api/courses/not-a-uuid', { status: 'published' }).expect(400);
    expect(
      (await as(admin).patch('/api/courses/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f', { status: 'archived' }).expect(404))
        .body.code,
    ).toBe('COURSE_NOT_FOUND');
  });

  it('learners see published courses only; a draft is a 404 to them', async () => {
    const list = await as(learner).get('/api/courses').expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual([ids.valuation, ids.origin].sort());
    await as(learner).get(`/api/courses/${ids.hs}`).expect(404);
    await as(admin).get(`/api/courses/${ids.hs}`).expect(200);
    expect((await as(admin).get('/api/courses?status=draft').expect(200)).body.total).toBe(1);
  });

  it('searches every language, case- and accent-insensitively', async () => {
    const search = async (q: string) =>
      (
        await as(learner)
          .get(`/api/courses?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body.items.map((c: { id: string }) => c.id);
    expect(await search('evaluation')).toEqual([ids.valuation]);
    expect(await search('ÉVALUATION douane')).toEqual([ids.valuation]);
    expect(await search('valoracion')).toEqual([ids.valuation]);
    expect(await search('transac')).toEqual([ids.valuation]);
    expect(await search('origen')).toEqual([ids.origin]);
    expect(await search('classification')).toEqual([]); // a draft: not for learners
    // Only operators, no words: the same as no search, and never a syntax error.
    expect(await search('"+-*()<>~@')).toHaveLength(2);
  });

  it('filters by topic and language, pages and sorts, and shows titles in the asked language', async () => {
    const byTopic = await as(learner).get('/api/courses?topic=rules-of-origin').expect(200);
    expect(byTopic.body.items.map((c: { id: string }) => c.id)).toEqual([ids.origin]);
    const french = await as(learner).get('/api/courses?lang=fr').expect(200);
    expect(french.body.items).toEqual([
      expect.objectContaining({ id: ids.valuation, title: 'Évaluation en douane : les bases' }),
    ]);
    const page = await as(admin).get('/api/courses?pageSize=1&page=2&sort=title').expect(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(1);
    await as(learner).get('/api/courses?pageSize=1000').expect(400);
    await as(learner).get('/api/courses?sort=random').expect(400);
  });

  it('finds a course by its edited text, and forgets it when archived, at once', async () => {
    const search = async (q: string) =>
      (
        await as(learner)
          .get(`/api/courses?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body as { items: Array<{ id: string }>; total: number };
    expect((await search('Incoterms')).total).toBe(0);
    await as(admin)
      .patch(`/api/courses/${ids.origin}`, { language: 'es', description: 'Los Incoterms y el lugar de entrega' })
      .expect(200);
    expect((await search('incoterms')).items.map((c) => c.id)).toEqual([ids.origin]);
    // A page past the end still tells the total.
    const past = await as(learner).get('/api/courses?q=incoterms&page=5').expect(200);
    expect(past.body).toEqual({ items: [], total: 1 });
    await as(admin).patch(`/api/courses/${ids.origin}`, { status: 'archived' }).expect(200);
    expect((await search('incoterms')).total).toBe(0);
    await as(admin).patch(`/api/courses/${ids.origin}`, { status: 'published' }).expect(200);
    expect((await search('incoterms')).total).toBe(1);
  });

  it('answers a search in another api process with every change committed before it, made through either', async () => {
    // Each api process keeps its own search index; a second one shares the database.
    const other = new ApiProcess();
    await other.start({});
    try {
      const via = (target: string | ReturnType<TestApp['getHttpServer']>, token: string) => ({
        get: (path: string) => request(target).get(path).auth(token, { type: 'bearer' }),
        patch: (path: string, body: object) => request(target).patch(path).auth(token, { type: 'bearer' }).send(body),
        post: (path: string, body: object) => request(target).post(path).auth(token, { type: 'bearer' }).send(body),
      });
      // A token is for the server that issued it: sign in there too.
      const signedIn = await request(other.url).post('/api/auth/login').send(adminAccount).expect(200);
      const apps = [
        via(app.getHttpServer(), admin),
        via(other.url, (signedIn.body as { accessToken: string }).accessToken),
      ];
      const found = async (side: number, q: string) =>
        (
          (await apps[side].get(`/api/courses?q=${encodeURIComponent(q)}`).expect(200)).body.items as Array<{
            id: string;
          }>
        ).map((c) => c.id);
      // Both indexes built before the changes.
      expect(await found(0, 'valuation')).toEqual([ids.valuation]);
      expect(await found(1, 'valuation')).toEqual([ids.valuation]);

      const created = await apps[0]
        .post('/api/courses', {
          topic: 'tir',
          texts: [{ language: 'en', title: 'TIR carnets', description: 'Guarantee chain and the TIR convention.' }],
        })
        .expect(201);
      const tir = created.body.id as string;
      expect(await found(1, 'carnets')).toEqual([tir]);
      await apps[1]
        .patch(`/api/courses/${tir}`, { language: 'en', description: 'Sealed load compartments.' })
        .expect(200);
      expect(await found(0, 'sealed')).toEqual([tir]);
      expect(await found(0, 'guarantee')).toEqual([]);

      // Twenty edits at once, half through each process, each giving a course a word of its own.
      const courses = [tir, ids.valuation, ids.hs, ids.origin];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          apps[i % 2]
            .patch(`/api/courses/${courses[i % courses.length]}`, {
              language: 'fr',
              title: `Cours ${i}`,
              description: `marqueur${String.fromCharCode(97 + i)} numéro ${i}`,
            })
            .expect(200),
        ),
      );
      const texts = await app
        .get(DataSource)
        .query<Array<{ course_id: string; description: string }>>(
          "SELECT course_id, description FROM course_translations WHERE language = 'fr'",
        );
      const last = new Map(texts.map((row) => [row.course_id, row.description]));
      for (let i = 0; i < 20; i++) {
        const word = `marqueur${String.fromCharCode(97 + i)}`;
        const owner = courses.find((id) => last.get(id)?.startsWith(`${word} `));
        for (const side of [0, 1]) {
          expect(await found(side, word)).toEqual(owner ? [owner] : []);
        }
      }
      expect(courses.every((id) => [...last.keys()].includes(id))).toBe(true);
    } finally {
      await other.stop();
    }
  }, 120_000);

  it('describes a course with its texts and languages', async () => {
    const detail = await as(learner).get(`/api/courses/${ids.valuation}?lang=es`).expect(200);
    expect(detail.body).toMatchObject({
      id: ids.valuation,
      title: 'Valoración en aduana',
      status: 'published',
      topic: 'customs-valuation',
      estimatedHours: 6,
      languages: ['en', 'es', 'fr'],
    });
    expect((detail.body as { packages: Array<{ language: string }> }).packages.map((p) => p.language).sort()).toEqual([
      'en',
      'es',
      'fr',
    ]);
  });

  it('notices a search row deleted by hand within a second, and takes the course back when it changes', async () => {
    const found = async (q: string) =>
      ((await as(admin).get(`/api/courses?q=${q}`).expect(200)).body.items as Array<{ id: string }>).map((c) => c.id);
    expect(await found('harmonized')).toEqual([ids.hs]);
    // Behind the catalogue's back: no generation moves, only the row count tells.
    await app.get(DataSource).query('DELETE FROM course_search WHERE course_id = ?', [ids.hs]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await found('harmonized')).toEqual([]);
    await as(admin).patch(`/api/courses/${ids.hs}`, { estimatedHours: 3 }).expect(200);
    expect(await found('harmonized')).toEqual([ids.hs]);
  });
});
