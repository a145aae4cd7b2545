import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, databaseName, detectFlavor, EntityList, withoutDatabase } from './data-source-options';

const IDENTIFIER = /^[A-Za-z0-9_]{1,64}$/;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Refusing database name ${JSON.stringify(name)}: use letters, digits and _ only`);
  }
  return `\`${name}\``;
}

export async function createDatabaseIfMissing(url: string): Promise<void> {
  const connection = await createConnection({ uri: withoutDatabase(url), connectTimeout: 5000 });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(databaseName(url))} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const connection = await createConnection({ uri: withoutDatabase(url), connectTimeout: 5000 });
  try {
    await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName(url))}`);
  } finally {
    await connection.end();
  }
}

/**
 * Creates the database when missing and runs pending migrations. Idempotent. Returns the names run.
 * `afterwards` gets the connection once the schema is current: data fills that need a context's own
 * rules (this library knows no domain code) run there, e.g. the learning context's course results.
 */
export async function runMigrations(
  url: string,
  afterwards?: (query: (sql: string, parameters?: unknown[]) => Promise<unknown>) => Promise<unknown>,
): Promise<string[]> {
  await createDatabaseIfMissing(url);
  const dataSource = new DataSource(buildDataSourceOptions(url, await detectFlavor(url)));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (afterwards) {
      await afterwards((sql, parameters) => dataSource.query(sql, parameters));
    }
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The statements TypeORM would run to make the database match the entities: empty when they agree. */
export async function pendingSchemaChanges(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, migrations: [] });
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Applies every migration to a scratch database beside the configured one and compares the result
 * with the entities. Returns the differences (empty when entities and migrations agree); the scratch
 * database is always dropped.
 */
export async function diffEntitiesAgainstMigrations(
  url: string,
  entities: EntityList,
  adjust: (options: DataSourceOptions) => DataSourceOptions = (options) => options,
): Promise<string[]> {
  const scratch = new URL(url);
  scratch.pathname = `/${databaseName(url).slice(0, 40)}_check_${randomBytes(4).toString('hex')}`;
  const scratchUrl = scratch.toString();
  try {
    await runMigrations(scratchUrl);
    const flavor = await detectFlavor(scratchUrl);
    return await pendingSchemaChanges(adjust(buildDataSourceOptions(scratchUrl, flavor, entities)));
  } finally {
    await dropDatabase(scratchUrl);
  }
}
