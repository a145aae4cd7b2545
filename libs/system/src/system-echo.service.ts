import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditAction, AuditService } from '@app/audit';
import { JobContext, JobName, JobResults, QueueService, SystemEchoPayload } from '@app/queue';

const STEPS = 10;

/** The pipeline's round trip: the api enqueues, the worker answers with what it was sent. */
@Injectable()
export class SystemEchoService {
  constructor(
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  async enqueue(payload: SystemEchoPayload): Promise<string> {
    const jobId = await this.queues.enqueue(JobName.SystemEcho, payload);
    await this.audit.record(null, { action: AuditAction.SystemEchoJob, targetType: 'job', targetId: jobId });
    return jobId;
  }

  inspect(jobId: string): ReturnType<QueueService['inspect']> {
    return this.queues.inspect(JobName.SystemEcho, jobId);
  }

  async run(payload: SystemEchoPayload, context: JobContext): Promise<JobResults[JobName.SystemEcho]> {
    for (let step = 1; step <= STEPS; step++) {
      await sleep(payload.delayMs / STEPS, undefined, { signal: context.signal });
      await context.reportProgress((step * 100) / STEPS);
    }
    return { echo: payload.message, workerPid: process.pid, finishedAt: new Date().toISOString() };
  }
}
