import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvironmentError } from '@app/config';
import { JobWorkerHost } from '@app/queue';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: workers finish (or hand back) their jobs, then queues and connections close.
  app.enableShutdownHooks();
  await app.get(JobWorkerHost).start();
  console.log(`Clearance worker is up (pid ${process.pid})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});
