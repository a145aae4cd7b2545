import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createTestApp, login, resetDatabase, TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', ...args], {
      cwd: ROOT,
      env: process.env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run cli -- create-admin', () => {
  let app: TestApp;
  const email = 'secretariat.admin@example.org';
  const password = 'a passphrase the admin chose';

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('explains its usage when arguments are missing (exit 2)', async () => {
    const result = await cli('create-admin', '--email', email);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run cli -- create-admin --email E --password P');
  });

  it('refuses a short password with a clear message (exit 1), creating nothing', async () => {
    const result = await cli('create-admin', '--email', email, '--password', 'short');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Password must be 12 to 128 characters long');
    await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: 'short' }).expect(401);
  });

  it('refuses an invalid email', async () => {
    const result = await cli('create-admin', '--email', 'not-an-email', '--password', password);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Not an email address');
  });

  it('creates an admin who can sign in, and a second run changes nothing', async () => {
    const first = await cli('create-admin', '--email', email.toUpperCase(), '--password', password);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining(`Created admin ${email}`) });
    const token = await login(app, email, password);
    const me = await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body.roles).toEqual(['admin']);

    const second = await cli('create-admin', '--email', email, '--password', password);
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining(`Admin ${email} is up to date`) });
    // Nothing changed, so the session from before the second run is still valid.
    await request(app.getHttpServer()).get('/api/me').auth(token, { type: 'bearer' }).expect(200);
  });

  it('rejects unknown commands (exit 2)', async () => {
    const result = await cli('make-coffee');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command: make-coffee');
  });
});
