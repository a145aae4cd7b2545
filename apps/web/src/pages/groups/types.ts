import type { Schemas } from '../../api/client';

// The groups API's schemas, generated from its OpenAPI document (src/api/schema.d.ts).
export type GroupSummary = Schemas['GroupView'];
export type GroupKind = GroupSummary['kind'];
export type GroupRole = GroupSummary['myRole'];
export type OpenGroup = Schemas['OpenGroupView'];
export type Invitation = Schemas['InvitationView'];
export type Member = Schemas['MemberView'];
export type ThreadSummary = Schemas['ThreadSummaryView'];
export type Attachment = Schemas['AttachmentView'];
export type Post = Schemas['PostView'];
export type Thread = Schemas['ThreadView'];
export type LibraryFile = Schemas['FileView'];
export type Folder = Schemas['FolderView'];
export type Library = Schemas['LibraryView'];
export type FileVersion = Schemas['FileVersionView'];
export type FileDetail = Schemas['FileDetailView'];
export type Workshop = Schemas['WorkshopView'];
export type WorkshopPhase = Workshop['materials'][number]['phase'];

export const GROUP_KINDS = [
  'expert_community',
  'material_workshop',
  'workshop_follow_up',
] as const satisfies readonly GroupKind[];
export const GROUP_LANGUAGES = ['en', 'fr', 'es'] as const satisfies readonly GroupSummary['language'][];
