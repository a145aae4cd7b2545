import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotificationDelivery, NotificationKind } from './notification-kind';

/**
 * One thing a person was told, for their in-app list (and, when they chose the daily digest, the
 * next digest mail). Holds ids and the words needed to show it, never the recipient's address.
 */
@Entity({ name: 'notifications' })
@Index('IDX_notifications_recipient', ['recipientId', 'createdAt'])
@Index('IDX_notifications_digest', ['digestDue', 'recipientId'])
@Index('UQ_notifications_dedupe', ['recipientId', 'dedupeKey'], { unique: true })
export class Notification {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'recipient_id', type: 'char', length: 36 })
  recipientId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ type: 'json' })
  params: Record<string, string>;

  /** The same event told once (a licence's expiry, a country's waiting registrations on a day). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120, nullable: true })
  dedupeKey: string | null;

  /** Waiting for the recipient's next daily digest. */
  @Column({ name: 'digest_due', type: 'boolean', default: false })
  digestDue: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;

  /** When it went out by mail, alone or in a digest. */
  @Column({ name: 'mailed_at', type: 'datetime', precision: 3, nullable: true })
  mailedAt: Date | null;
}

/** A person's choice for one kind; a kind without a row has its default (DEFAULT_DELIVERY). */
@Entity({ name: 'notification_preferences' })
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ type: 'enum', enum: NotificationDelivery })
  delivery: NotificationDelivery;
}

export const NOTIFICATIONS_ENTITIES = [Notification, NotificationPreference];
