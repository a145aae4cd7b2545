import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Job, JobsOptions, Queue } from 'bullmq';
import { Redis, RedisOptions } from 'ioredis';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/redis';
import { JOB_QUEUE, JobName } from './job-name.enum';
import { JobPayloads } from './job-payloads';
import { parseJobPayload } from './payload-validation';
import { QUEUE_JOB_OPTIONS } from './queue.constants';
import { QueueName } from './queue-name.enum';

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

/** An enqueue that Redis has not answered by then fails (a half-open connection must not hang a request). */
const ENQUEUE_TIMEOUT_MS = 3_000;

export interface JobSnapshot {
  id: string;
  name: string;
  queue: QueueName;
  state: JobState;
  progress: number;
  attemptsMade: number;
  result: unknown;
  error: string | null;
}

/** Options a producer may set; retries and retention come from the queue's named constants. */
export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id while the first is kept is a no-op. */
  jobId?: string;
  delayMs?: number;
}

/**
 * Producer side of the queues: typed, validated enqueueing and job inspection. Closed after the
 * worker host (which closes its workers in `beforeApplicationShutdown`), so an active job can
 * still enqueue follow-up work while it finishes.
 */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(private readonly config: AppConfig) {}

  /** Connection options for BullMQ: commands wait for Redis instead of failing (BullMQ requires it). */
  connectionOptions(): RedisOptions {
    return { ...redisOptionsFromUrl(this.config.redisUrl), maxRetriesPerRequest: null, enableReadyCheck: true };
  }

  get prefix(): string {
    return this.config.redisPrefix;
  }

  /** How long a worker's lock on a job lasts without renewal (JOB_LOCK_SECONDS). */
  get jobLockMs(): number {
    return this.config.jobLockMs;
  }

  /**
   * Calls `listener` whenever the producers' connection becomes ready: at the first connection and
   * after every reconnection (Redis restarted, perhaps empty: what lives only in Redis, such as job
   * schedulers, must then be declared again). Returns a function that stops the calls.
   */
  onConnectionReady(listener: () => void): () => void {
    const connection = this.producerConnection();
    connection.on('ready', listener);
    return () => connection.off('ready', listener);
  }

  private producerConnection(): Redis {
    if (!this.connection) {
      // The producers' connection fails fast while Redis is away (no offline queue, one retry), so
      // an enqueue answers 503 at once instead of waiting for Redis to come back.
      this.connection = new Redis({
        ...redisOptionsFromUrl(this.config.redisUrl),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        enableReadyCheck: true,
      });
      this.connection.on('error', (error) => this.logger.warn(`Redis (queues): ${error.message}`));
    }
    return this.connection;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.producerConnection(),
        prefix: this.prefix,
        defaultJobOptions: QUEUE_JOB_OPTIONS[name],
      });
      queue.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const data = parseJobPayload(name, payload);
    // Random ids unless the caller needs a deterministic one: ids are not guessable from one another.
    const jobOptions: JobsOptions = { jobId: options.jobId ?? randomUUID() };
    if (options.delayMs) {
      jobOptions.delay = options.delayMs;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const job = await Promise.race([
        this.queue(JOB_QUEUE[name]).add(name, { ...data }, jobOptions),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer from Redis in ${ENQUEUE_TIMEOUT_MS} ms`)),
            ENQUEUE_TIMEOUT_MS,
          );
        }),
      ]);
      return job.id!;
    } catch (error) {
      this.logger.warn(`Could not queue ${name}: ${(error as Error).message}`);
      throw DomainException.unavailable(
        'The job queue is not available right now: nothing was queued, try again in a moment',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Queues many jobs of one name in one round trip per `chunk` (BullMQ `addBulk`), each payload
   * validated first. Each job needs its deterministic id: a repeat queues nothing twice.
   */
  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: ReadonlyArray<{ payload: JobPayloads[N]; jobId: string }>,
    chunk = 500,
  ): Promise<void> {
    const checked = jobs.map(({ payload, jobId }) => ({
      name,
      data: { ...parseJobPayload(name, payload) },
      opts: { jobId },
    }));
    try {
      for (let start = 0; start < checked.length; start += chunk) {
        await this.queue(JOB_QUEUE[name]).addBulk(checked.slice(start, start + chunk));
      }
    } catch (error) {
      this.logger.warn(`Could not queue ${name} (bulk): ${(error as Error).message}`);
      throw DomainException.unavailable(
        'The job queue is not available right now: nothing was queued, try again in a moment',
      );
    }
  }

  /** Whether Redis still holds the job (in any state). */
  async isKnown(name: JobName, id: string): Promise<boolean> {
    return (await this.queue(JOB_QUEUE[name]).getJobState(id)) !== 'unknown';
  }

  /** The job as clients see it, or null when it is unknown (never existed, or past retention). */
  async inspect(name: JobName, id: string): Promise<JobSnapshot | null> {
    const queueName = JOB_QUEUE[name];
    const queue = this.queue(queueName);
    // State first: a job read before its state could look completed without its result yet.
    const state = await queue.getJobState(id);
    const job = await Job.fromId(queue, id);
    if (!job || job.name !== (name as string)) {
      return null;
    }
    return {
      id: job.id!,
      name: job.name,
      queue: queueName,
      state: toState(state),
      progress: typeof job.progress === 'number' ? job.progress : 0,
      attemptsMade: job.attemptsMade,
      result: job.returnvalue ?? null,
      error: job.failedReason || null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}

function toState(state: string): JobState {
  switch (state) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'active':
      return 'active';
    default:
      // waiting, delayed, prioritized, waiting-children, unknown: not started yet
      return 'waiting';
  }
}
