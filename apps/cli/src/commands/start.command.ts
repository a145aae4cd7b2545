import path from 'node:path';
import { loadEnvironment } from '@app/config';
import { migrate } from './database.command';
import { seedDemoData } from './seed.command';
import { Supervisor } from '../supervisor';

/** dist/apps/<app>/src/main.js, beside this build's own dist/apps/cli. */
function entryOf(app: 'api' | 'worker'): string {
  const distApps = path.resolve(__dirname, '..', '..', '..');
  return path.join(distApps, app, 'src', 'main.js');
}

/**
 * `npm start`: migrations, demo data on an empty database, then the api and the worker as child
 * processes under a supervisor: a child that stops on its own is started again with a backoff and
 * never takes the other down (a worker crash leaves the api serving). A signal stops both.
 */
export async function start(): Promise<void> {
  const env = loadEnvironment();
  console.log(await migrate());
  console.log(await seedDemoData());

  const supervisor = new Supervisor(
    (['api', 'worker'] as const).map((name) => ({ name, command: process.execPath, args: [entryOf(name)] })),
    { env: process.env },
  );
  const stopped = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void supervisor.stop(signal).then(resolve));
    }
  });
  supervisor.start();
  console.log(`Starting Clearance at ${new URL(env.PUBLIC_URL).origin}/ …`);
  await stopped;
}
