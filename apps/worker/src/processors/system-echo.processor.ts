import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobResults, SystemEchoPayload } from '@app/queue';
import { SystemEchoService } from '@app/system';

@Injectable()
export class SystemEchoProcessor implements JobHandler<JobName.SystemEcho> {
  readonly jobName = JobName.SystemEcho;

  constructor(private readonly echo: SystemEchoService) {}

  handle(payload: SystemEchoPayload, context: JobContext): Promise<JobResults[JobName.SystemEcho]> {
    return this.echo.run(payload, context);
  }
}
