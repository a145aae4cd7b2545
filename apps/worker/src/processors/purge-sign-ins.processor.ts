import { Injectable } from '@nestjs/common';
import { SignInLogService } from '@app/accounts';
import { JobHandler, JobName, JobResults, PurgeSignInsPayload } from '@app/queue';

@Injectable()
export class PurgeSignInsProcessor implements JobHandler<JobName.PurgeSignIns> {
  readonly jobName = JobName.PurgeSignIns;

  constructor(private readonly signIns: SignInLogService) {}

  async handle(payload: PurgeSignInsPayload): Promise<JobResults[JobName.PurgeSignIns]> {
    return { removed: await this.signIns.purge(payload.now ? new Date(payload.now) : new Date()) };
  }
}
