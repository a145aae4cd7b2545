import { Injectable } from '@nestjs/common';
import { PendingReminderService } from '@app/accounts';
import { JobHandler, JobName, JobResults, RemindPendingRegistrationsPayload } from '@app/queue';

@Injectable()
export class RemindPendingRegistrationsProcessor implements JobHandler<JobName.RemindPendingRegistrations> {
  readonly jobName = JobName.RemindPendingRegistrations;

  constructor(private readonly reminders: PendingReminderService) {}

  handle(payload: RemindPendingRegistrationsPayload): Promise<JobResults[JobName.RemindPendingRegistrations]> {
    return this.reminders.run(payload.now ? new Date(payload.now) : new Date());
  }
}
