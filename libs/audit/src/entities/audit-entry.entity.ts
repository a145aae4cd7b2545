import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One privileged action (docs/audit.md), appended in the transaction of the action itself. Rows
 * are never updated or deleted by the application; each holds the hash of the one before, so an
 * edit or a removal breaks the chain that `npm run cli -- audit-check` walks. No personal data:
 * people are named by id only, so an erasure leaves the trail (and its hashes) intact.
 */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_occurred', ['occurredAt'])
@Index('IDX_audit_log_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_log_target', ['targetId', 'occurredAt'])
@Index('IDX_audit_log_action', ['action', 'occurredAt'])
@Index('IDX_audit_log_actor_country', ['actorCountry', 'occurredAt'])
@Index('IDX_audit_log_target_country', ['targetCountry', 'occurredAt'])
export class AuditEntry {
  /** 1, 2, 3… without gaps: the chain's order. */
  @PrimaryColumn({ type: 'bigint', unsigned: true })
  seq: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'char', length: 36, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_country', type: 'char', length: 2, nullable: true })
  actorCountry: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64 })
  targetId: string;

  @Column({ name: 'target_country', type: 'char', length: 2, nullable: true })
  targetCountry: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  /** Facts about the action as JSON with sorted keys (never names or addresses). */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
