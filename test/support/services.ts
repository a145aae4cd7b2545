import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { withoutDatabase } from '@app/database';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/clearance';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** The root password docker/compose.yml gives MySQL unless MYSQL_ROOT_PASSWORD says otherwise. */
const COMPOSE_DATABASE_URL = `mysql://root:${process.env.MYSQL_ROOT_PASSWORD ?? 'clearance'}@127.0.0.1:3306/clearance`;

export async function databaseReachable(url: string): Promise<boolean> {
  try {
    const connection = await createConnection({ uri: withoutDatabase(url), connectTimeout: 3000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

export async function redisReachable(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds; i++) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}

/**
 * Makes sure MySQL/MariaDB and Redis answer. When they do not and Docker runs, starts them from
 * docker/compose.yml; otherwise stops with what to start. Returns the URLs to use.
 */
export async function ensureServices(): Promise<{ databaseUrl: string; redisUrl: string }> {
  let databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const [db, redis] = await Promise.all([databaseReachable(databaseUrl), redisReachable(redisUrl)]);
  if (db && redis) {
    return { databaseUrl, redisUrl };
  }
  const missing = [
    !db && `MySQL/MariaDB at ${new URL(databaseUrl).host}`,
    !redis && `Redis at ${new URL(redisUrl).host}`,
  ]
    .filter(Boolean)
    .join(' and ');
  if (!dockerAvailable()) {
    throw new Error(
      `${missing} not reachable, and Docker is not running. Start them, e.g.\n` +
        '  MariaDB: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd\n' +
        '  Redis:   redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
        'or set DATABASE_URL / REDIS_URL to servers that run.',
    );
  }
  const compose = path.resolve(__dirname, '../../docker/compose.yml');
  const services = [!db && 'mysql', !redis && 'redis'].filter((s): s is string => Boolean(s));
  console.log(`${missing} not reachable: starting ${services.join(', ')} from docker/compose.yml`);
  execFileSync('docker', ['compose', '-f', compose, 'up', '-d', '--wait', ...services], { stdio: 'inherit' });
  if (!db) {
    databaseUrl = process.env.DATABASE_URL || COMPOSE_DATABASE_URL;
  }
  const ready = await waitFor(
    async () => (await databaseReachable(databaseUrl)) && (await redisReachable(redisUrl)),
    120,
  );
  if (!ready) {
    throw new Error(`Started ${services.join(', ')} with Docker, but they did not answer within 120 s`);
  }
  return { databaseUrl, redisUrl };
}
