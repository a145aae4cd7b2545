import { diffEntitiesAgainstMigrations, runMigrations } from '@app/database';
import { loadEnvironment } from '@app/config';
import { backfillCourseResults } from '@app/learning';
import { ENTITIES } from '@app/schema';
import { CliError } from '../cli-error';

export async function migrate(): Promise<string> {
  // Enrolments from before course results existed get theirs (docs/course-results.md).
  const ran = await runMigrations(loadEnvironment().DATABASE_URL, backfillCourseResults);
  return ran.length === 0 ? 'Database is up to date' : `Ran ${ran.length} migration(s): ${ran.join(', ')}`;
}

/** Fails when the entities describe a schema the migrations do not create. */
export async function checkSchema(): Promise<string> {
  const differences = await diffEntitiesAgainstMigrations(loadEnvironment().DATABASE_URL, ENTITIES);
  if (differences.length > 0) {
    throw new CliError(
      [
        'Entities differ from the migrations. Add a migration under libs/database/src/migrations that does:',
        ...differences.map((statement) => `  ${statement};`),
      ].join('\n'),
    );
  }
  return 'Entities and migrations agree';
}
