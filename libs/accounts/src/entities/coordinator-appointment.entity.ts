import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How the Secretariat makes a national coordinator officially known. An appointment is active from
 * `startsAt` until `endsAt` (open-ended while null). Rows are never deleted: ending one keeps the
 * history, and a handover is one ended appointment and one new.
 */
@Entity({ name: 'coordinator_appointments' })
@Index('IDX_coordinator_appointments_user', ['userId', 'endsAt'])
@Index('IDX_coordinator_appointments_country', ['country', 'endsAt'])
export class CoordinatorAppointment {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ name: 'appointed_by', type: 'char', length: 36 })
  appointedBy: string;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'ended_by', type: 'char', length: 36, nullable: true })
  endedBy: string | null;
}
