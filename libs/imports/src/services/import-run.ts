import { UnrecoverableError } from 'bullmq';
import { ImportJobState } from '../entities/import-job.entity';
import type { ImportJobRepository } from '../repositories/import-job.repository';

/** A running import touches its row this often, so the lost-import sweep knows it is alive. */
export const IMPORT_HEARTBEAT_MS = 20_000;
/** An `active` row untouched for this long has no live run: the sweep may queue it again. */
export const IMPORT_QUIET_SECONDS = 90;

/**
 * The start of an import job's run (docs/operations.md, "Redis restarts"). The row becomes active
 * and is touched every {@link IMPORT_HEARTBEAT_MS} until `stop()`. A row that has already finished
 * (the job was delivered again after Redis lost it) does no work twice: its stored result is
 * answered (`finished`), or its failure is thrown again as unrecoverable.
 */
export async function startImportRun<R>(
  jobs: ImportJobRepository,
  id: string,
): Promise<{ finished?: R; stop: () => void }> {
  if (!(await jobs.markActive(id))) {
    const row = await jobs.findVisible(id, null);
    if (row?.state === ImportJobState.Completed) {
      return { finished: row.result as R, stop: () => undefined };
    }
    if (row?.state === ImportJobState.Failed) {
      throw new UnrecoverableError(row.error ?? 'This import has already failed');
    }
    throw new UnrecoverableError('This import job no longer exists');
  }
  const timer = setInterval(() => void jobs.touch(id).catch(() => undefined), IMPORT_HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
