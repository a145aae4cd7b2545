import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real api (apps/api/src/main.ts) as a child process: another Clearance server beside the one
 * a test runs in-process (passport's strategies are process-wide, so two apps in one process would
 * share one). Its app origin is `url` (127.0.0.1); its content origin is localhost on the same port.
 */
export class ApiProcess {
  private child?: ChildProcess;
  private output = '';
  url = '';

  get log(): string {
    return this.output;
  }

  async start(env: NodeJS.ProcessEnv): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: 'tsconfig.json',
          LOG_LEVEL: 'warn',
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: this.url,
          CONTENT_URL: `http://localhost:${port}`,
          ...env,
        },
        stdio: 'pipe',
      },
    );
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`api did not start in 90 s:\n${this.output}`)), 90_000);
      child.stdout.on('data', () => {
        if (this.output.includes('Clearance is up')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`api exited with ${code} before it was up:\n${this.output}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
