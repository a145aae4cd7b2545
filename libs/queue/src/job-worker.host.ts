import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ConnectionOptions, Job, UnrecoverableError, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { JOB_HANDLERS, JobHandler } from './job-handler';
import { JOB_QUEUE, JobName } from './job-name.enum';
import { InvalidJobPayloadError, parseJobPayload } from './payload-validation';
import { QUEUE_CONCURRENCY, WORKER_SHUTDOWN_GRACE_MS } from './queue.constants';
import { QueueName } from './queue-name.enum';
import { QueueService } from './queue.service';

export class MissingJobHandlersError extends Error {
  constructor(readonly missing: JobName[]) {
    super(`No handler for job name(s): ${missing.join(', ')}. The worker refuses to start.`);
    this.name = 'MissingJobHandlersError';
  }
}

/**
 * Consumer side of the queues: one BullMQ worker per queue, dispatching each job by name to its
 * handler after validating the payload. Workers close before the queues on shutdown
 * (`beforeApplicationShutdown` runs before QueueService's `onApplicationShutdown`).
 */
@Injectable()
export class JobWorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkerHost.name);
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    private readonly queues: QueueService,
  ) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.jobName)) {
        throw new Error(`Two handlers for job name ${handler.jobName}`);
      }
      this.handlers.set(handler.jobName, handler);
    }
  }

  /** Throws {@link MissingJobHandlersError} unless every job name has a handler. */
  assertComplete(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) {
      throw new MissingJobHandlersError(missing);
    }
  }

  /** Starts one worker per queue. */
  async start(queueNames: QueueName[] = Object.values(QueueName)): Promise<void> {
    this.assertComplete();
    const connection = this.queues.connectionOptions();
    for (const queueName of queueNames) {
      const worker = new Worker(queueName, (job) => this.process(job), {
        // ioredis options; bullmq's structural type differs only in index signatures
        connection: connection as ConnectionOptions,
        prefix: this.queues.prefix,
        concurrency: QUEUE_CONCURRENCY[queueName],
        // A crashed worker's job is taken back once its lock lapses; the check runs as often.
        lockDuration: this.queues.jobLockMs,
        stalledInterval: this.queues.jobLockMs,
        // Jobs record which worker process ran them (BullMQ's processedBy).
        name: `${hostname()}:${process.pid}`,
        autorun: false,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ jobId: job?.id, jobName: job?.name, queue: queueName }, `Job failed: ${error.message}`),
      );
      worker.on('error', (error) => this.logger.error(`Worker ${queueName}: ${error.message}`));
      this.workers.push(worker);
      void worker.run();
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log(`Processing queues: ${queueNames.join(', ')}`);
  }

  private async process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = this.handlers.get(name);
    if (!handler || JOB_QUEUE[name] !== (job.queueName as QueueName)) {
      throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
    let payload;
    try {
      payload = parseJobPayload(name, job.data);
    } catch (error) {
      if (error instanceof InvalidJobPayloadError) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    try {
      return await handler.handle(payload, {
        job,
        signal: this.shutdown.signal,
        reportProgress: (percent) => this.reportProgress(job, percent),
      });
    } catch (error) {
      // An error that says retrying cannot help (e.g. a refused package) fails the job at once.
      if (isPermanent(error) && !(error instanceof UnrecoverableError)) {
        throw Object.assign(new UnrecoverableError((error as Error).message), { cause: error });
      }
      throw error;
    }
  }

  /**
   * Progress is advisory and never fails the job or the process: Redis may be away, or restarted
   * empty so that the job's keys are gone (BullMQ: "Missing key for job … updateProgress"). Such a
   * job is lost to Redis; its work goes on, and an import's MySQL row is what the lost-import sweep
   * queues again if it does not finish (docs/operations.md, "Redis restarts").
   */
  private async reportProgress(job: Job, percent: number): Promise<void> {
    try {
      await job.updateProgress(Math.max(0, Math.min(100, Math.round(percent))));
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (isMissingJobKey(message)) {
        this.logger.warn(
          { jobId: job.id, jobName: job.name },
          'Job lost by Redis (its keys are gone): left to the sweep',
        );
      } else {
        this.logger.warn({ jobId: job.id, jobName: job.name }, `Progress not recorded: ${message}`);
      }
    }
  }

  /** Lets active jobs finish within the grace period; past it they are left to be retried elsewhere. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.workers.length === 0) {
      return;
    }
    this.logger.log('Stopping workers: waiting for active jobs');
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(this.workers.map((worker) => worker.close())).then(() => true);
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), WORKER_SHUTDOWN_GRACE_MS);
    });
    const finished = await Promise.race([graceful, expired]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn('Grace period over: active jobs will be retried after their lock expires');
      this.shutdown.abort();
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    } else {
      this.logger.log('Workers stopped: every active job finished');
    }
    this.workers.length = 0;
  }
}

/** BullMQ's error for a job whose Redis keys no longer exist (Redis restarted empty, or a flush). */
export function isMissingJobKey(message: string): boolean {
  return /Missing (key|lock) for job/.test(message);
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
