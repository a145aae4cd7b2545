import { Injectable } from '@nestjs/common';
import { GroupDigestService } from '@app/groups';
import { JobHandler, JobName, JobResults, SendGroupDigestsPayload } from '@app/queue';

@Injectable()
export class SendGroupDigestsProcessor implements JobHandler<JobName.SendGroupDigests> {
  readonly jobName = JobName.SendGroupDigests;

  constructor(private readonly digests: GroupDigestService) {}

  handle(payload: SendGroupDigestsPayload): Promise<JobResults[JobName.SendGroupDigests]> {
    return this.digests.run(payload.now ? new Date(payload.now) : new Date());
  }
}
