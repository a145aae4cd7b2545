import type { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { rm } from 'node:fs/promises';
import type { JobContext } from '@app/queue';
import type { ImportJobRepository } from '../repositories/import-job.repository';

/**
 * How every import job ends in failure: a permanent failure (the input itself is at fault), or the
 * last attempt, marks the job failed and drops the upload; otherwise the job is left to be retried.
 * The row is written after the job's own files are cleaned up (`cleanUp`), so a job that says it
 * failed has left nothing behind. Throws what BullMQ needs: unrecoverable when permanent.
 */
export async function endFailedImport(
  jobs: ImportJobRepository,
  logger: Logger,
  context: JobContext,
  failure: {
    jobId: string;
    uploadPath: string;
    error: unknown;
    permanent: boolean;
    code: string;
    what: string;
    cleanUp?: () => Promise<void>;
  },
): Promise<never> {
  const { jobId, error, permanent, code } = failure;
  const message = error instanceof Error ? error.message : String(error);
  const lastAttempt = context.job.attemptsMade + 1 >= (context.job.opts.attempts ?? 1);
  await failure.cleanUp?.();
  if (permanent || lastAttempt) {
    await rm(failure.uploadPath, { force: true });
    await jobs.markFailed(jobId, message, code);
  } else {
    await jobs.markRetrying(jobId, message);
  }
  logger.warn({ jobId, code, permanent }, `${failure.what} failed: ${message}`);
  throw permanent ? new UnrecoverableError(message) : error;
}
