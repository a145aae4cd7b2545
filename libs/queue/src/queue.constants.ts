import type { DefaultJobOptions } from 'bullmq';
import { QueueName } from './queue-name.enum';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Retry, backoff and retention per queue. Job history that must outlive these lives in MySQL. */
export const QUEUE_JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  [QueueName.Imports]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 7 * DAY, count: 1000 },
    removeOnFail: { age: 30 * DAY, count: 5000 },
  },
  [QueueName.Translations]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 7 * DAY, count: 1000 },
    removeOnFail: { age: 30 * DAY, count: 5000 },
  },
  [QueueName.Notifications]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: DAY, count: 10_000 },
    removeOnFail: { age: 30 * DAY, count: 10_000 },
  },
  [QueueName.Maintenance]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: DAY, count: 1000 },
    removeOnFail: { age: 7 * DAY, count: 1000 },
  },
};

/** Jobs processed at once per worker process, per queue. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Imports]: 1,
  [QueueName.Translations]: 1,
  [QueueName.Notifications]: 5,
  [QueueName.Maintenance]: 2,
};

/** How long a shutting-down worker waits for its active jobs before leaving them to be retried. */
export const WORKER_SHUTDOWN_GRACE_MS = 25_000;
