import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Rtc } from './rtc.entity';
import { User } from './user.entity';

/**
 * A person's appointment as staff of one RTC, kept like a coordinator appointment: active from
 * `startsAt` until `endsAt`, never deleted. While any is active the person holds the `rtc_staff` role.
 */
@Entity({ name: 'rtc_staff_appointments' })
@Index('IDX_rtc_staff_appointments_user', ['userId', 'endsAt'])
@Index('IDX_rtc_staff_appointments_rtc', ['rtcId', 'endsAt'])
export class RtcStaffAppointment {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'rtc_id', type: 'char', length: 36 })
  rtcId: string;

  @ManyToOne(() => Rtc, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'rtc_id', foreignKeyConstraintName: 'FK_rtc_staff_appointments_rtc' })
  rtc?: Rtc;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_rtc_staff_appointments_user' })
  user?: User;

  @Column({ name: 'appointed_by', type: 'char', length: 36 })
  appointedBy: string;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'ended_by', type: 'char', length: 36, nullable: true })
  endedBy: string | null;
}
