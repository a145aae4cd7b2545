import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An email domain whose registrations in this country are approved without waiting (recorded as a system decision). */
@Entity({ name: 'auto_approve_domains' })
export class AutoApproveDomain {
  @PrimaryColumn({ type: 'char', length: 2 })
  country: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  @Column({ name: 'added_by', type: 'char', length: 36 })
  addedBy: string;

  @Column({ name: 'added_at', type: 'datetime', precision: 3 })
  addedAt: Date;
}
