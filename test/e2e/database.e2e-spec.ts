import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ContactPoint } from '@app/curricula';
import { diffEntitiesAgainstMigrations, runMigrations } from '@app/database';
import { ENTITIES } from '@app/schema';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/**
 * `contact_points` as someone might edit it: one column more, and no migration for it. (A table no
 * foreign key points at: the edited class stands in for the original in the entity list.)
 */
@Entity({ name: 'contact_points' })
class EditedContactPoint extends ContactPoint {
  @PrimaryColumn({ type: 'char', length: 36 })
  declare id: string;

  @Column({ name: 'nickname', type: 'varchar', length: 60, nullable: true })
  nickname: string | null;
}

describe('migrations and the schema check', () => {
  const url = process.env.DATABASE_URL!;

  it('db:migrate is idempotent: a second run has nothing to do', async () => {
    expect(await runMigrations(url)).toEqual([]);
  });

  it('the entities and the checked-in migrations agree', async () => {
    expect(await diffEntitiesAgainstMigrations(url, ENTITIES)).toEqual([]);
  });

  it('an entity edited without a migration is caught, with the statement it needs', async () => {
    const differences = await diffEntitiesAgainstMigrations(url, ENTITIES, (options) => ({
      ...options,
      entities: [...ENTITIES.filter((entity) => entity !== ContactPoint), EditedContactPoint],
    }));
    expect(differences).toEqual([
      expect.stringMatching(/ALTER TABLE `contact_points` ADD `nickname` varchar\(60\) NULL/),
    ]);
  });

  it('npm run db:check passes now (and exits non-zero on a difference, as the command states)', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'db:check'], { cwd: ROOT, env: process.env });
    expect(stdout).toContain('Entities and migrations agree');
  });

  it('leaves no scratch databases behind', async () => {
    const { DataSource } = await import('typeorm');
    const dataSource = new DataSource({ type: 'mysql', url });
    await dataSource.initialize();
    try {
      const rows: Array<{ name: string }> = await dataSource.query(
        "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%\\_check\\_%'",
      );
      expect(rows.filter((row) => row.name.startsWith(path.basename(new URL(url).pathname)))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
