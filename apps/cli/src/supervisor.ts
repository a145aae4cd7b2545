import { ChildProcess, spawn } from 'node:child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
}

export interface SupervisorOptions {
  env?: NodeJS.ProcessEnv;
  /** Delay before the first restart; doubled for each crash in a row, up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long before it stopped starts again after `initialDelayMs`. */
  resetAfterMs?: number;
  log?: (line: string) => void;
}

interface Running {
  spec: ChildSpec;
  child?: ChildProcess;
  startedAt: number;
  crashes: number;
  restart?: NodeJS.Timeout;
}

/**
 * Runs child processes and keeps them running: one that stops on its own is started again after a
 * backoff (1 s, 2 s, 4 s… up to 30 s by default), and never takes the others down with it
 * (docs/operations.md, "The process supervisor"). `stop(signal)` passes the signal to every child
 * and resolves once all have exited.
 */
export class Supervisor {
  private readonly running: Running[];
  private stopping = false;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly resetAfterMs: number;
  private readonly log: (line: string) => void;
  /** Each child's restarts so far, by name. */
  readonly restarts = new Map<string, number>();

  constructor(
    specs: ChildSpec[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.running = specs.map((spec) => ({ spec, startedAt: 0, crashes: 0 }));
    this.initialDelayMs = options.initialDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
    this.log = options.log ?? ((line) => console.error(line));
  }

  start(): void {
    for (const entry of this.running) {
      this.spawn(entry);
    }
  }

  /** The current process of a child (undefined while it waits to be restarted). */
  child(name: string): ChildProcess | undefined {
    return this.running.find((entry) => entry.spec.name === name)?.child;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    const exits: Array<Promise<unknown>> = [];
    for (const entry of this.running) {
      clearTimeout(entry.restart);
      const child = entry.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        exits.push(new Promise((resolve) => child.once('exit', resolve)));
        child.kill(signal);
      }
    }
    await Promise.all(exits);
  }

  private spawn(entry: Running): void {
    const child = spawn(entry.spec.command, entry.spec.args, {
      stdio: 'inherit',
      env: this.options.env ?? process.env,
    });
    entry.child = child;
    entry.startedAt = Date.now();
    child.on('error', (error) => this.log(`${entry.spec.name} could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (this.stopping) {
        return;
      }
      entry.child = undefined;
      entry.crashes = Date.now() - entry.startedAt >= this.resetAfterMs ? 1 : entry.crashes + 1;
      const delay = Math.min(this.initialDelayMs * 2 ** (entry.crashes - 1), this.maxDelayMs);
      this.restarts.set(entry.spec.name, (this.restarts.get(entry.spec.name) ?? 0) + 1);
      this.log(
        `${entry.spec.name} stopped (${signal ?? `exit ${code}`}): starting it again in ${Math.round(delay / 100) / 10} s`,
      );
      entry.restart = setTimeout(() => {
        if (!this.stopping) {
          this.spawn(entry);
        }
      }, delay);
    });
  }
}
