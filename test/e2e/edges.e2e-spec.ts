import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, createUser, login, TestApp } from '../support/app';

describe('HTTP edges', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers unknown API routes with the stable error body', async () => {
    const response = await request(app.getHttpServer()).get('/api/no-such-route').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.any(String),
      code: 'NOT_FOUND',
    });
  });

  it('refuses malformed JSON with 400 and a code', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('refuses unknown properties (whitelist, forbid unknown)', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'a@example.org', password: 'x', isAdmin: true })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: ['property isAdmin should not exist'] });
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  describe('input no validator can take (issue 12: each was a 500)', () => {
    const json = (method: 'post' | 'patch', url: string, text: string, token?: string) => {
      const call = request(app.getHttpServer())[method](url).set('content-type', 'application/json');
      return (token ? call.auth(token, { type: 'bearer' }) : call).send(text);
    };

    it('refuses a lone UTF-16 surrogate in an email (class-validator isEmail threw) with MALFORMED_TEXT', async () => {
      for (const [url, text] of [
        ['/api/auth/login', '{"email":"a\\ud800@example.org","password":"x"}'],
        ['/api/auth/password-reset', '{"email":"a\\udfff@example.org"}'],
        [
          '/api/auth/register',
          '{"email":"\\ud83d@example.org","password":"p","displayName":"x","country":"KE","administration":"a"}',
        ],
      ]) {
        const response = await json('post', url, text).expect(400);
        expect(response.body).toMatchObject({
          statusCode: 400,
          code: 'MALFORMED_TEXT',
          message: expect.stringContaining('body.email'),
        });
      }
      // A lone surrogate in a key or in the query is refused the same way; a real emoji is fine.
      expect((await json('post', '/api/auth/login', '{"\\ud800":1}').expect(400)).body.code).toBe('MALFORMED_TEXT');
      expect((await request(app.getHttpServer()).get('/api/admin/users?q=%F0%9F%98%80').expect(401)).body.code).toBe(
        'UNAUTHORIZED',
      );
    });

    it('refuses JSON nested 5,000 deep (the validation pipe overflowed its stack) with NESTED_TOO_DEEP', async () => {
      const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
      expect((await json('post', '/api/auth/login', deep).expect(400)).body).toMatchObject({ code: 'NESTED_TOO_DEEP' });
      const deeper = '['.repeat(400_000) + ']'.repeat(400_000);
      expect((await json('post', '/api/auth/register', deeper).expect(400)).body.code).toBe('NESTED_TOO_DEEP');
    });

    it('refuses null for optional fields of a PATCH (NOT NULL columns) and writes nothing', async () => {
      const user = await createUser(app, { displayName: 'Kept Name' });
      const token = await login(app, user.email, user.password);
      for (const body of [
        { displayName: null },
        { administration: null, jobTitle: null },
        { preferredLanguage: null },
      ]) {
        const response = await json('patch', '/api/me', JSON.stringify(body), token).expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('must not be null'),
        });
      }
      const rows: Array<{ display_name: string }> = await app
        .get(DataSource)
        .query('SELECT display_name FROM users WHERE id = ?', [user.id]);
      expect(rows).toEqual([{ display_name: 'Kept Name' }]);
    });
  });

  it('sends security headers with a strict CSP that frames only the content origin', async () => {
    const response = await request(app.getHttpServer()).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The library's player streams signed links from the app's own origin; never blob: or data:.
    expect(csp).toContain("media-src 'self';");
    expect(csp).toContain('frame-src http://127.0.0.1:3000');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes an OpenAPI document generated from the code', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/me']));
    expect(response.body.components.schemas.ErrorBody.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'code']),
    );
    const page = await request(app.getHttpServer()).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});
