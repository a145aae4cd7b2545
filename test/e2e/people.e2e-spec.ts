import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole, UserStatus } from '@app/accounts';
import { appoint, bearer } from '../support/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';

const UNKNOWN = '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';

/**
 * Issue 17, items 1 and 2 (docs/people.md): the user directory and a person's page, the
 * coordinator's "left the service", RTCs and their staff, and curricula naming their RTC.
 */
describe('people: user administration and RTC staff', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: { id: string; token: string };
  let learner: { id: string; token: string };
  let keCoordinator: { id: string; token: string };
  let tzCoordinator: { id: string; token: string };
  let keOfficer: { id: string; email: string };
  let tzOfficer: { id: string; email: string };

  const http = () => request(app.getHttpServer());
  const rows = async (sql: string, params: unknown[] = []) => db.query<Array<Record<string, unknown>>>(sql, params);
  const statusOf = async (id: string) => (await rows('SELECT status FROM users WHERE id = ?', [id]))[0]?.status;
  const person = async (overrides: Parameters<typeof createUser>[1] = {}) => {
    const user = await createUser(app, overrides);
    return { ...user, token: await login(app, user.email, user.password) };
  };

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    db = app.get(DataSource);
    admin = await person({ role: UserRole.Admin, country: null, displayName: 'Secretariat Admin' });
    learner = await person({ country: 'KE', displayName: 'Plain Learner' });
    keCoordinator = await person({ country: 'KE', displayName: 'Kenya Coordinator' });
    tzCoordinator = await person({ country: 'TZ', displayName: 'Tanzania Coordinator' });
    await appoint(app, admin.token, keCoordinator.id, 'KE');
    await appoint(app, admin.token, tzCoordinator.id, 'TZ');
    keOfficer = await createUser(app, { country: 'KE', displayName: 'Wanjiru Officer', jobTitle: 'Examiner' });
    tzOfficer = await createUser(app, { country: 'TZ', displayName: 'Baraka Officer' });
  });

  afterAll(async () => {
    await app.close();
  });

  describe('GET /api/admin/users (the directory)', () => {
    it('answers 401 signed out, 403 to a learner, 400 for bad filters', async () => {
      await http().get('/api/admin/users').expect(401);
      expect((await http().get('/api/admin/users').set(bearer(learner.token)).expect(403)).body.code).toBe('FORBIDDEN');
      for (const query of [{ role: 'king' }, { status: 'gone' }, { country: 'KEN' }, { pageSize: 101 }, { page: 0 }]) {
        const response = await http().get('/api/admin/users').query(query).set(bearer(admin.token)).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('lets the Secretariat search by name and e-mail, and filter by country, role and status', async () => {
      const byName = await http().get('/api/admin/users').query({ q: 'wanjiru' }).set(bearer(admin.token)).expect(200);
      expect(byName.body).toEqual({
        items: [expect.objectContaining({ id: keOfficer.id, country: 'KE', status: 'active', roles: ['learner'] })],
        total: 1,
      });
      const byEmail = await http().get('/api/admin/users').query({ q: tzOfficer.email }).set(bearer(admin.token));
      expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([tzOfficer.id]);

      const coordinators = await http()
        .get('/api/admin/users')
        .query({ role: 'coordinator' })
        .set(bearer(admin.token))
        .expect(200);
      expect(coordinators.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
        [keCoordinator.id, tzCoordinator.id].sort(),
      );
      expect(coordinators.body.items[0].roles).toEqual(['learner', 'coordinator']);

      const tz = await http().get('/api/admin/users').query({ country: 'TZ' }).set(bearer(admin.token)).expect(200);
      expect(tz.body.items.map((u: { id: string }) => u.id).sort()).toEqual([tzCoordinator.id, tzOfficer.id].sort());

      const admins = await http().get('/api/admin/users').query({ role: 'admin' }).set(bearer(admin.token)).expect(200);
      expect(admins.body.items.map((u: { id: string }) => u.id)).toEqual([admin.id]);

      const paged = await http().get('/api/admin/users').query({ pageSize: 2, page: 2 }).set(bearer(admin.token));
      expect(paged.body.total).toBe(6);
      expect(paged.body.items).toHaveLength(2);
    });

    it("shows a coordinator their own country's officers only, whatever the filter asks", async () => {
      const own = await http().get('/api/admin/users').set(bearer(keCoordinator.token)).expect(200);
      expect(own.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
        [keCoordinator.id, keOfficer.id, learner.id].sort(),
      );
      const asked = await http().get('/api/admin/users').query({ country: 'TZ' }).set(bearer(keCoordinator.token));
      expect(asked.body).toEqual({ items: [], total: 0 });
      const byEmail = await http()
        .get('/api/admin/users')
        .query({ q: tzOfficer.email })
        .set(bearer(keCoordinator.token));
      expect(byEmail.body.total).toBe(0);
      const admins = await http().get('/api/admin/users').query({ role: 'admin' }).set(bearer(keCoordinator.token));
      expect(admins.body.total).toBe(0);
    });
  });

  describe("GET /api/admin/users/:id (a person's page)", () => {
    it('answers 401, 403 to a learner, 400 for a malformed id, 404 for an unknown one', async () => {
      await http().get(`/api/admin/users/${keOfficer.id}`).expect(401);
      await http().get(`/api/admin/users/${keOfficer.id}`).set(bearer(learner.token)).expect(403);
      await http().get('/api/admin/users/nope').set(bearer(admin.token)).expect(400);
      expect((await http().get(`/api/admin/users/${UNKNOWN}`).set(bearer(admin.token)).expect(404)).body.code).toBe(
        'USER_NOT_FOUND',
      );
    });

    it("answers 404 to a coordinator for another country's officer, and for an admin", async () => {
      for (const id of [tzOfficer.id, admin.id]) {
        const response = await http().get(`/api/admin/users/${id}`).set(bearer(keCoordinator.token)).expect(404);
        expect(response.body.code).toBe('USER_NOT_FOUND');
      }
    });

    it('shows roles, appointments with history, groups and last sign-ins', async () => {
      const groupId = (
        await http()
          .post('/api/groups')
          .set(bearer(keCoordinator.token))
          .send({ name: 'Valuation experts', kind: 'expert_community' })
          .expect(201)
      ).body.id as string;
      const page = await http().get(`/api/admin/users/${keCoordinator.id}`).set(bearer(admin.token)).expect(200);
      expect(page.body).toMatchObject({
        id: keCoordinator.id,
        displayName: 'Kenya Coordinator',
        roles: ['learner', 'coordinator'],
        coordinatorAppointments: [expect.objectContaining({ country: 'KE', endsAt: null })],
        rtcAppointments: [],
        groups: [{ id: groupId, name: 'Valuation experts', role: 'owner', archived: false }],
      });
      expect(page.body.signIns).toHaveLength(1);
      expect(page.body.lastSignInAt).toBe(page.body.signIns[0].at);

      const seen = await http().get(`/api/admin/users/${keOfficer.id}`).set(bearer(keCoordinator.token)).expect(200);
      expect(seen.body).toMatchObject({ jobTitle: 'Examiner', signIns: [], lastSignInAt: null });
    });
  });

  describe('actions of the Secretariat', () => {
    it('refuse 401, 403 to learners and coordinators, 404 for an unknown person, writing nothing', async () => {
      const target = await person({ country: 'KE' });
      for (const action of ['end-sessions', 'resend-verification', 'suspend', 'reinstate']) {
        await http().post(`/api/admin/users/${target.id}/${action}`).expect(401);
        for (const token of [learner.token, keCoordinator.token]) {
          await http().post(`/api/admin/users/${target.id}/${action}`).set(bearer(token)).expect(403);
        }
        await http().post(`/api/admin/users/${UNKNOWN}/${action}`).set(bearer(admin.token)).expect(404);
      }
      expect(await statusOf(target.id)).toBe('active');
      expect(
        await rows('SELECT id FROM auth_sessions WHERE user_id = ? AND revoked_at IS NOT NULL', [target.id]),
      ).toEqual([]);
      await http().get('/api/me').set(bearer(target.token)).expect(200);
    });

    it('end all sessions: the access token stops working at once, the account stays active', async () => {
      const target = await person({ country: 'KE' });
      await http().get('/api/me').set(bearer(target.token)).expect(200);
      await http().post(`/api/admin/users/${target.id}/end-sessions`).set(bearer(admin.token)).expect(200);
      await http().get('/api/me').set(bearer(target.token)).expect(401);
      expect(await statusOf(target.id)).toBe('active');
      const [session] = await rows('SELECT revoked_reason FROM auth_sessions WHERE user_id = ?', [target.id]);
      expect(session.revoked_reason).toBe('ended_by_admin');
    });

    it('resend verification: a fresh link for an unconfirmed account, 409 for a confirmed one', async () => {
      const unverified = await createUser(app, { country: 'KE', status: UserStatus.Unverified });
      const tokens = () => rows('SELECT used_at FROM one_time_tokens WHERE user_id = ?', [unverified.id]);
      expect(await tokens()).toHaveLength(0);
      await http().post(`/api/admin/users/${unverified.id}/resend-verification`).set(bearer(admin.token)).expect(204);
      await http().post(`/api/admin/users/${unverified.id}/resend-verification`).set(bearer(admin.token)).expect(204);
      const issued = await tokens();
      expect(issued).toHaveLength(2);
      expect(issued.filter((t) => t.used_at === null)).toHaveLength(1);

      const refused = await http()
        .post(`/api/admin/users/${keOfficer.id}/resend-verification`)
        .set(bearer(admin.token))
        .expect(409);
      expect(refused.body.code).toBe('USER_NOT_UNVERIFIED');
      expect(await rows('SELECT id FROM one_time_tokens WHERE user_id = ?', [keOfficer.id])).toEqual([]);
    });
  });

  describe('POST /api/admin/users/:id/left-service (a coordinator marks an officer as gone)', () => {
    it('answers 401, 403 to a learner, 404 for an unknown person', async () => {
      const target = await createUser(app, { country: 'KE' });
      await http().post(`/api/admin/users/${target.id}/left-service`).expect(401);
      await http().post(`/api/admin/users/${target.id}/left-service`).set(bearer(learner.token)).expect(403);
      await http().post(`/api/admin/users/${UNKNOWN}/left-service`).set(bearer(keCoordinator.token)).expect(404);
      await http().post('/api/admin/users/x/left-service').set(bearer(keCoordinator.token)).expect(400);
      expect(await statusOf(target.id)).toBe('active');
    });

    it("answers 404 for another country's officer and changes nothing", async () => {
      const tzTarget = await person({ country: 'TZ' });
      const response = await http()
        .post(`/api/admin/users/${tzTarget.id}/left-service`)
        .set(bearer(keCoordinator.token))
        .expect(404);
      expect(response.body.code).toBe('USER_NOT_FOUND');
      expect(await statusOf(tzTarget.id)).toBe('active');
      await http().get('/api/me').set(bearer(tzTarget.token)).expect(200);
    });

    it('refuses a coordinator marking themselves (400)', async () => {
      const response = await http()
        .post(`/api/admin/users/${keCoordinator.id}/left-service`)
        .set(bearer(keCoordinator.token))
        .expect(400);
      expect(response.body.code).toBe('NOT_YOURSELF');
      expect(await statusOf(keCoordinator.id)).toBe('active');
    });

    it('suspends an own-country officer, signs them out, keeps their records; twice is 409', async () => {
      const leaving = await person({ country: 'KE', displayName: 'Leaving Officer' });
      const done = await http()
        .post(`/api/admin/users/${leaving.id}/left-service`)
        .set(bearer(keCoordinator.token))
        .expect(200);
      expect(done.body).toMatchObject({ id: leaving.id, status: 'suspended' });
      expect(await statusOf(leaving.id)).toBe('suspended');
      await http().get('/api/me').set(bearer(leaving.token)).expect(401);
      const [session] = await rows('SELECT revoked_reason FROM auth_sessions WHERE user_id = ?', [leaving.id]);
      expect(session.revoked_reason).toBe('left_service');
      const again = await http()
        .post(`/api/admin/users/${leaving.id}/left-service`)
        .set(bearer(keCoordinator.token))
        .expect(409);
      expect(again.body.code).toBe('USER_NOT_ACTIVE');
      // Still on the coordinator's list, as suspended: the records are kept.
      const listed = await http()
        .get('/api/admin/users')
        .query({ status: 'suspended', q: 'Leaving Officer' })
        .set(bearer(keCoordinator.token));
      expect(listed.body.items.map((u: { id: string }) => u.id)).toEqual([leaving.id]);
    });
  });

  describe('RTCs: /api/admin/rtcs', () => {
    it('POST answers 401, 403 to a learner and a coordinator, 400 for bad bodies, writing nothing', async () => {
      const body = { name: 'RTC Nowhere', country: 'KE' };
      await http().post('/api/admin/rtcs').send(body).expect(401);
      for (const token of [learner.token, keCoordinator.token]) {
        await http().post('/api/admin/rtcs').set(bearer(token)).send(body).expect(403);
      }
      for (const [bad, code] of [
        [{ country: 'KE' }, 'VALIDATION_FAILED'],
        [{ name: 'RTC', country: 'KEN' }, 'VALIDATION_FAILED'],
        [{ name: 'RTC', country: 'KE', wcoRegion: 'MARS' }, 'VALIDATION_FAILED'],
        [{ name: 'RTC', country: 'KE', extra: 1 }, 'VALIDATION_FAILED'],
        [{ name: '', country: 'KE' }, 'VALIDATION_FAILED'],
        [{ name: 'RTC', country: 'ZZ' }, 'INVALID_COUNTRY'],
      ] as const) {
        const response = await http().post('/api/admin/rtcs').set(bearer(admin.token)).send(bad).expect(400);
        expect(response.body.code).toBe(code);
      }
      expect(await rows('SELECT id FROM rtcs')).toEqual([]);
    });

    it('creates (201 {id}), lists, edits, and refuses a taken name with 409', async () => {
      const created = await http()
        .post('/api/admin/rtcs')
        .set(bearer(admin.token))
        .send({ name: 'RTC Nairobi', country: 'ke' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'RTC Nairobi',
        country: 'KE',
        wcoRegion: null,
        contact: '',
      });
      const edited = await http()
        .patch(`/api/admin/rtcs/${created.body.id}`)
        .set(bearer(admin.token))
        .send({ wcoRegion: 'ESA', contact: 'rtc@kra.go.ke' })
        .expect(200);
      expect(edited.body).toMatchObject({ wcoRegion: 'ESA', contact: 'rtc@kra.go.ke' });
      const taken = await http()
        .post('/api/admin/rtcs')
        .set(bearer(admin.token))
        .send({ name: 'RTC Nairobi', country: 'KE' })
        .expect(409);
      expect(taken.body.code).toBe('RTC_NAME_TAKEN');
      await http().patch(`/api/admin/rtcs/${UNKNOWN}`).set(bearer(admin.token)).send({ contact: 'x' }).expect(404);
      await http().patch(`/api/admin/rtcs/${created.body.id}`).set(bearer(learner.token)).send({}).expect(403);
      const list = await http().get('/api/admin/rtcs').set(bearer(admin.token)).expect(200);
      expect(list.body.map((r: { name: string }) => r.name)).toEqual(['RTC Nairobi']);
      // Anyone signed in reads the list (to name an RTC on a curriculum).
      const open = await http().get('/api/rtcs').set(bearer(learner.token)).expect(200);
      expect(open.body).toEqual(list.body);
      await http().get('/api/rtcs').expect(401);
    });
  });

  describe('RTC staff and curricula', () => {
    let nairobi: string;
    let abidjan: string;
    let nairobiStaff: { id: string; token: string };
    let abidjanStaff: { id: string; token: string };
    let appointmentId: string;

    const curriculum = (rtcId: string) => ({
      title: 'Risk management',
      country: 'KE',
      rtcId,
      languages: ['en'],
      topics: [],
      summary: 'Two weeks',
    });

    beforeAll(async () => {
      const rtc = async (name: string, country: string) =>
        (await http().post('/api/admin/rtcs').set(bearer(admin.token)).send({ name, country }).expect(201)).body
          .id as string;
      nairobi = (await rows("SELECT id FROM rtcs WHERE name = 'RTC Nairobi'"))[0]?.id as string;
      nairobi ??= await rtc('RTC Nairobi', 'KE');
      abidjan = await rtc('RTC Abidjan', 'CI');
      nairobiStaff = await person({ country: 'KE', displayName: 'Nairobi Trainer' });
      abidjanStaff = await person({ country: 'CI', displayName: 'Abidjan Trainer' });
    });

    it('POST staff answers 401, 403, 400, 404 (RTC or person), writing nothing', async () => {
      const url = `/api/admin/rtcs/${nairobi}/staff`;
      await http().post(url).send({ userId: nairobiStaff.id }).expect(401);
      await http().post(url).set(bearer(keCoordinator.token)).send({ userId: nairobiStaff.id }).expect(403);
      await http().post(url).set(bearer(admin.token)).send({ userId: 'nope' }).expect(400);
      await http().post(url).set(bearer(admin.token)).send({}).expect(400);
      const noRtc = await http()
        .post(`/api/admin/rtcs/${UNKNOWN}/staff`)
        .set(bearer(admin.token))
        .send({ userId: nairobiStaff.id })
        .expect(404);
      expect(noRtc.body.code).toBe('RTC_NOT_FOUND');
      await http().post(url).set(bearer(admin.token)).send({ userId: UNKNOWN }).expect(404);
      expect(await rows('SELECT id FROM rtc_staff_appointments')).toEqual([]);
      expect((await rows('SELECT role FROM users WHERE id = ?', [nairobiStaff.id]))[0].role).toBe('learner');
    });

    it('appoints staff (201), granting the rtc_staff role; twice is 409', async () => {
      const made = await http()
        .post(`/api/admin/rtcs/${nairobi}/staff`)
        .set(bearer(admin.token))
        .send({ userId: nairobiStaff.id })
        .expect(201);
      appointmentId = made.body.id as string;
      expect(made.body).toMatchObject({
        rtcId: nairobi,
        rtcName: 'RTC Nairobi',
        userId: nairobiStaff.id,
        endsAt: null,
      });
      await http()
        .post(`/api/admin/rtcs/${abidjan}/staff`)
        .set(bearer(admin.token))
        .send({ userId: abidjanStaff.id })
        .expect(201);
      const me = await http().get('/api/me').set(bearer(nairobiStaff.token)).expect(200);
      expect(me.body.roles).toEqual(['rtc_staff']);
      const twice = await http()
        .post(`/api/admin/rtcs/${nairobi}/staff`)
        .set(bearer(admin.token))
        .send({ userId: nairobiStaff.id })
        .expect(409);
      expect(twice.body.code).toBe('ALREADY_RTC_STAFF');
      expect(await rows('SELECT id FROM rtc_staff_appointments WHERE user_id = ?', [nairobiStaff.id])).toHaveLength(1);
    });

    it("lets RTC staff edit their RTC's curricula, not another RTC's", async () => {
      // Staff may name only their own RTC; nothing is written when refused.
      const refused = await http()
        .post('/api/curricula')
        .set(bearer(nairobiStaff.token))
        .send(curriculum(abidjan))
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(await rows('SELECT id FROM curricula')).toEqual([]);
      await http().post('/api/curricula').set(bearer(nairobiStaff.token)).send(curriculum(UNKNOWN)).expect(404);

      const byAdmin = await http()
        .post('/api/curricula')
        .set(bearer(admin.token))
        .send(curriculum(nairobi))
        .expect(201);
      expect(byAdmin.body).toMatchObject({ rtc: 'RTC Nairobi', rtcId: nairobi });
      const id = byAdmin.body.id as string;

      // Staff of the named RTC edit it though they do not own it.
      const own = await http().get(`/api/curricula/${id}`).set(bearer(nairobiStaff.token)).expect(200);
      expect(own.body.canEdit).toBe(true);
      await http()
        .patch(`/api/curricula/${id}`)
        .set(bearer(nairobiStaff.token))
        .send({ title: 'Risk management, 2nd edition' })
        .expect(200);

      // Another RTC's staff cannot.
      const other = await http().get(`/api/curricula/${id}`).set(bearer(abidjanStaff.token)).expect(200);
      expect(other.body.canEdit).toBe(false);
      const before = await rows('SELECT title, rtc_id, updated_at FROM curricula WHERE id = ?', [id]);
      await http()
        .patch(`/api/curricula/${id}`)
        .set(bearer(abidjanStaff.token))
        .send({ title: 'Hijacked' })
        .expect(403);
      await http().patch(`/api/curricula/${id}`).set(bearer(abidjanStaff.token)).send({ rtcId: abidjan }).expect(403);
      await http().delete(`/api/curricula/${id}`).set(bearer(abidjanStaff.token)).expect(403);
      expect(await rows('SELECT title, rtc_id, updated_at FROM curricula WHERE id = ?', [id])).toEqual(before);
    });

    it('ends an appointment with history kept; the last one ended takes the role and the rights back', async () => {
      const url = `/api/admin/rtcs/${nairobi}/staff/${appointmentId}/end`;
      await http().post(url).expect(401);
      await http().post(url).set(bearer(nairobiStaff.token)).expect(403);
      await http().post(`/api/admin/rtcs/${abidjan}/staff/${appointmentId}/end`).set(bearer(admin.token)).expect(404);
      await http().post(`/api/admin/rtcs/${nairobi}/staff/${UNKNOWN}/end`).set(bearer(admin.token)).expect(404);
      expect((await rows('SELECT ends_at FROM rtc_staff_appointments WHERE id = ?', [appointmentId]))[0].ends_at).toBe(
        null,
      );

      const ended = await http().post(url).set(bearer(admin.token)).expect(200);
      expect(ended.body.endsAt).toEqual(expect.any(String));
      expect((await http().post(url).set(bearer(admin.token)).expect(409)).body.code).toBe('APPOINTMENT_ENDED');

      const me = await http().get('/api/me').set(bearer(nairobiStaff.token)).expect(200);
      expect(me.body.roles).toEqual(['learner']);
      const [id] = (await rows('SELECT id FROM curricula WHERE rtc_id = ?', [nairobi])).map((r) => r.id as string);
      await http().patch(`/api/curricula/${id}`).set(bearer(nairobiStaff.token)).send({ title: 'Late' }).expect(403);

      const history = await http().get(`/api/admin/rtcs/${nairobi}/staff`).set(bearer(admin.token)).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ id: appointmentId, displayName: 'Nairobi Trainer', endsAt: ended.body.endsAt }),
      ]);
      const page = await http().get(`/api/admin/users/${nairobiStaff.id}`).set(bearer(admin.token)).expect(200);
      expect(page.body.rtcAppointments).toEqual([expect.objectContaining({ rtcName: 'RTC Nairobi' })]);
    });
  });
});
