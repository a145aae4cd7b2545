import { Injectable, Logger } from '@nestjs/common';
import { AccountsService, UserStatus } from '@app/accounts';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationsService } from '@app/notifications';
import { MembershipState } from '../entities/group-membership.entity';
import { GroupRepository } from '../repositories/group.repository';

/** At most this many people are told of one post. */
const MAX_MENTIONS = 20;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Display names of `candidates` written as `@Name` in `text` (case-insensitive, whole name). */
export function mentionedIn<T extends { displayName: string }>(text: string, candidates: T[]): T[] {
  return candidates.filter(
    (candidate) =>
      candidate.displayName.trim() !== '' &&
      new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(candidate.displayName.trim())}(?![\\p{L}\\p{N}_])`, 'iu').test(
        text,
      ),
  );
}

/** Mails the active members of a group named as `@Display Name` in a new post. */
@Injectable()
export class MentionNotifier {
  private readonly logger = new Logger(MentionNotifier.name);

  constructor(
    private readonly groups: GroupRepository,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Called after the post is committed; a failure to queue is logged, never the post's failure. */
  async notify(
    post: { id: string; body: string; authorId: string },
    thread: { id: string; title: string },
    group: { id: string; name: string },
  ): Promise<number> {
    try {
      if (!post.body.includes('@')) {
        return 0;
      }
      const members = await this.groups.membersOf(group.id, [MembershipState.Active]);
      const users = (
        await this.accounts.usersByIds(members.map((m) => m.userId).filter((id): id is string => id !== null))
      ).filter((user) => user.status === UserStatus.Active && user.id !== post.authorId);
      const author = (await this.accounts.usersByIds([post.authorId]))[0];
      const link = new URL(`/threads/${thread.id}`, this.config.publicUrl).toString();
      const mentioned = mentionedIn(post.body, users).slice(0, MAX_MENTIONS);
      for (const user of mentioned) {
        await this.notifications.sendEmail(
          {
            to: user.email,
            template: MailTemplate.GroupMention,
            language: user.preferredLanguage,
            params: {
              displayName: user.displayName,
              authorName: author?.displayName ?? '',
              groupName: group.name,
              threadTitle: thread.title,
              link,
            },
          },
          { jobId: `group-mention-${post.id}-${user.id}` },
        );
      }
      return mentioned.length;
    } catch (error) {
      this.logger.error({ err: error, postId: post.id }, 'Mention mails were not queued');
      return 0;
    }
  }
}
