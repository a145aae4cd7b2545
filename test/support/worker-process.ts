import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The real worker (apps/worker/src/main.ts) as a child process, with the test run's environment. */
export class WorkerProcess {
  private child?: ChildProcess;
  private output = '';
  exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output;
  }

  async start(env: NodeJS.ProcessEnv = {}): Promise<void> {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', TS_NODE_PROJECT: 'tsconfig.json', ...env },
        stdio: 'pipe',
      },
    );
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s:\n${this.output}`)), 60_000);
      const onData = (): void => {
        if (this.output.includes('Clearance worker is up')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      void this.exit!.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code} before it was up:\n${this.output}`));
      });
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await this.exit;
    }
  }
}
