import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum DecisionOutcome {
  Approved = 'approved',
  Rejected = 'rejected',
}

/** One approval or rejection of a registration. Append-only: never updated, never deleted. */
@Entity({ name: 'registration_decisions' })
@Index('IDX_registration_decisions_country', ['country', 'decidedAt'])
@Index('IDX_registration_decisions_user', ['userId'])
export class RegistrationDecision {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  /** The registration's country when decided. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: DecisionOutcome })
  outcome: DecisionOutcome;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  /** The coordinator or admin; null when the system decided (email domain on the allow-list). */
  @Column({ name: 'decided_by', type: 'char', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3 })
  decidedAt: Date;
}
