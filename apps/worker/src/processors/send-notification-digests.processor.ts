import { Injectable } from '@nestjs/common';
import { AccountsService, UserStatus } from '@app/accounts';
import { NotificationCenter } from '@app/notifications';
import { JobHandler, JobName, JobResults, SendNotificationDigestsPayload } from '@app/queue';

/** Daily: one mail per person with the notifications they chose to receive as a digest. */
@Injectable()
export class SendNotificationDigestsProcessor implements JobHandler<JobName.SendNotificationDigests> {
  readonly jobName = JobName.SendNotificationDigests;

  constructor(
    private readonly center: NotificationCenter,
    private readonly accounts: AccountsService,
  ) {}

  async handle(payload: SendNotificationDigestsPayload): Promise<JobResults[JobName.SendNotificationDigests]> {
    const day = (payload.now ? new Date(payload.now) : new Date()).toISOString().slice(0, 10);
    const ids = await this.center.digestRecipientIds();
    const people = new Map((await this.accounts.usersByIds(ids)).map((user) => [user.id, user]));
    let recipients = 0;
    let notifications = 0;
    for (const id of ids) {
      const user = people.get(id);
      const recipient =
        user?.status === UserStatus.Active
          ? { id, email: user.email, displayName: user.displayName, language: user.preferredLanguage }
          : null;
      const mailed = await this.center.sendDigest(id, recipient, day);
      recipients += mailed > 0 ? 1 : 0;
      notifications += mailed;
    }
    return { recipients, notifications };
  }
}
