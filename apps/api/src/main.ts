import 'reflect-metadata';
import { CourseSearchIndex } from '@app/catalogue';
import { AppConfig, EnvironmentError } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.port, host: config.host });
  // The catalogue's search index is built in the background now rather than by the first search.
  app.get(CourseSearchIndex).warm();
  // Plain line on purpose: `npm start` and people look for it.
  console.log(`Clearance is up: ${config.publicUrl.origin}/  (API docs: ${config.publicUrl.origin}/api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
