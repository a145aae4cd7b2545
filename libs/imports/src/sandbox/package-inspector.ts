import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { Semaphore } from '@app/common';
import type { ParsedManifest } from '@app/scorm';
import { InspectMessage, InspectRequest } from './inspection';

/** Heap ceiling of the inspector child: extraction streams, so this is ample and bounds a hostile archive. */
const CHILD_HEAP_MB = 192;
/** A child that has grown past this after a package is replaced before the next one. */
const RECYCLE_RSS_BYTES = 160 * 1024 * 1024;
/** Packages one child serves before it is replaced anyway. */
const RECYCLE_AFTER = 200;
/** An idle child leaves after this long, giving its memory back. */
const IDLE_EXIT_MS = 60_000;
/** No package may take longer to check (1 GiB streams through in a few minutes): past it, the child goes. */
export const INSPECTION_TIMEOUT_MS = 30 * 60_000;

export class InspectionFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** A property of the package (retrying cannot help), as opposed to a crash of the inspector. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'InspectionFailedError';
  }
}

export interface Inspection {
  manifest: ParsedManifest;
  files: number;
  totalBytes: number;
  sha256: string;
}

interface Sandbox {
  child: ChildProcess;
  served: number;
  /** Settles the inspection in progress, if any, when the child goes away. */
  onExit?: (reason: string, code: number | null) => void;
}

/**
 * Runs package extraction and manifest parsing in a child process (the sandbox): the worker's
 * event loop stays free to renew job locks, and a crash or an out-of-memory in the child fails the
 * job instead of the worker. The child is kept between packages (starting one costs more than
 * checking a small package), one package at a time, and replaced when it crashed, grew past
 * {@link RECYCLE_RSS_BYTES}, served {@link RECYCLE_AFTER} packages or sat idle for a minute.
 */
@Injectable()
export class PackageInspector implements OnModuleDestroy {
  private readonly oneAtATime = new Semaphore(1);
  private sandbox?: Sandbox;
  private idleTimer?: NodeJS.Timeout;
  private nextId = 1;
  /** Time limit of one inspection (tests shorten it). */
  timeoutMs = INSPECTION_TIMEOUT_MS;

  inspect(
    request: Omit<InspectRequest, 'id'>,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<Inspection> {
    return this.oneAtATime.run(() => this.inspectAlone(request, onProgress, signal));
  }

  onModuleDestroy(): void {
    clearTimeout(this.idleTimer);
    this.retire();
  }

  /** The child's pid, while one runs (tests check that it is replaced after a crash). */
  get childPid(): number | undefined {
    return this.sandbox?.child.pid;
  }

  private inspectAlone(
    request: Omit<InspectRequest, 'id'>,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<Inspection> {
    signal?.throwIfAborted();
    clearTimeout(this.idleTimer);
    const sandbox = this.sandbox ?? (this.sandbox = this.spawn());
    const id = this.nextId++;
    sandbox.served += 1;
    return new Promise<Inspection>((resolve, reject) => {
      const done = (after: (rssBytes?: number) => void) => (rssBytes?: number) => {
        clearTimeout(deadline);
        sandbox.child.off('message', onMessage);
        signal?.removeEventListener('abort', onAbort);
        sandbox.onExit = undefined;
        if (rssBytes !== undefined && (rssBytes > RECYCLE_RSS_BYTES || sandbox.served >= RECYCLE_AFTER)) {
          this.retire();
        }
        if (this.sandbox) {
          this.idleTimer = setTimeout(() => this.retire(), IDLE_EXIT_MS).unref();
        }
        after(rssBytes);
      };
      const onMessage = (message: InspectMessage): void => {
        if (message.id !== id) {
          return; // a late word about an earlier package
        }
        switch (message.kind) {
          case 'progress':
            onProgress(message.fraction);
            break;
          case 'result':
            done(() =>
              resolve({
                manifest: message.manifest,
                files: message.files,
                totalBytes: message.totalBytes,
                sha256: message.sha256,
              }),
            )(message.rssBytes);
            break;
          case 'error':
            done(() => reject(new InspectionFailedError(message.code, message.message, message.permanent)))(
              message.rssBytes,
            );
            break;
        }
      };
      // Defence in depth: whatever a package does to the extraction, the job ends.
      const deadline = setTimeout(() => {
        this.retire();
        done(() =>
          reject(
            new InspectionFailedError(
              'INSPECTION_TIMEOUT',
              `Checking the package took longer than ${Math.round(this.timeoutMs / 60_000) || 1} min: it was stopped. It may be malformed.`,
              true,
            ),
          ),
        )();
      }, this.timeoutMs);
      const onAbort = (): void => {
        this.retire();
        done(() => reject(signal!.reason instanceof Error ? signal!.reason : new Error('Inspection aborted')))();
      };
      sandbox.onExit = (reason, code) =>
        done(() =>
          reject(
            new InspectionFailedError(
              'INSPECTOR_CRASHED',
              `The package could not be processed (the inspector stopped: ${reason}). It may be too large or malformed.`,
              // It ran out of memory or failed on its own: the same package will do it again.
              code !== null,
            ),
          ),
        )();
      sandbox.child.on('message', onMessage);
      signal?.addEventListener('abort', onAbort, { once: true });
      sandbox.child.send({ ...request, id } satisfies InspectRequest);
    });
  }

  private spawn(): Sandbox {
    const compiled = __filename.endsWith('.js');
    const child = fork(path.join(__dirname, `package-inspector.child.${compiled ? 'js' : 'ts'}`), [], {
      execArgv: [
        `--max-old-space-size=${CHILD_HEAP_MB}`,
        ...(compiled ? [] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']),
      ],
      env: { ...process.env, TS_NODE_PROJECT: process.env.TS_NODE_PROJECT ?? 'tsconfig.json' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const sandbox: Sandbox = { child, served: 0 };
    const gone = (reason: string, code: number | null): void => {
      if (this.sandbox === sandbox) {
        this.sandbox = undefined;
      }
      sandbox.onExit?.(reason, code);
    };
    child.on('exit', (code, exitSignal) => gone(exitSignal ?? `exit ${code}`, code));
    child.on('error', (error) => {
      child.kill('SIGKILL');
      gone(error.message, null);
    });
    return sandbox;
  }

  /** Sends the current child away (it may be mid-package only when aborting). */
  private retire(): void {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    if (sandbox && sandbox.child.exitCode === null && sandbox.child.signalCode === null) {
      sandbox.child.kill('SIGKILL');
    }
  }
}
