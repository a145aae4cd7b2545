import 'tsconfig-paths/register';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { dropDatabase } from '@app/database';

/** Drops the run's database, deletes its Redis keys and its DATA_DIR. */
export default async function globalTeardown(): Promise<void> {
  const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, DATA_DIR, TEST_RUN_ID } = process.env;
  if (!TEST_RUN_ID) {
    return;
  }
  if (DATABASE_URL) {
    await dropDatabase(DATABASE_URL);
  }
  if (REDIS_URL && REDIS_PREFIX) {
    const redis = new Redis(REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
  if (DATA_DIR) {
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
}
