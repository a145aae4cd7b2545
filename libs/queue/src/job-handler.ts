import type { Job } from 'bullmq';
import { JobName } from './job-name.enum';
import { JobPayloads, JobResults } from './job-payloads';

/** What a handler may do to its running job besides returning a result. */
export interface JobContext {
  job: Job;
  /** 0–100. */
  reportProgress(percent: number): Promise<void>;
  /** Aborted when the worker is shutting down and the grace period has run out. */
  signal: AbortSignal;
}

/** A processor of one job name. Processors live in apps/worker and call library services. */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(payload: JobPayloads[N], context: JobContext): Promise<JobResults[N]>;
}

/** Injection token of the array of every handler the worker runs. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
