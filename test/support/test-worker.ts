import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobWorkerHost, QueueName } from '@app/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestWorker {
  app: INestApplicationContext;
  /** Stops the workers (letting active jobs finish), then closes queues, connections and transports. */
  close(): Promise<void>;
}

/**
 * The real WorkerModule in the test process, processing the queues. `env` overrides process.env
 * while the module is created (settings are read then) and is undone afterwards; an empty string
 * unsets a variable (`{ SMTP_URL: '' }`). `queues` limits the queues worked (all by default).
 */
export async function startTestWorker(env: Record<string, string> = {}, queues?: QueueName[]): Promise<TestWorker> {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, env);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
  try {
    await app.get(JobWorkerHost).start(queues);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, close: () => app.close() };
}
