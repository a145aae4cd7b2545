import { createServer } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { AccountsService, NewAccount, UserRole, UserStatus } from '@app/accounts';
import { createApiApp } from '../../apps/api/src/bootstrap';

export type TestApp = NestFastifyApplication;

/** The api exactly as main.ts builds it, initialised but not listening (supertest drives it). */
export async function createTestApp(): Promise<TestApp> {
  const app = await createApiApp();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A port of 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The api listening on a free port of 127.0.0.1, for clients outside the process (browsers). Its
 * PUBLIC_URL names that port, as in production: sign-in answers only pages of that origin.
 */
export async function startTestServer(): Promise<{ app: TestApp; url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const saved = process.env.PUBLIC_URL;
  process.env.PUBLIC_URL = url;
  let app: TestApp;
  try {
    app = await createApiApp();
  } finally {
    if (saved === undefined) {
      delete process.env.PUBLIC_URL;
    } else {
      process.env.PUBLIC_URL = saved;
    }
  }
  await app.listen({ port, host: '127.0.0.1' });
  return { app, url };
}

/** Reference data that migrations put in place; tests keep it. */
const REFERENCE_TABLES = new Set(['topics']);

/** Empties every table but the migration history and reference data, between suites. */
export async function resetDatabase(app: TestApp): Promise<void> {
  const dataSource = app.get(DataSource);
  const tables = dataSource.entityMetadatas
    .map((metadata) => metadata.tableName)
    .filter((table) => !REFERENCE_TABLES.has(table));
  await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
  try {
    for (const table of tables) {
      await dataSource.query(`DELETE FROM \`${table}\``);
    }
    // Tables no entity maps: the reports' summaries (kept by triggers, docs/reports.md) and the
    // question analysis' interactions. report_learning first: its triggers write the counters.
    const derived: Array<{ name: string }> = await dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = DATABASE() AND (table_name LIKE 'report\\_%' OR table_name = 'attempt_interactions')`,
    );
    const ordered = derived
      .map((row) => row.name)
      .sort((a, b) => Number(b === 'report_learning') - Number(a === 'report_learning'));
    for (const table of ordered) {
      await dataSource.query(`DELETE FROM \`${table}\``);
    }
  } finally {
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
  }
}

let counter = 0;

export async function createUser(
  app: TestApp,
  overrides: Partial<NewAccount> = {},
): Promise<{ id: string; email: string; password: string }> {
  counter++;
  const account: NewAccount = {
    email: `user${counter}-${Date.now()}@example.org`,
    password: 'a long enough test password',
    displayName: `Test User ${counter}`,
    role: UserRole.Learner,
    status: UserStatus.Active,
    country: 'KE',
    ...overrides,
  };
  const user = await app.get(AccountsService).createAccount(account);
  return { id: user.id, email: user.email, password: account.password };
}

let ipCounter = 0;

/** A distinct client address per call (the api trusts X-Forwarded-For from loopback in tests). */
export function nextClientIp(): string {
  ipCounter++;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export async function login(app: TestApp, email: string, password: string): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/api/auth/login')
    .set('X-Forwarded-For', nextClientIp())
    .send({ email, password })
    .expect(200);
  return (response.body as { accessToken: string }).accessToken;
}
