import { Injectable } from '@nestjs/common';
import { fork } from 'node:child_process';
import path from 'node:path';
import type { ParsedManifest } from '@app/scorm';
import { InspectMessage, InspectRequest } from './inspection';

/** Heap ceiling of the inspector child: extraction streams, so this is ample and bounds a hostile archive. */
const CHILD_HEAP_MB = 192;

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

/**
 * Runs package extraction and manifest parsing in a child process (the sandbox): the worker's
 * event loop stays free to renew job locks, and a crash or an out-of-memory in the child fails the
 * job instead of the worker.
 */
@Injectable()
export class PackageInspector {
  inspect(request: InspectRequest, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Inspection> {
    const compiled = __filename.endsWith('.js');
    const child = fork(path.join(__dirname, `package-inspector.child.${compiled ? 'js' : 'ts'}`), [], {
      execArgv: [
        `--max-old-space-size=${CHILD_HEAP_MB}`,
        ...(compiled ? [] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']),
      ],
      env: { ...process.env, TS_NODE_PROJECT: process.env.TS_NODE_PROJECT ?? 'tsconfig.json' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      signal,
    });
    return new Promise<Inspection>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void): void => {
        if (!settled) {
          settled = true;
          action();
        }
      };
      child.on('message', (message: InspectMessage) => {
        switch (message.kind) {
          case 'progress':
            onProgress(message.fraction);
            break;
          case 'result':
            settle(() =>
              resolve({
                manifest: message.manifest,
                files: message.files,
                totalBytes: message.totalBytes,
                sha256: message.sha256,
              }),
            );
            break;
          case 'error':
            settle(() => reject(new InspectionFailedError(message.code, message.message, message.permanent)));
            break;
        }
      });
      child.on('error', (error) => settle(() => reject(error)));
      child.on('exit', (code, exitSignal) =>
        settle(() =>
          reject(
            new InspectionFailedError(
              'INSPECTOR_CRASHED',
              `The package could not be processed (the inspector stopped: ${exitSignal ?? `exit ${code}`}). It may be too large or malformed.`,
              code !== null,
            ),
          ),
        ),
      );
      child.send(request);
    });
  }
}
