import { Injectable, Logger } from '@nestjs/common';
import { AccountsService, UserStatus } from '@app/accounts';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationsService } from '@app/notifications';
import { DigestRow, ThreadRepository } from '../repositories/thread.repository';

const DAY_MS = 24 * 3600 * 1000;
/** Lines of a digest; the rest is counted in the total and found on the site. */
const MAX_LINES = 30;

/** The daily mail of what was posted in a member's groups by others over the last day. */
@Injectable()
export class GroupDigestService {
  private readonly logger = new Logger(GroupDigestService.name);

  constructor(
    private readonly threads: ThreadRepository,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** One mail per member with news; the job id holds the day, so a rerun of the same day sends nothing twice. */
  async run(now: Date): Promise<{ users: number; mails: number }> {
    const rows = await this.threads.activityBetween(new Date(now.getTime() - DAY_MS), now);
    const byUser = new Map<string, DigestRow[]>();
    for (const row of rows) {
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    }
    const users = await this.accounts.usersByIds([...byUser.keys()]);
    const link = new URL('/groups', this.config.publicUrl).toString();
    const day = now.toISOString().slice(0, 10);
    let mails = 0;
    for (const user of users.filter((u) => u.status === UserStatus.Active)) {
      const lines = byUser.get(user.id) ?? [];
      const count = lines.reduce((sum, row) => sum + Number(row.posts), 0);
      const summary = lines
        .slice(0, MAX_LINES)
        .map((row) => `• ${row.groupName} — ${row.threadTitle} (${Number(row.posts)})`)
        .join('\n');
      await this.notifications.sendEmail(
        {
          to: user.email,
          template: MailTemplate.GroupDigest,
          language: user.preferredLanguage,
          params: { displayName: user.displayName, count: String(count), summary, link },
        },
        { jobId: `group-digest-${user.id}-${day}` },
      );
      mails++;
    }
    this.logger.log(`Group digests: ${mails} mails for ${byUser.size} members with news`);
    return { users: byUser.size, mails };
  }
}
