import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupMembership, GroupRole, MembershipState } from '../entities/group-membership.entity';

/** A group as seen by one of its active members, with that member's role. */
export interface GroupAccess {
  group: CommunityGroup;
  role: GroupRole;
}

/** A membership row together with the caller's own active role in the same group. */
export interface MembershipWithCaller {
  membership: GroupMembership;
  group: CommunityGroup;
  callerRole: GroupRole;
}

export interface OpenGroupRow {
  group: CommunityGroup;
  /** The caller's pending request or invitation, if any. */
  myState: MembershipState | null;
  myMembershipId: string | null;
}

export type GroupChanges = Partial<
  Pick<CommunityGroup, 'name' | 'description' | 'kind' | 'language' | 'openForRequests' | 'archivedAt'>
>;

/**
 * Groups and their memberships. Every read that a caller triggers takes the caller's id and joins
 * their active membership in the same statement, so a missing filter cannot show another group.
 */
@Injectable()
export class GroupRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    @InjectRepository(GroupMembership) private readonly memberships: Repository<GroupMembership>,
  ) {}

  /** `alsoInTransaction`: more to write with the group, or not at all (its audit entry). */
  async create(
    group: CommunityGroup,
    owner: GroupMembership,
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(CommunityGroup, group);
      await manager.insert(GroupMembership, owner);
      await alsoInTransaction?.(manager);
    });
  }

  /** The group if `userId` is an active member of it. */
  async findForMember(groupId: string, userId: string, manager?: EntityManager): Promise<GroupAccess | null> {
    const row = await (manager ?? this.dataSource.manager)
      .createQueryBuilder(CommunityGroup, 'g')
      .innerJoin(GroupMembership, 'm', 'm.group_id = g.id AND m.user_id = :userId AND m.state = :active', {
        userId,
        active: MembershipState.Active,
      })
      .addSelect('m.role', 'caller_role')
      .where('g.id = :groupId', { groupId })
      .getRawAndEntities();
    const group = row.entities[0];
    return group ? { group, role: (row.raw[0] as { caller_role: GroupRole }).caller_role } : null;
  }

  /** The groups `userId` is an active member of, most recently active first. */
  async listForMember(userId: string): Promise<GroupAccess[]> {
    const rows = await this.groups
      .createQueryBuilder('g')
      .innerJoin(GroupMembership, 'm', 'm.group_id = g.id AND m.user_id = :userId AND m.state = :active', {
        userId,
        active: MembershipState.Active,
      })
      .addSelect('m.role', 'caller_role')
      .orderBy('g.archived_at IS NULL', 'DESC')
      .addOrderBy('g.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((group, index) => ({
      group,
      role: (rows.raw[index] as { caller_role: GroupRole }).caller_role,
    }));
  }

  /** Groups open for join requests (not archived) that `userId` is not an active member of. */
  async listOpenFor(userId: string): Promise<OpenGroupRow[]> {
    const rows = await this.groups
      .createQueryBuilder('g')
      .leftJoin(GroupMembership, 'm', 'm.group_id = g.id AND m.user_id = :userId', { userId })
      .addSelect('m.state', 'my_state')
      .addSelect('m.id', 'my_membership_id')
      .where('g.open_for_requests = 1 AND g.archived_at IS NULL')
      .andWhere('(m.id IS NULL OR m.state <> :active)', { active: MembershipState.Active })
      .orderBy('g.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((group, index) => {
      const raw = rows.raw[index] as { my_state: MembershipState | null; my_membership_id: string | null };
      return { group, myState: raw.my_state ?? null, myMembershipId: raw.my_membership_id ?? null };
    });
  }

  /** An open, unarchived group that `userId` may ask to join, locked for the transaction. */
  async findOpenForRequest(groupId: string, manager: EntityManager): Promise<CommunityGroup | null> {
    return manager
      .createQueryBuilder(CommunityGroup, 'g')
      .setLock('pessimistic_write')
      .where('g.id = :groupId AND g.open_for_requests = 1 AND g.archived_at IS NULL', { groupId })
      .getOne();
  }

  findMembershipOf(groupId: string, userId: string, manager?: EntityManager): Promise<GroupMembership | null> {
    return (manager?.getRepository(GroupMembership) ?? this.memberships).findOneBy({ groupId, userId });
  }

  findMembershipByEmail(groupId: string, email: string, manager?: EntityManager): Promise<GroupMembership | null> {
    return (manager?.getRepository(GroupMembership) ?? this.memberships).findOneBy({ groupId, email });
  }

  /** Memberships of a group in the given states (the caller's access was checked by the service). */
  membersOf(groupId: string, states: MembershipState[]): Promise<GroupMembership[]> {
    return this.memberships
      .createQueryBuilder('m')
      .where('m.group_id = :groupId AND m.state IN (:...states)', { groupId, states })
      .orderBy("FIELD(m.role, 'owner', 'moderator', 'member')")
      .addOrderBy('m.created_at', 'ASC')
      .getMany();
  }

  /** A membership row of a group in which `callerId` is an active member, with the caller's role. */
  async findMembershipForCaller(membershipId: string, callerId: string): Promise<MembershipWithCaller | null> {
    const membership = await this.memberships
      .createQueryBuilder('target')
      .innerJoin(
        GroupMembership,
        'me',
        'me.group_id = target.group_id AND me.user_id = :callerId AND me.state = :active',
        { callerId, active: MembershipState.Active },
      )
      .where('target.id = :membershipId', { membershipId })
      .getOne();
    const access = membership ? await this.findForMember(membership.groupId, callerId) : null;
    return membership && access ? { membership, group: access.group, callerRole: access.role } : null;
  }

  /** An invitation addressed to `userId`, with its group. */
  async findInvitationOf(
    invitationId: string,
    userId: string,
  ): Promise<{ membership: GroupMembership; group: CommunityGroup } | null> {
    const membership = await this.memberships.findOneBy({
      id: invitationId,
      userId,
      state: MembershipState.Invited,
    });
    if (!membership) {
      return null;
    }
    const group = await this.groups.findOneByOrFail({ id: membership.groupId });
    return { membership, group };
  }

  /** Invitations addressed to `userId`, with their groups. */
  async invitationsOf(userId: string): Promise<Array<{ membership: GroupMembership; group: CommunityGroup }>> {
    const memberships = await this.memberships.find({
      where: { userId, state: MembershipState.Invited },
      order: { createdAt: 'DESC' },
    });
    if (memberships.length === 0) {
      return [];
    }
    const groups = await this.groups
      .createQueryBuilder('g')
      .where('g.id IN (:...ids)', { ids: memberships.map((m) => m.groupId) })
      .getMany();
    const byId = new Map(groups.map((group) => [group.id, group]));
    return memberships.map((membership) => ({ membership, group: byId.get(membership.groupId)! }));
  }

  /**
   * Invitations sent to `email` before its account existed become the account's own (skipping a
   * group the account already has a row in).
   */
  async claimEmailInvitations(userId: string, email: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE group_memberships SET user_id = ?, email = NULL
       WHERE email = ? AND user_id IS NULL AND state = 'invited'
         AND group_id NOT IN (SELECT group_id FROM (SELECT group_id FROM group_memberships WHERE user_id = ?) mine)`,
      [userId, email, userId],
    );
  }

  async insertMembership(membership: GroupMembership, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(GroupMembership, membership);
  }

  /** Moves a membership from one state to another; false when it was no longer in `from`. */
  async transition(
    membershipId: string,
    from: MembershipState,
    changes: Partial<Pick<GroupMembership, 'state' | 'role'>>,
  ): Promise<boolean> {
    const result = await this.memberships.update({ id: membershipId, state: from }, changes);
    return (result.affected ?? 0) === 1;
  }

  async setRole(membershipId: string, role: GroupRole): Promise<void> {
    await this.memberships.update({ id: membershipId }, { role });
  }

  async deleteMembership(membershipId: string): Promise<boolean> {
    const result = await this.memberships.delete({ id: membershipId });
    return (result.affected ?? 0) === 1;
  }

  /** Hands the owner role to another active member; the previous owner stays as a moderator. */
  async transferOwnership(groupId: string, fromUserId: string, toUserId: string): Promise<boolean> {
    return this.dataSource
      .transaction(async (manager) => {
        const target = await manager
          .createQueryBuilder(GroupMembership, 'm')
          .setLock('pessimistic_write')
          .where('m.group_id = :groupId AND m.user_id = :toUserId AND m.state = :active', {
            groupId,
            toUserId,
            active: MembershipState.Active,
          })
          .getOne();
        const demoted = await manager.update(
          GroupMembership,
          { groupId, userId: fromUserId, role: GroupRole.Owner, state: MembershipState.Active },
          { role: GroupRole.Moderator },
        );
        if (!target || (demoted.affected ?? 0) !== 1) {
          throw new TransferAborted();
        }
        await manager.update(GroupMembership, { id: target.id }, { role: GroupRole.Owner });
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof TransferAborted) {
          return false;
        }
        throw error;
      });
  }

  async update(groupId: string, changes: GroupChanges): Promise<void> {
    await this.groups.update({ id: groupId }, changes);
  }

  async runInTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

class TransferAborted extends Error {}
