import { CommunityGroup } from './community-group.entity';
import { GroupFileVersion } from './group-file-version.entity';
import { GroupFile } from './group-file.entity';
import { GroupFolder } from './group-folder.entity';
import { GroupMembership } from './group-membership.entity';
import { GroupPostAttachment } from './group-post-attachment.entity';
import { GroupPost } from './group-post.entity';
import { GroupThread } from './group-thread.entity';
import { GroupWorkshopMaterial } from './group-workshop-material.entity';
import { GroupWorkshop } from './group-workshop.entity';

export * from './community-group.entity';
export * from './group-file-version.entity';
export * from './group-file.entity';
export * from './group-folder.entity';
export * from './group-membership.entity';
export * from './group-post-attachment.entity';
export * from './group-post.entity';
export * from './group-thread.entity';
export * from './group-workshop-material.entity';
export * from './group-workshop.entity';

export const GROUP_ENTITIES = [
  CommunityGroup,
  GroupMembership,
  GroupThread,
  GroupPost,
  GroupPostAttachment,
  GroupFolder,
  GroupFile,
  GroupFileVersion,
  GroupWorkshop,
  GroupWorkshopMaterial,
];
