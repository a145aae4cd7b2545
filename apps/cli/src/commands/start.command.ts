import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { loadEnvironment } from '@app/config';
import { migrate } from './database.command';
import { seedDemoData } from './seed.command';

/** dist/apps/<app>/src/main.js, beside this build's own dist/apps/cli. */
function entryOf(app: 'api' | 'worker'): string {
  const distApps = path.resolve(__dirname, '..', '..', '..');
  return path.join(distApps, app, 'src', 'main.js');
}

/**
 * `npm start`: migrations, demo data on an empty database, then the api and the worker as child
 * processes. A signal stops both; if either dies, the other is stopped and the exit code passed on.
 */
export async function start(): Promise<void> {
  const env = loadEnvironment();
  console.log(await migrate());
  console.log(await seedDemoData());

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill(signal);
      }
    }
  };
  for (const name of ['api', 'worker'] as const) {
    const child = spawn(process.execPath, [entryOf(name)], { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${name} stopped (${signal ?? `exit ${code}`}): stopping the rest`);
        process.exitCode = code ?? 1;
        stopAll('SIGTERM');
      }
    });
    children.push(child);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => stopAll(signal));
  }
  console.log(`Starting Clearance at ${new URL(env.PUBLIC_URL).origin}/ …`);
  await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
}
