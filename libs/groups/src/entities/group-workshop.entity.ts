import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunityGroup } from './community-group.entity';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

/** A scheduled session of a group: stored in UTC with the IANA time zone it was planned in. */
@Entity({ name: 'group_workshops' })
@Index('IDX_group_workshops_group', ['groupId', 'startsAt'])
export class GroupWorkshop {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_group_workshops_group' })
  group?: CommunityGroup;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  /** IANA zone, e.g. Africa/Nairobi: the times are shown in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'meeting_url', type: 'varchar', length: 2000, default: '' })
  meetingUrl: string;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
