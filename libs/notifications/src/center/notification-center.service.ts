import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { NotificationsService } from '../notifications.service';
import { MailTemplate } from '../templates/mail-template.enum';
import type { MailLanguage } from '../templates/mail-templates';
import { Notification, NotificationPreference } from './notification.entity';
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from './notification-kind';
import { NotificationRepository } from './notification.repository';
import { describeNotification } from './notification-text';

/** Who is told: an account (id set: in-app list, preferences) or a plain address (id null: mail only). */
export interface NotificationRecipient {
  id: string | null;
  email: string;
  displayName: string;
  language: MailLanguage;
}

/**
 * Notifications people expect (docs/notifications.md). Producers call {@link notify} after the
 * event has committed; the person's preference for the kind decides: a mail now, the daily
 * digest, or nothing. A notification never fails its producer: a problem is logged.
 * Security mails (verification, reset) do not come through here: they always go.
 */
@Injectable()
export class NotificationCenter {
  private readonly logger = new Logger(NotificationCenter.name);

  constructor(
    private readonly repository: NotificationRepository,
    private readonly mail: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async notify(
    recipients: NotificationRecipient | readonly NotificationRecipient[],
    kind: NotificationKind,
    params: Record<string, string>,
    options: { dedupeKey?: string } = {},
  ): Promise<void> {
    for (const recipient of Array.isArray(recipients) ? recipients : [recipients]) {
      try {
        await this.notifyOne(recipient as NotificationRecipient, kind, params, options.dedupeKey ?? null);
      } catch (error) {
        this.logger.warn(
          { kind, recipientId: (recipient as NotificationRecipient).id },
          `Notification not sent: ${(error as Error).message}`,
        );
      }
    }
  }

  private async notifyOne(
    recipient: NotificationRecipient,
    kind: NotificationKind,
    params: Record<string, string>,
    dedupeKey: string | null,
  ): Promise<void> {
    if (recipient.id === null) {
      await this.mailNow(recipient, kind, params);
      return;
    }
    const delivery = (await this.repository.deliveryOf(recipient.id, kind)) ?? DEFAULT_DELIVERY[kind];
    if (delivery === NotificationDelivery.Off) {
      return;
    }
    const row = Object.assign(new Notification(), {
      id: randomUUID(),
      recipientId: recipient.id,
      kind,
      params,
      dedupeKey,
      digestDue: delivery === NotificationDelivery.Digest,
      createdAt: new Date(),
      readAt: null,
      mailedAt: null,
    });
    if (!(await this.repository.insertOnce(row))) {
      return;
    }
    if (delivery === NotificationDelivery.Immediate) {
      await this.mailNow(recipient, kind, params, row.id);
      await this.repository.markMailed([row.id], new Date());
    }
  }

  private async mailNow(
    recipient: NotificationRecipient,
    kind: NotificationKind,
    params: Record<string, string>,
    rowId?: string,
  ): Promise<void> {
    const text = describeNotification(kind, params, recipient.language);
    await this.mail.sendEmail(
      {
        to: recipient.email,
        template: MailTemplate.Notification,
        language: recipient.language,
        params: { displayName: recipient.displayName, title: text.title, text: text.line, link: this.link() },
      },
      rowId ? { jobId: `notification-${rowId}` } : {},
    );
  }

  private link(): string {
    return new URL('/notifications', this.config.publicUrl).toString();
  }

  list(userId: string, page: number, pageSize: number) {
    return this.repository.page(userId, page, pageSize);
  }

  async markRead(userId: string, ids: string[] | null): Promise<number> {
    await this.repository.markRead(userId, ids, new Date());
    return this.repository.unreadCount(userId);
  }

  async preferences(userId: string): Promise<Array<{ kind: NotificationKind; delivery: NotificationDelivery }>> {
    const chosen = new Map((await this.repository.preferencesOf(userId)).map((row) => [row.kind, row.delivery]));
    return NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY[kind] }));
  }

  async setPreferences(
    userId: string,
    choices: ReadonlyArray<{ kind: NotificationKind; delivery: NotificationDelivery }>,
  ): Promise<Array<{ kind: NotificationKind; delivery: NotificationDelivery }>> {
    await this.repository.savePreferences(
      choices.map((choice) => Object.assign(new NotificationPreference(), { userId, ...choice })),
    );
    return this.preferences(userId);
  }

  /** Accounts with notifications waiting for their daily digest. */
  digestRecipientIds(): Promise<string[]> {
    return this.repository.digestRecipientIds();
  }

  /**
   * Mails one person the notifications waiting for their digest, in one mail (or, for an account
   * that can no longer receive mail, `recipient` null, drops them from the digest). Returns the
   * number of notifications mailed.
   */
  async sendDigest(recipientId: string, recipient: NotificationRecipient | null, day: string): Promise<number> {
    const due = await this.repository.dueForDigest(recipientId);
    if (!recipient || due.length === 0) {
      await this.repository.clearDigest(recipientId);
      return 0;
    }
    const lines = due.map((row) => `• ${describeNotification(row.kind, row.params, recipient.language).line}`);
    await this.mail.sendEmail(
      {
        to: recipient.email,
        template: MailTemplate.NotificationDigest,
        language: recipient.language,
        params: {
          displayName: recipient.displayName,
          count: String(due.length),
          summary: lines.join('\n'),
          link: this.link(),
        },
      },
      { jobId: `notification-digest-${recipientId}-${day}-${due[0].id}` },
    );
    await this.repository.markMailed(
      due.map((row) => row.id),
      new Date(),
    );
    return due.length;
  }
}
