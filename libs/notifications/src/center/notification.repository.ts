import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { Notification, NotificationPreference } from './notification.entity';
import { NotificationDelivery, NotificationKind } from './notification-kind';

@Injectable()
export class NotificationRepository {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>,
  ) {}

  /** Inserts the row; false when the same event (recipient and dedupe key) was recorded already. */
  async insertOnce(notification: Notification): Promise<boolean> {
    const result = await this.notifications
      .createQueryBuilder()
      .insert()
      .values(notification)
      .orIgnore()
      .updateEntity(false)
      .execute();
    return (result.raw as { affectedRows?: number }).affectedRows === 1;
  }

  async markMailed(ids: string[], at: Date): Promise<void> {
    if (ids.length > 0) {
      await this.notifications.update({ id: In(ids) }, { mailedAt: at, digestDue: false });
    }
  }

  /** A recipient's notifications, newest first, with how many are unread. */
  async page(
    recipientId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: Notification[]; total: number; unread: number }> {
    const [[items, total], unread] = await Promise.all([
      this.notifications.findAndCount({
        where: { recipientId },
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.unreadCount(recipientId),
    ]);
    return { items, total, unread };
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.notifications.countBy({ recipientId, readAt: IsNull() });
  }

  /** Marks the recipient's own notifications read (`ids`, or all when null); others' ids change nothing. */
  async markRead(recipientId: string, ids: string[] | null, at: Date): Promise<void> {
    if (ids !== null && ids.length === 0) {
      return;
    }
    await this.notifications.update(
      ids === null ? { recipientId, readAt: IsNull() } : { recipientId, id: In(ids), readAt: IsNull() },
      { readAt: at },
    );
  }

  /** Recipients with notifications waiting for their digest. */
  async digestRecipientIds(): Promise<string[]> {
    const rows = await this.notifications
      .createQueryBuilder('n')
      .select('DISTINCT n.recipient_id', 'id')
      .where('n.digest_due = 1')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  dueForDigest(recipientId: string): Promise<Notification[]> {
    return this.notifications.find({
      where: { recipientId, digestDue: true },
      order: { createdAt: 'ASC' },
      take: 200,
    });
  }

  async clearDigest(recipientId: string): Promise<void> {
    await this.notifications.update({ recipientId, digestDue: true }, { digestDue: false });
  }

  preferencesOf(userId: string): Promise<NotificationPreference[]> {
    return this.preferences.findBy({ userId });
  }

  async deliveryOf(userId: string, kind: NotificationKind): Promise<NotificationDelivery | null> {
    return (await this.preferences.findOneBy({ userId, kind }))?.delivery ?? null;
  }

  async savePreferences(rows: NotificationPreference[]): Promise<void> {
    if (rows.length > 0) {
      await this.preferences.upsert(rows, ['userId', 'kind']);
    }
  }
}
