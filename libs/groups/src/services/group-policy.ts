import { DomainException, ErrorCode } from '@app/common';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupRole } from '../entities/group-membership.entity';

/** Who is calling, as the groups library needs to know them. */
export interface GroupCaller {
  id: string;
  email: string;
}

const RANK: Record<GroupRole, number> = { [GroupRole.Member]: 0, [GroupRole.Moderator]: 1, [GroupRole.Owner]: 2 };

export function atLeast(role: GroupRole, needed: GroupRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** Non-members learn nothing, not even that the group exists. */
export function groupNotFound(): DomainException {
  return DomainException.notFound('Group', ErrorCode.GroupNotFound);
}

export function requireRole(role: GroupRole, needed: GroupRole): void {
  if (!atLeast(role, needed)) {
    throw DomainException.forbidden(`Only a group ${needed} may do this`, ErrorCode.GroupRoleRequired);
  }
}

export function requireWritable(group: CommunityGroup): void {
  if (group.archivedAt !== null) {
    throw DomainException.conflict('This group is archived: it is read-only', ErrorCode.GroupArchived);
  }
}
