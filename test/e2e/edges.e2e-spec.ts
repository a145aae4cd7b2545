import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';

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
