import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';

export type DatabaseFlavor = 'mysql' | 'mariadb';

/**
 * The entities a data source maps. This library knows none of them: each context library exports
 * its own list (ACCOUNTS_ENTITIES, …) and the apps compose them (docs/architecture.md, "Contexts").
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** Asks the server what it is: TypeORM needs `type: 'mariadb'` to compare MariaDB's schema correctly. */
export async function detectFlavor(url: string): Promise<DatabaseFlavor> {
  const connection = await createConnection({ uri: withoutDatabase(url), connectTimeout: 5000 });
  try {
    const [rows] =
      await connection.query<Array<{ version: string } & import('mysql2').RowDataPacket>>(
        'SELECT VERSION() AS version',
      );
    return /mariadb/i.test(rows[0]?.version ?? '') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** The server URL without its database path, to create or drop databases. */
export function withoutDatabase(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/';
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Options of a data source; without `entities` it can run migrations and plain queries only. */
export function buildDataSourceOptions(
  url: string,
  flavor: DatabaseFlavor,
  entities: EntityList = [],
): DataSourceOptions {
  return {
    type: flavor,
    url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    connectTimeout: 5000,
    poolSize: 10,
    extra: { enableKeepAlive: true, keepAliveInitialDelay: 10_000 },
  };
}
