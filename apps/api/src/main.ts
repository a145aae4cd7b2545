import 'reflect-metadata';
import { AppConfig, EnvironmentError } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.port, host: config.host });
  // Plain line on purpose: `npm start` and people look for it.
  console.log(`Clearance is up: ${config.publicUrl.origin}/  (API docs: ${config.publicUrl.origin}/api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
