import { AuditAction, AuditService } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotificationCenter, NotificationKind } from '@app/notifications';
import { AccountsService, UserStatus } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  CreatedDto,
  CreateGroupDto,
  GroupView,
  InvitationView,
  InviteDto,
  MemberView,
  OpenGroupView,
  UpdateGroupDto,
} from '../dto/group.dto';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupMembership, GroupRole, MembershipState } from '../entities/group-membership.entity';
import { GroupAccess, GroupChanges, GroupRepository } from '../repositories/group.repository';
import { atLeast, GroupCaller, groupNotFound, requireRole, requireWritable } from './group-policy';

/** Each group's file library may hold this much (every version counts). */
export const DEFAULT_GROUP_QUOTA_BYTES = 2 * 1024 ** 3;

function isDuplicate(error: unknown): boolean {
  return (error as { code?: string }).code === 'ER_DUP_ENTRY';
}

/** Groups and memberships: creation, invitations, join requests, roles, leaving, archiving. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationCenter,
    private readonly audit: AuditService,
  ) {}

  /** The group as seen by an active member; 404 for everyone else. */
  async access(caller: GroupCaller, groupId: string): Promise<GroupAccess> {
    const access = await this.groups.findForMember(groupId, caller.id);
    if (!access) {
      throw groupNotFound();
    }
    return access;
  }

  async create(caller: GroupCaller, body: CreateGroupDto): Promise<CreatedDto> {
    const group = Object.assign(new CommunityGroup(), {
      id: randomUUID(),
      name: body.name,
      kind: body.kind,
      description: body.description ?? '',
      language: body.language ?? 'en',
      openForRequests: body.openForRequests ?? false,
      archivedAt: null,
      quotaBytes: String(DEFAULT_GROUP_QUOTA_BYTES),
      usedBytes: '0',
      createdBy: caller.id,
    });
    const owner = this.newMembership(group.id, {
      userId: caller.id,
      role: GroupRole.Owner,
      state: MembershipState.Active,
    });
    await this.groups.create(group, owner, (manager) =>
      this.audit.record(manager, { action: AuditAction.GroupCreate, targetType: 'group', targetId: group.id }),
    );
    return { id: group.id };
  }

  async listMine(caller: GroupCaller): Promise<GroupView[]> {
    await this.groups.claimEmailInvitations(caller.id, caller.email);
    return (await this.groups.listForMember(caller.id)).map((access) => this.view(access));
  }

  /** The groups a person is an active member of, for the Secretariat's person page (docs/people.md). */
  async membershipsOf(userId: string): Promise<Array<{ id: string; name: string; role: string; archived: boolean }>> {
    return (await this.groups.listForMember(userId)).map(({ group, role }) => ({
      id: group.id,
      name: group.name,
      role,
      archived: group.archivedAt !== null,
    }));
  }

  async listOpen(caller: GroupCaller): Promise<OpenGroupView[]> {
    return (await this.groups.listOpenFor(caller.id)).map(({ group, myState, myMembershipId }) => ({
      id: group.id,
      name: group.name,
      kind: group.kind,
      description: group.description,
      language: group.language,
      myState,
      myMembershipId,
    }));
  }

  async get(caller: GroupCaller, groupId: string): Promise<GroupView> {
    return this.view(await this.access(caller, groupId));
  }

  /** Moderators edit the group; only the owner archives or unarchives it, and nothing else changes while archived. */
  async update(caller: GroupCaller, groupId: string, body: UpdateGroupDto): Promise<GroupView> {
    const access = await this.access(caller, groupId);
    requireRole(access.role, GroupRole.Moderator);
    const { archived, ...fields } = body;
    if (archived !== undefined) {
      requireRole(access.role, GroupRole.Owner);
    }
    const unarchiving = archived === false && access.group.archivedAt !== null;
    if (!unarchiving) {
      requireWritable(access.group);
    }
    const changes: GroupChanges = {};
    for (const [key, value] of Object.entries(fields) as Array<[keyof typeof fields, unknown]>) {
      if (value !== undefined) {
        Object.assign(changes, { [key]: value });
      }
    }
    if (archived !== undefined) {
      changes.archivedAt = archived ? (access.group.archivedAt ?? new Date()) : null;
    }
    if (Object.keys(changes).length > 0) {
      await this.groups.update(groupId, changes);
    }
    return this.get(caller, groupId);
  }

  /** Active members for every member; moderators also see pending invitations and requests. */
  async members(caller: GroupCaller, groupId: string): Promise<MemberView[]> {
    const access = await this.access(caller, groupId);
    const states = atLeast(access.role, GroupRole.Moderator)
      ? [MembershipState.Active, MembershipState.Invited, MembershipState.Requested]
      : [MembershipState.Active];
    const memberships = await this.groups.membersOf(groupId, states);
    const users = await this.accounts.usersByIds(
      memberships.map((m) => m.userId).filter((id): id is string => id !== null),
    );
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    return memberships.map((m) => ({
      id: m.id,
      userId: m.userId,
      displayName: m.userId ? (names.get(m.userId) ?? '') : (m.email ?? ''),
      role: m.role,
      state: m.state,
      ...(m.userId === null && m.email ? { email: m.email } : {}),
    }));
  }

  async invite(caller: GroupCaller, groupId: string, body: InviteDto): Promise<CreatedDto> {
    const access = await this.access(caller, groupId);
    requireRole(access.role, GroupRole.Moderator);
    requireWritable(access.group);
    if ((body.userId === undefined) === (body.email === undefined)) {
      throw DomainException.badRequest('Give either userId or email', ErrorCode.ValidationFailed);
    }
    let userId: string | null = null;
    let email: string | null = null;
    if (body.userId !== undefined) {
      const [user] = await this.accounts.usersByIds([body.userId]);
      if (user?.status !== UserStatus.Active) {
        throw DomainException.notFound('User', ErrorCode.UserNotFound);
      }
      userId = user.id;
    } else {
      const user = await this.accounts.findActiveByEmail(body.email!);
      if (user) {
        userId = user.id;
      } else {
        email = body.email!.toLowerCase();
      }
    }
    const existing = userId
      ? await this.groups.findMembershipOf(groupId, userId)
      : await this.groups.findMembershipByEmail(groupId, email!);
    if (existing) {
      throw this.alreadyIn(existing);
    }
    const invitation = this.newMembership(groupId, {
      userId,
      email,
      role: GroupRole.Member,
      state: MembershipState.Invited,
      invitedBy: caller.id,
    });
    try {
      await this.groups.insertMembership(invitation);
    } catch (error) {
      if (isDuplicate(error)) {
        throw DomainException.conflict('Already invited or a member', ErrorCode.AlreadyInGroup);
      }
      throw error;
    }
    await this.notifyInvited(access.group, { userId, email }, caller.id);
    return { id: invitation.id };
  }

  /** Tells the invited person (docs/notifications.md): an account by its preference, a plain address by mail. */
  private async notifyInvited(
    group: { id: string; name: string },
    invited: { userId: string | null; email: string | null },
    inviterId: string,
  ): Promise<void> {
    const [person, inviter] = await this.accounts
      .usersByIds(invited.userId ? [invited.userId, inviterId] : [inviterId])
      .then((users) => [users.find((u) => u.id === invited.userId), users.find((u) => u.id === inviterId)]);
    const recipient = person
      ? { id: person.id, email: person.email, displayName: person.displayName, language: person.preferredLanguage }
      : { id: null, email: invited.email!, displayName: invited.email!, language: inviter?.preferredLanguage ?? 'en' };
    await this.notifications.notify(recipient, NotificationKind.GroupInvitation, {
      groupId: group.id,
      groupName: group.name,
    });
  }

  async myInvitations(caller: GroupCaller): Promise<InvitationView[]> {
    await this.groups.claimEmailInvitations(caller.id, caller.email);
    return (await this.groups.invitationsOf(caller.id)).map(({ membership, group }) => ({
      id: membership.id,
      groupId: group.id,
      groupName: group.name,
      groupKind: group.kind,
      invitedAt: membership.createdAt.toISOString(),
    }));
  }

  async acceptInvitation(caller: GroupCaller, invitationId: string): Promise<GroupView> {
    await this.groups.claimEmailInvitations(caller.id, caller.email);
    const found = await this.groups.findInvitationOf(invitationId, caller.id);
    if (!found) {
      throw DomainException.notFound('Invitation', ErrorCode.InvitationNotFound);
    }
    requireWritable(found.group);
    if (!(await this.groups.transition(invitationId, MembershipState.Invited, { state: MembershipState.Active }))) {
      throw DomainException.notFound('Invitation', ErrorCode.InvitationNotFound);
    }
    return this.get(caller, found.group.id);
  }

  async declineInvitation(caller: GroupCaller, invitationId: string): Promise<void> {
    await this.groups.claimEmailInvitations(caller.id, caller.email);
    const found = await this.groups.findInvitationOf(invitationId, caller.id);
    if (!found || !(await this.groups.deleteMembership(found.membership.id))) {
      throw DomainException.notFound('Invitation', ErrorCode.InvitationNotFound);
    }
  }

  /** Asks to join a group that is open for requests; any other group answers 404. */
  async requestToJoin(caller: GroupCaller, groupId: string): Promise<CreatedDto> {
    return this.groups.runInTransaction(async (manager) => {
      const group = await this.groups.findOpenForRequest(groupId, manager);
      if (!group) {
        throw groupNotFound();
      }
      const existing = await this.groups.findMembershipOf(groupId, caller.id, manager);
      if (existing) {
        throw this.alreadyIn(existing);
      }
      const request = this.newMembership(groupId, {
        userId: caller.id,
        role: GroupRole.Member,
        state: MembershipState.Requested,
      });
      await this.groups.insertMembership(request, manager);
      return { id: request.id };
    });
  }

  async approveRequest(caller: GroupCaller, requestId: string): Promise<MemberView> {
    const found = await this.pendingForModerator(caller, requestId, MembershipState.Requested);
    if (!(await this.groups.transition(requestId, MembershipState.Requested, { state: MembershipState.Active }))) {
      throw DomainException.notFound('Join request', ErrorCode.JoinRequestNotFound);
    }
    return (await this.members(caller, found.groupId)).find((m) => m.id === requestId)!;
  }

  async rejectRequest(caller: GroupCaller, requestId: string): Promise<void> {
    await this.pendingForModerator(caller, requestId, MembershipState.Requested);
    if (!(await this.groups.deleteMembership(requestId))) {
      throw DomainException.notFound('Join request', ErrorCode.JoinRequestNotFound);
    }
  }

  /**
   * Removes a member, revokes an invitation or turns down a request. Moderators remove members and
   * pending people; only the owner removes moderators; nobody removes the owner or themselves (leave).
   */
  async removeMembership(caller: GroupCaller, groupId: string, membershipId: string): Promise<void> {
    const target = await this.targetInGroup(caller, groupId, membershipId);
    requireRole(target.callerRole, GroupRole.Moderator);
    requireWritable(target.group);
    const { membership } = target;
    if (membership.role === GroupRole.Owner || membership.userId === caller.id) {
      throw DomainException.forbidden('The owner cannot be removed; members leave by themselves', ErrorCode.Forbidden);
    }
    if (membership.role === GroupRole.Moderator && membership.state === MembershipState.Active) {
      requireRole(target.callerRole, GroupRole.Owner);
    }
    if (!(await this.groups.deleteMembership(membership.id))) {
      throw DomainException.notFound('Membership', ErrorCode.MembershipNotFound);
    }
  }

  /** The owner makes an active member a moderator, or a moderator a member. */
  async setRole(
    caller: GroupCaller,
    groupId: string,
    membershipId: string,
    role: GroupRole.Moderator | GroupRole.Member,
  ): Promise<MemberView> {
    const target = await this.targetInGroup(caller, groupId, membershipId);
    requireRole(target.callerRole, GroupRole.Owner);
    requireWritable(target.group);
    if (target.membership.state !== MembershipState.Active || target.membership.role === GroupRole.Owner) {
      throw DomainException.conflict('Only an active member or moderator changes role', ErrorCode.Conflict);
    }
    await this.groups.setRole(membershipId, role);
    return (await this.members(caller, groupId)).find((m) => m.id === membershipId)!;
  }

  async leave(caller: GroupCaller, groupId: string): Promise<void> {
    const access = await this.access(caller, groupId);
    if (access.role === GroupRole.Owner) {
      throw DomainException.conflict('Transfer ownership before leaving', ErrorCode.OwnerCannotLeave);
    }
    const membership = await this.groups.findMembershipOf(groupId, caller.id);
    if (!membership || !(await this.groups.deleteMembership(membership.id))) {
      throw groupNotFound();
    }
  }

  async transferOwnership(caller: GroupCaller, groupId: string, userId: string): Promise<void> {
    const access = await this.access(caller, groupId);
    requireRole(access.role, GroupRole.Owner);
    requireWritable(access.group);
    if (userId === caller.id) {
      throw DomainException.conflict('You already own this group', ErrorCode.Conflict);
    }
    if (!(await this.groups.transferOwnership(groupId, caller.id, userId))) {
      throw DomainException.notFound('Member', ErrorCode.MembershipNotFound);
    }
  }

  private async pendingForModerator(caller: GroupCaller, membershipId: string, state: MembershipState) {
    const found = await this.groups.findMembershipForCaller(membershipId, caller.id);
    if (!found || found.membership.state !== state) {
      throw DomainException.notFound('Join request', ErrorCode.JoinRequestNotFound);
    }
    requireRole(found.callerRole, GroupRole.Moderator);
    requireWritable(found.group);
    return found.membership;
  }

  private async targetInGroup(caller: GroupCaller, groupId: string, membershipId: string) {
    const found = await this.groups.findMembershipForCaller(membershipId, caller.id);
    if (!found || found.membership.groupId !== groupId) {
      // Is the caller a member at all? Non-members learn nothing about the group.
      await this.access(caller, groupId);
      throw DomainException.notFound('Membership', ErrorCode.MembershipNotFound);
    }
    return found;
  }

  private alreadyIn(existing: GroupMembership): DomainException {
    const what =
      existing.state === MembershipState.Active
        ? 'already a member'
        : existing.state === MembershipState.Invited
          ? 'already invited'
          : 'has already asked to join';
    return DomainException.conflict(`This person is ${what}`, ErrorCode.AlreadyInGroup);
  }

  private newMembership(
    groupId: string,
    fields: Partial<GroupMembership> & Pick<GroupMembership, 'role' | 'state'>,
  ): GroupMembership {
    return Object.assign(new GroupMembership(), {
      id: randomUUID(),
      groupId,
      userId: null,
      email: null,
      invitedBy: null,
      ...fields,
    });
  }

  view({ group, role }: GroupAccess): GroupView {
    return {
      id: group.id,
      name: group.name,
      kind: group.kind,
      description: group.description,
      language: group.language,
      openForRequests: Boolean(group.openForRequests),
      archived: group.archivedAt !== null,
      myRole: role,
      quotaBytes: Number(group.quotaBytes),
      usedBytes: Number(group.usedBytes),
      createdAt: group.createdAt.toISOString(),
    };
  }
}
