import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chain's last entry (one row, id 1). Appending locks it (`SELECT … FOR UPDATE`), so appends
 * are serialised and the chain stays linear; the check compares it with the last row, so removing
 * the newest entries is detected too.
 */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHead {
  @PrimaryColumn({ type: 'tinyint', unsigned: true })
  id: number;

  @Column({ type: 'bigint', unsigned: true })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
