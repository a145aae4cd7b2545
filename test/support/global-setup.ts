import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMigrations } from '@app/database';
import { ensureServices } from './services';

/**
 * Once per jest run: a database of its own (created and migrated here, dropped in teardown), a Redis
 * key prefix of its own and a scratch DATA_DIR. Test workers inherit these through process.env.
 */
export default async function globalSetup(): Promise<void> {
  const { databaseUrl, redisUrl } = await ensureServices();
  const run = randomBytes(4).toString('hex');
  const url = new URL(databaseUrl);
  url.pathname = `/clearance_test_${run}`;
  process.env.TEST_RUN_ID = run;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = redisUrl;
  process.env.REDIS_PREFIX = `{clearance-test-${run}}`;
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), `clearance-test-${run}-`));
  process.env.NODE_ENV = 'test';
  process.env.JWT_SECRET = randomBytes(32).toString('hex');
  // The api sits behind a proxy on loopback in tests, so each test client can have its own IP.
  process.env.TRUST_PROXY = '127.0.0.1';
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  await runMigrations(process.env.DATABASE_URL);
}
