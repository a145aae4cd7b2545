import request from 'supertest';
import { UserRole, UserStatus } from '@app/accounts';
import { createTestApp, createUser, login, nextClientIp, resetDatabase, TestApp } from '../support/app';

describe('the Secretariat suspends and reinstates accounts', () => {
  let app: TestApp;
  let adminToken: string;
  let learnerToken: string;

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    adminToken = await login(app, admin.email, admin.password);
    const learner = await createUser(app);
    learnerToken = await login(app, learner.email, learner.password);
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).post(path);
    return token ? call.auth(token, { type: 'bearer' }) : call;
  };

  it('needs an admin: 401 signed out, 403 for a learner, 400 for a malformed id, 404 for an unknown one', async () => {
    const someone = await createUser(app);
    await post(`/api/admin/users/${someone.id}/suspend`).expect(401);
    await post(`/api/admin/users/${someone.id}/suspend`, learnerToken).expect(403);
    await post('/api/admin/users/not-a-uuid/suspend', adminToken).expect(400);
    const unknown = await post('/api/admin/users/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f/suspend', adminToken).expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
  });

  it('a suspended account loses its live access token at once and cannot sign in; reinstated, it can again', async () => {
    const officer = await createUser(app);
    const token = await login(app, officer.email, officer.password);
    await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);

    const suspended = await post(`/api/admin/users/${officer.id}/suspend`, adminToken).expect(200);
    expect(suspended.body).toMatchObject({ id: officer.id, status: UserStatus.Suspended });
    await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(401);
    const refused = await request(app.getHttpServer())
      .post('/api/auth/login')
      .set('X-Forwarded-For', nextClientIp())
      .send({ email: officer.email, password: officer.password })
      .expect(403);
    expect(refused.body.code).toBe('ACCOUNT_SUSPENDED');
    expect((await post(`/api/admin/users/${officer.id}/suspend`, adminToken).expect(409)).body.code).toBe(
      'USER_NOT_ACTIVE',
    );

    await post(`/api/admin/users/${officer.id}/reinstate`, adminToken).expect(200);
    await login(app, officer.email, officer.password);
    expect((await post(`/api/admin/users/${officer.id}/reinstate`, adminToken).expect(409)).body.code).toBe(
      'USER_NOT_SUSPENDED',
    );
  });
});
