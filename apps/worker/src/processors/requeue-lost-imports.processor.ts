import { Injectable } from '@nestjs/common';
import { ImportsService } from '@app/imports';
import { JobHandler, JobName, JobResults, RequeueLostImportsPayload } from '@app/queue';

/** Rows younger than this may still be on their way into the queue. */
const DEFAULT_GRACE_SECONDS = 60;

@Injectable()
export class RequeueLostImportsProcessor implements JobHandler<JobName.RequeueLostImports> {
  readonly jobName = JobName.RequeueLostImports;

  constructor(private readonly imports: ImportsService) {}

  async handle(payload: RequeueLostImportsPayload): Promise<JobResults[JobName.RequeueLostImports]> {
    return { requeued: await this.imports.requeueLost(payload.olderThanSeconds ?? DEFAULT_GRACE_SECONDS) };
  }
}
