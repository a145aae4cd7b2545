import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunityGroup } from './community-group.entity';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export enum GroupRole {
  Owner = 'owner',
  Moderator = 'moderator',
  Member = 'member',
}

export enum MembershipState {
  /** Invited by a moderator; becomes active when the invitee accepts. */
  Invited = 'invited',
  /** Asked to join an open group; becomes active when a moderator approves. */
  Requested = 'requested',
  Active = 'active',
}

/**
 * One person's relation to one group. An invitation of an email that has no account yet has no
 * user id until someone registers with that email and signs in. Removal deletes the row.
 */
@Entity({ name: 'group_memberships' })
@Index('UQ_group_memberships_user', ['groupId', 'userId'], { unique: true })
@Index('UQ_group_memberships_email', ['groupId', 'email'], { unique: true })
@Index('IDX_group_memberships_member', ['userId', 'state'])
@Index('IDX_group_memberships_invited_email', ['email', 'state'])
export class GroupMembership {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_group_memberships_group' })
  group?: CommunityGroup;

  @Column({ name: 'user_id', type: 'char', length: 36, nullable: true })
  userId: string | null;

  /** The invited address while no account holds it (lower-cased); null otherwise. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'enum', enum: GroupRole, default: GroupRole.Member })
  role: GroupRole;

  @Column({ type: 'enum', enum: MembershipState })
  state: MembershipState;

  @Column({ name: 'invited_by', type: 'char', length: 36, nullable: true })
  invitedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
