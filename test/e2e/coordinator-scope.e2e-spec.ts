import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { createTestApp, createUser, login, nextClientIp, TestApp } from '../support/app';
import { appoint, bearer, isolateRedisPrefix, listen, parseCsv, uniqueEmail } from '../support/accounts';

interface RegistrationItem {
  id: string;
  email: string;
  country: string;
  status: string;
}

interface Decision {
  userId: string;
  country: string;
  outcome: string;
}

interface Appointment {
  id: string;
  userId: string;
  country: string;
  appointedBy: string;
  startsAt: string;
  endsAt: string | null;
  email?: string;
}

type Person = { id: string; email: string; password: string };

const RANDOM_UUID = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';

describe('coordinators act on their own country only', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let adminToken: string;
  let keToken: string;
  let frToken: string;
  let learnerToken: string;
  let keCoordinator: Person;
  let kePending: Person[];
  let frPending: Person[];
  let frRejected: Person;
  let keApproved: Person;

  const http = () => request(app.getHttpServer());

  const list = async (token: string, query: Record<string, string> = {}) =>
    (await http().get('/api/registrations').query(query).set(bearer(token)).expect(200)).body as {
      items: RegistrationItem[];
      total: number;
    };

  const decisions = async (token: string, query: Record<string, string> = {}) =>
    (await http().get('/api/registrations/decisions').query(query).set(bearer(token)).expect(200)).body as {
      items: Decision[];
      total: number;
    };

  const statusOf = async (userId: string): Promise<string> =>
    (await app.get(DataSource).query<Array<{ status: string }>>('SELECT status FROM users WHERE id = ?', [userId]))[0]
      .status;

  const pendingIn = (country: string) =>
    createUser(app, { status: UserStatus.Pending, country, email: uniqueEmail(`pending-${country.toLowerCase()}`) });

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('coordinator-scope-e2e');
    app = await createTestApp();

    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    keCoordinator = await createUser(app, { country: 'KE', displayName: 'KE Coordinator' });
    const frCoordinator = await createUser(app, { country: 'FR', displayName: 'FR Coordinator' });
    await appoint(app, adminToken, keCoordinator.id, 'KE');
    await appoint(app, adminToken, frCoordinator.id, 'FR');
    keToken = await login(app, keCoordinator.email, keCoordinator.password);
    frToken = await login(app, frCoordinator.email, frCoordinator.password);
    const learner = await createUser(app, { country: 'KE' });
    learnerToken = await login(app, learner.email, learner.password);

    kePending = [await pendingIn('KE'), await pendingIn('KE'), await pendingIn('KE')];
    frPending = [await pendingIn('FR'), await pendingIn('FR'), await pendingIn('FR')];
    // One decision in each country, so both histories have something in them.
    frRejected = await pendingIn('FR');
    await http()
      .post(`/api/registrations/${frRejected.id}/reject`)
      .set(bearer(frToken))
      .send({ reason: 'Not a French customs officer' })
      .expect(200);
    keApproved = await pendingIn('KE');
    await http().post(`/api/registrations/${keApproved.id}/approve`).set(bearer(keToken)).expect(200);
  });

  afterAll(async () => {
    await app?.close();
    restorePrefix();
  });

  describe('GET /api/registrations', () => {
    it('answers 401 without a token, 403 to a learner with no appointment', async () => {
      await http().get('/api/registrations').expect(401);
      for (const path of [
        '/api/registrations',
        '/api/registrations/decisions',
        '/api/registrations/decisions/export.csv',
      ]) {
        const response = await http().get(path).set(bearer(learnerToken)).expect(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });

    it.each([undefined, 'pending', 'active', 'rejected', 'unverified', 'suspended'])(
      'the KE coordinator sees only KE registrations (status %p)',
      async (status) => {
        const body = await list(keToken, { ...(status ? { status } : {}), pageSize: '100' });
        expect(body.items.every((item) => item.country === 'KE')).toBe(true);
        const ids = body.items.map((item) => item.id);
        for (const user of [...frPending, frRejected]) {
          expect(ids).not.toContain(user.id);
        }
        if (status === 'pending') {
          expect(ids).toEqual(expect.arrayContaining(kePending.map((user) => user.id)));
        }
      },
    );

    it('the KE coordinator finds no FR registration by searching its email, or filtering on FR', async () => {
      for (const user of [frPending[0], frRejected]) {
        expect(await list(keToken, { q: user.email })).toEqual({ items: [], total: 0 });
        expect(await list(keToken, { q: user.email, status: 'pending' })).toEqual({ items: [], total: 0 });
        expect(await list(keToken, { q: user.email, country: 'FR' })).toEqual({ items: [], total: 0 });
      }
      expect(await list(keToken, { country: 'FR' })).toEqual({ items: [], total: 0 });
      expect(await list(keToken, { country: 'FR', status: 'pending' })).toEqual({ items: [], total: 0 });
      // The same search finds it for the FR coordinator: the data is there.
      expect((await list(frToken, { q: frPending[0].email })).items.map((item) => item.id)).toEqual([frPending[0].id]);
    });

    it('the admin sees both countries', async () => {
      expect((await list(adminToken, { q: kePending[0].email })).items.map((item) => item.id)).toEqual([
        kePending[0].id,
      ]);
      expect((await list(adminToken, { q: frPending[0].email })).items.map((item) => item.id)).toEqual([
        frPending[0].id,
      ]);
      expect(
        (await list(adminToken, { country: 'FR', status: 'pending', pageSize: '100' })).items.map((i) => i.id),
      ).toEqual(expect.arrayContaining(frPending.map((user) => user.id)));
    });
  });

  describe('decisions and their CSV export', () => {
    it('the KE coordinator sees no FR decision, whatever the filter', async () => {
      const own = await decisions(keToken, { pageSize: '100' });
      expect(own.items.every((decision) => decision.country === 'KE')).toBe(true);
      expect(own.items.map((decision) => decision.userId)).toContain(keApproved.id);
      expect(own.items.map((decision) => decision.userId)).not.toContain(frRejected.id);
      expect(await decisions(keToken, { country: 'FR' })).toEqual({ items: [], total: 0 });
      expect(await decisions(keToken, { userId: frRejected.id })).toEqual({ items: [], total: 0 });
      // The FR coordinator and the admin do see it.
      expect((await decisions(frToken, { userId: frRejected.id })).total).toBe(1);
      expect((await decisions(adminToken, { userId: frRejected.id })).total).toBe(1);
      expect((await decisions(adminToken, { userId: keApproved.id })).total).toBe(1);
    });

    it('the KE export holds no FR row, even when asked for FR', async () => {
      for (const query of [{}, { country: 'FR' }]) {
        const response = await http()
          .get('/api/registrations/decisions/export.csv')
          .query(query)
          .set(bearer(keToken))
          .expect(200);
        const rows = parseCsv(response.text).slice(1);
        expect(rows.every((row) => row[1] === 'KE')).toBe(true);
        expect(response.text).not.toContain(frRejected.email);
      }
      const all = await http().get('/api/registrations/decisions/export.csv').set(bearer(adminToken)).expect(200);
      expect(all.text).toContain(frRejected.email);
      expect(all.text).toContain(keApproved.email);
    });
  });

  describe('deciding', () => {
    it.each(['approve', 'reject'])(
      '%s on an FR registration by the KE coordinator: 404 REGISTRATION_NOT_FOUND, nothing changes',
      async (action) => {
        const target = frPending[0];
        const response = await http()
          .post(`/api/registrations/${target.id}/${action}`)
          .set(bearer(keToken))
          .send({ reason: 'Not ours' })
          .expect(404);
        expect(response.body).toMatchObject({ statusCode: 404, code: 'REGISTRATION_NOT_FOUND' });
        // Indistinguishable from an id that does not exist.
        const unknown = await http()
          .post(`/api/registrations/${RANDOM_UUID}/${action}`)
          .set(bearer(keToken))
          .send({ reason: 'Not ours' })
          .expect(404);
        expect(unknown.body).toEqual(response.body);

        expect(await statusOf(target.id)).toBe('pending');
        expect((await list(frToken, { q: target.email })).items).toEqual([
          expect.objectContaining({ id: target.id, status: 'pending' }),
        ]);
        expect((await decisions(adminToken, { userId: target.id })).total).toBe(0);
      },
    );

    describe('POST /api/registrations/bulk', () => {
      it('answers 401 without a token and 403 to a learner', async () => {
        const body = { action: 'approve', userIds: [RANDOM_UUID] };
        await http().post('/api/registrations/bulk').send(body).expect(401);
        await http().post('/api/registrations/bulk').set(bearer(learnerToken)).send(body).expect(403);
      });

      it.each([
        ['an unknown action', { action: 'delete', userIds: [RANDOM_UUID] }],
        ['no ids', { action: 'approve', userIds: [] }],
        ['ids that are not UUIDs', { action: 'approve', userIds: ['1'] }],
        ['more than 100 ids', { action: 'approve', userIds: Array.from({ length: 101 }, () => RANDOM_UUID) }],
        ['a rejection without a reason', { action: 'reject', userIds: [RANDOM_UUID] }],
        ['an unknown property', { action: 'approve', userIds: [RANDOM_UUID], force: true }],
      ])('answers 400 VALIDATION_FAILED for %s', async (_, body) => {
        const response = await http().post('/api/registrations/bulk').set(bearer(keToken)).send(body).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      });

      it('[KE id, FR id] from the KE coordinator: KE approved, FR not_found and still pending', async () => {
        const [ke, fr] = [kePending[1], frPending[1]];
        const response = await http()
          .post('/api/registrations/bulk')
          .set(bearer(keToken))
          .send({ action: 'approve', userIds: [ke.id, fr.id, ke.id] })
          .expect(200);
        expect(response.body).toEqual({
          results: [
            { userId: ke.id, outcome: 'approved' },
            { userId: fr.id, outcome: 'not_found' },
          ],
        });
        expect(await statusOf(ke.id)).toBe('active');
        expect(await statusOf(fr.id)).toBe('pending');
        expect((await decisions(adminToken, { userId: fr.id })).total).toBe(0);

        const again = await http()
          .post('/api/registrations/bulk')
          .set(bearer(keToken))
          .send({ action: 'reject', reason: 'Changed my mind', userIds: [ke.id, fr.id] })
          .expect(200);
        expect(again.body.results).toEqual([
          { userId: ke.id, outcome: 'not_pending' },
          { userId: fr.id, outcome: 'not_found' },
        ]);
        expect(await statusOf(ke.id)).toBe('active');
        expect(await statusOf(fr.id)).toBe('pending');
      });
    });
  });

  describe('auto-approve domains of another country', () => {
    it('GET and PUT /api/countries/FR/auto-approve-domains by the KE coordinator: 404, the list unchanged', async () => {
      await http()
        .put('/api/countries/FR/auto-approve-domains')
        .set(bearer(frToken))
        .send({ domains: ['douane.finances.gouv.fr'] })
        .expect(200);

      for (const code of ['FR', 'fr']) {
        const read = await http().get(`/api/countries/${code}/auto-approve-domains`).set(bearer(keToken)).expect(404);
        expect(read.body.statusCode).toBe(404);
        await http()
          .put(`/api/countries/${code}/auto-approve-domains`)
          .set(bearer(keToken))
          .send({ domains: ['evil.example'] })
          .expect(404);
      }
      expect(
        (await http().get('/api/countries/FR/auto-approve-domains').set(bearer(frToken)).expect(200)).body,
      ).toEqual({ domains: ['douane.finances.gouv.fr'] });
      // The admin may manage any country.
      expect(
        (await http().get('/api/countries/FR/auto-approve-domains').set(bearer(adminToken)).expect(200)).body,
      ).toEqual({ domains: ['douane.finances.gouv.fr'] });
      await http().put('/api/countries/FR/auto-approve-domains').set(bearer(frToken)).send({ domains: [] }).expect(200);
    });
  });

  describe('saving an allow-list twice at once (a double submit)', () => {
    it('every save answers 200 and the list ends as one of them', async () => {
      // A country nobody has configured yet.
      const path = '/api/countries/BJ/auto-approve-domains';
      const lists = [
        ['douanes.bj', 'finances.bj'],
        ['douanes.bj', 'tresor.finances.bj'],
      ];
      const server = await listen(app);
      let results: Array<{ status: number; body: string }>;
      try {
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            await (await fetch(`${server.url}/api/me`, { headers: bearer(adminToken) })).arrayBuffer();
          }),
        );
        results = await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const response = await fetch(`${server.url}${path}`, {
              method: 'PUT',
              headers: { ...bearer(adminToken), 'Content-Type': 'application/json' },
              body: JSON.stringify({ domains: lists[i % 2] }),
            });
            return { status: response.status, body: await response.text() };
          }),
        );
      } finally {
        await server.close();
      }
      // (A deadlock between the concurrent DELETE-then-INSERT transactions surfaces as a 500.)
      expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
      const final = (await http().get(path).set(bearer(adminToken)).expect(200)).body as { domains: string[] };
      expect(lists).toContainEqual(final.domains);
    });
  });

  describe('ending an appointment takes effect on the very next request', () => {
    it('same access token: 403 on /api/registrations, no coordinator role on /api/me', async () => {
      const person = await createUser(app, { country: 'KE' });
      const appointment = await appoint(app, adminToken, person.id, 'KE');
      const token = await login(app, person.email, person.password);

      await http().get('/api/registrations').set(bearer(token)).expect(200);
      const before = await http().get('/api/me').set(bearer(token)).expect(200);
      expect(before.body).toMatchObject({ roles: ['learner', 'coordinator'], coordinatorCountries: ['KE'] });

      const ended = await http()
        .post(`/api/admin/coordinators/${appointment.id}/end`)
        .set(bearer(adminToken))
        .expect(200);
      expect(ended.body).toMatchObject({ id: appointment.id, endsAt: expect.any(String) });

      const refused = await http().get('/api/registrations').set(bearer(token)).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      await http().post(`/api/registrations/${kePending[2].id}/approve`).set(bearer(token)).expect(403);
      await http().get('/api/countries/KE/auto-approve-domains').set(bearer(token)).expect(403);
      const after = await http().get('/api/me').set(bearer(token)).expect(200);
      expect(after.body.roles).toEqual(['learner']);
      expect(after.body.coordinatorCountries).toEqual([]);
      expect(await statusOf(kePending[2].id)).toBe('pending');
    });
  });

  describe('a coordinator of two countries whose one appointment ends', () => {
    it('keeps the other country, and only that one, from the very next request', async () => {
      const person = await createUser(app, { country: 'KE' });
      const keAppointment = await appoint(app, adminToken, person.id, 'KE');
      await appoint(app, adminToken, person.id, 'TZ');
      const signedIn = await http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', nextClientIp())
        .send({ email: person.email, password: person.password })
        .expect(200);
      expect(signedIn.body.user.roles).toEqual(['learner', 'coordinator']);
      const token = (signedIn.body as { accessToken: string }).accessToken;
      expect((await http().get('/api/me').set(bearer(token)).expect(200)).body.coordinatorCountries).toEqual([
        'KE',
        'TZ',
      ]);
      expect((await list(token, { q: kePending[2].email })).total).toBe(1);

      await http().post(`/api/admin/coordinators/${keAppointment.id}/end`).set(bearer(adminToken)).expect(200);

      const me = (await http().get('/api/me').set(bearer(token)).expect(200)).body;
      expect(me).toMatchObject({ roles: ['learner', 'coordinator'], coordinatorCountries: ['TZ'] });
      expect(await list(token, { q: kePending[2].email })).toEqual({ items: [], total: 0 });
      const approve = await http().post(`/api/registrations/${kePending[2].id}/approve`).set(bearer(token)).expect(404);
      expect(approve.body.code).toBe('REGISTRATION_NOT_FOUND');
      await http().get('/api/countries/KE/auto-approve-domains').set(bearer(token)).expect(404);
      await http().get('/api/countries/TZ/auto-approve-domains').set(bearer(token)).expect(200);
      expect(await statusOf(kePending[2].id)).toBe('pending');
    });
  });

  describe('GET /api/admin/users (finding someone to appoint)', () => {
    it('answers 401 without a token, 403 to a learner, 400 for a bad filter', async () => {
      await http().get('/api/admin/users').query({ q: 'x' }).expect(401);
      await http().get('/api/admin/users').query({ q: 'x' }).set(bearer(learnerToken)).expect(403);
      expect(
        (await http().get('/api/admin/users').query({ role: 'x' }).set(bearer(adminToken)).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
    });

    it('finds accounts by email, in any country, with their status', async () => {
      const response = await http().get('/api/admin/users').query({ q: frPending[0].email }).set(bearer(adminToken));
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ id: frPending[0].id, email: frPending[0].email, country: 'FR', status: 'pending' }),
      ]);
    });

    it("shows a coordinator only their own country's accounts (docs/people.md)", async () => {
      const response = await http().get('/api/admin/users').query({ q: frPending[0].email }).set(bearer(keToken));
      expect(response.body).toEqual({ items: [], total: 0 });
    });
  });

  describe('appointments: /api/admin/coordinators', () => {
    describe('POST /api/admin/coordinators', () => {
      it('answers 401 without a token, 403 to a learner and to a coordinator', async () => {
        const body = { userId: keCoordinator.id, country: 'TZ' };
        await http().post('/api/admin/coordinators').send(body).expect(401);
        for (const token of [learnerToken, keToken]) {
          const response = await http().post('/api/admin/coordinators').set(bearer(token)).send(body).expect(403);
          expect(response.body.code).toBe('FORBIDDEN');
        }
      });

      it.each([
        ['a user id that is not a UUID', { userId: 'nope', country: 'KE' }, 'VALIDATION_FAILED'],
        ['no country', { userId: RANDOM_UUID }, 'VALIDATION_FAILED'],
        ['a three-letter country', { userId: RANDOM_UUID, country: 'KEN' }, 'VALIDATION_FAILED'],
        ['an unknown property', { userId: RANDOM_UUID, country: 'KE', endsAt: null }, 'VALIDATION_FAILED'],
        ['a country that does not exist', { userId: RANDOM_UUID, country: 'ZZ' }, 'INVALID_COUNTRY'],
      ])('answers 400 for %s', async (_, body, code) => {
        const response = await http().post('/api/admin/coordinators').set(bearer(adminToken)).send(body).expect(400);
        expect(response.body.code).toBe(code);
      });

      it('answers 404 USER_NOT_FOUND for an unknown user', async () => {
        const response = await http()
          .post('/api/admin/coordinators')
          .set(bearer(adminToken))
          .send({ userId: RANDOM_UUID, country: 'KE' })
          .expect(404);
        expect(response.body.code).toBe('USER_NOT_FOUND');
      });

      it('answers 400 USER_NOT_ACTIVE for an account that is not active', async () => {
        const response = await http()
          .post('/api/admin/coordinators')
          .set(bearer(adminToken))
          .send({ userId: kePending[2].id, country: 'KE' })
          .expect(400);
        expect(response.body.code).toBe('USER_NOT_ACTIVE');
      });

      it('answers 409 ALREADY_COORDINATOR for a second appointment to the same country', async () => {
        for (const country of ['KE', 'ke']) {
          const response = await http()
            .post('/api/admin/coordinators')
            .set(bearer(adminToken))
            .send({ userId: keCoordinator.id, country })
            .expect(409);
          expect(response.body.code).toBe('ALREADY_COORDINATOR');
        }
      });
    });

    it('simultaneous appointments of one person to one country (a double submit): one 201, the rest 409', async () => {
      const person = await createUser(app, { country: 'KE' });
      // Pooled connections on a real socket, so the requests truly overlap.
      const server = await listen(app);
      let statuses: number[];
      try {
        // Open the connections first (fetch keeps them alive), as a browser already has them.
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            await (await fetch(`${server.url}/api/me`, { headers: bearer(adminToken) })).arrayBuffer();
          }),
        );
        statuses = await Promise.all(
          Array.from({ length: 20 }, async () => {
            const response = await fetch(`${server.url}/api/admin/coordinators`, {
              method: 'POST',
              headers: { ...bearer(adminToken), 'Content-Type': 'application/json' },
              body: JSON.stringify({ userId: person.id, country: 'RW' }),
            });
            await response.arrayBuffer();
            return response.status;
          }),
        );
      } finally {
        await server.close();
      }
      const active = await app
        .get(DataSource)
        .query<Array<{ id: string }>>('SELECT id FROM coordinator_appointments WHERE user_id = ? AND ends_at IS NULL', [
          person.id,
        ]);
      expect({ created: statuses.filter((status) => status === 201).length, active: active.length }).toEqual({
        created: 1,
        active: 1,
      });
      expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    });

    describe('POST /api/admin/coordinators/:id/end', () => {
      it('answers 401 without a token, 403 to a coordinator, 400 for a malformed id, 404 for an unknown one', async () => {
        await http().post(`/api/admin/coordinators/${RANDOM_UUID}/end`).expect(401);
        await http().post(`/api/admin/coordinators/${RANDOM_UUID}/end`).set(bearer(keToken)).expect(403);
        await http().post('/api/admin/coordinators/nope/end').set(bearer(adminToken)).expect(400);
        const unknown = await http()
          .post(`/api/admin/coordinators/${RANDOM_UUID}/end`)
          .set(bearer(adminToken))
          .expect(404);
        expect(unknown.body.code).toBe('APPOINTMENT_NOT_FOUND');
      });

      it('answers 409 APPOINTMENT_ENDED when ending it a second time', async () => {
        const person = await createUser(app, { country: 'KE' });
        const appointment = await appoint(app, adminToken, person.id, 'UG');
        await http().post(`/api/admin/coordinators/${appointment.id}/end`).set(bearer(adminToken)).expect(200);
        const again = await http()
          .post(`/api/admin/coordinators/${appointment.id}/end`)
          .set(bearer(adminToken))
          .expect(409);
        expect(again.body.code).toBe('APPOINTMENT_ENDED');
      });
    });

    describe('GET /api/admin/coordinators', () => {
      it('answers 401 without a token, 403 to a coordinator, 400 for a bad country filter', async () => {
        await http().get('/api/admin/coordinators').expect(401);
        await http().get('/api/admin/coordinators').set(bearer(keToken)).expect(403);
        const bad = await http()
          .get('/api/admin/coordinators')
          .query({ country: 'gh' })
          .set(bearer(adminToken))
          .expect(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      });

      it('a handover keeps the history: A ended, B appointed, both listed', async () => {
        const [a, b] = [await createUser(app, { country: 'GH' }), await createUser(app, { country: 'GH' })];
        const first = await appoint(app, adminToken, a.id, 'GH');
        await http().post(`/api/admin/coordinators/${first.id}/end`).set(bearer(adminToken)).expect(200);
        const second = await appoint(app, adminToken, b.id, 'GH');

        const history = (
          await http().get('/api/admin/coordinators').query({ country: 'GH' }).set(bearer(adminToken)).expect(200)
        ).body as Appointment[];
        const byId = new Map(history.map((appointment) => [appointment.id, appointment]));
        expect(byId.get(first.id)).toMatchObject({
          userId: a.id,
          country: 'GH',
          endsAt: expect.any(String),
          email: a.email,
        });
        expect(byId.get(second.id)).toMatchObject({ userId: b.id, country: 'GH', endsAt: null, email: b.email });
        expect(history.every((appointment) => appointment.country === 'GH')).toBe(true);
        expect(Date.parse(byId.get(first.id)!.endsAt!)).toBeLessThanOrEqual(Date.parse(byId.get(second.id)!.startsAt));

        // A may be appointed again later: a new appointment, the ended one stays.
        const third = await appoint(app, adminToken, a.id, 'GH');
        const all = (await http().get('/api/admin/coordinators').set(bearer(adminToken)).expect(200))
          .body as Appointment[];
        expect(all.map((appointment) => appointment.id)).toEqual(
          expect.arrayContaining([first.id, second.id, third.id]),
        );
      });
    });
  });
});
