export const GROUP_KINDS = ['expert_community', 'material_workshop', 'workshop_follow_up'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export type GroupRole = 'owner' | 'moderator' | 'member';

export interface GroupSummary {
  id: string;
  name: string;
  kind: GroupKind;
  description: string;
  language: 'en' | 'fr' | 'es';
  openForRequests: boolean;
  archived: boolean;
  myRole: GroupRole;
  quotaBytes: number;
  usedBytes: number;
}

export interface OpenGroup {
  id: string;
  name: string;
  kind: GroupKind;
  description: string;
  myState: 'invited' | 'requested' | null;
}

export interface Invitation {
  id: string;
  groupId: string;
  groupName: string;
  groupKind: GroupKind;
  invitedAt: string;
}

export interface Member {
  id: string;
  userId: string | null;
  displayName: string;
  role: GroupRole;
  state: 'invited' | 'requested' | 'active';
  email?: string;
}

export interface ThreadSummary {
  id: string;
  title: string;
  pinned: boolean;
  postCount: number;
  lastPostAt: string;
  authorName: string;
}

export interface Attachment {
  fileId: string;
  name: string;
  sizeBytes: number;
  contentType: string;
}

export interface Post {
  id: string;
  authorId: string;
  authorName: string;
  bodySource: string;
  bodyHtml: string;
  editedAt: string | null;
  deleted: boolean;
  createdAt: string;
  canEdit: boolean;
  attachments: Attachment[];
}

export interface Thread extends ThreadSummary {
  groupId: string;
  groupName: string;
  groupArchived: boolean;
  canModerate: boolean;
  posts: Post[];
}

export interface LibraryFile {
  id: string;
  folderId: string | null;
  name: string;
  currentVersion: number;
  sizeBytes: number;
  contentType: string;
  updatedAt: string;
  canDelete: boolean;
}

export interface Folder {
  id: string;
  parentId: string | null;
  name: string;
}

export interface Library {
  folder: Folder | null;
  folders: Folder[];
  files: LibraryFile[];
  quotaBytes: number;
  usedBytes: number;
}

export interface FileVersion {
  version: number;
  sizeBytes: number;
  contentType: string;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string;
  createdAt: string;
}

export interface FileDetail extends LibraryFile {
  versions: FileVersion[];
}

export const GROUP_LANGUAGES = ['en', 'fr', 'es'] as const;

export type WorkshopPhase = 'before' | 'after';

export interface Workshop {
  id: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  meetingUrl: string;
  materials: Array<{ fileId: string; name: string; phase: WorkshopPhase }>;
}
