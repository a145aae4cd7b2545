import { QueueName } from './queue-name.enum';

/** Every kind of job. Stored with each job in Redis: never rename one, only add. */
export enum JobName {
  /** Round trip through the queue and the worker; used by operators and tests to prove the pipeline. */
  SystemEcho = 'system.echo',
}

/** The queue each job kind runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemEcho]: QueueName.Maintenance,
};
