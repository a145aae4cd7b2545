import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AccountsService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  BlobStore,
  cleanFileName,
  contentDisposition,
  contentTypeFor,
  DownloadLinkSigner,
  DownloadLinkView,
  isInlineType,
} from '@app/storage';
import { CreatedDto } from '../dto/group.dto';
import {
  CreateFolderDto,
  FileDetailView,
  FileView,
  FolderView,
  LibraryView,
  UploadedFile,
} from '../dto/group-file.dto';
import { GroupFileVersion } from '../entities/group-file-version.entity';
import { GroupFile } from '../entities/group-file.entity';
import { GroupFolder } from '../entities/group-folder.entity';
import { GroupRole } from '../entities/group-membership.entity';
import { GroupAccess } from '../repositories/group.repository';
import { FileWithVersion, GroupFileRepository } from '../repositories/group-file.repository';
import { atLeast, GroupCaller, requireRole, requireWritable } from './group-policy';
import { GroupsService } from './groups.service';

/** Largest single upload, whatever the quota left. */
export const MAX_GROUP_UPLOAD_BYTES = 1024 ** 3;

export interface PreparedUpload {
  tempPath: string;
  /** Bytes the upload may have: the smaller of the quota left and the per-file cap. */
  maxBytes: number;
}

export interface Download {
  localPath: string;
  contentType: string;
  disposition: string;
  inline: boolean;
}

/**
 * The file library of a group: folders, files with versions, streamed uploads counted against the
 * group's quota, downloads. Blob keys are `group-files/<groupId>/<versionId>`, never the file's name.
 */
@Injectable()
export class GroupFilesService {
  constructor(
    private readonly groups: GroupsService,
    private readonly files: GroupFileRepository,
    private readonly blobs: BlobStore,
    private readonly accounts: AccountsService,
    private readonly links: DownloadLinkSigner,
  ) {}

  async library(caller: GroupCaller, groupId: string, folderId?: string): Promise<LibraryView> {
    const access = await this.groups.access(caller, groupId);
    const folder = folderId ? await this.folder(groupId, folderId) : null;
    const [folders, files] = await Promise.all([
      this.files.foldersIn(groupId, folder?.id ?? null),
      this.files.filesIn(groupId, folder?.id ?? null),
    ]);
    return {
      folder: folder ? this.folderView(folder) : null,
      folders: folders.map((f) => this.folderView(f)),
      files: files.map((f) => this.fileView(f, access, caller)),
      quotaBytes: Number(access.group.quotaBytes),
      usedBytes: Number(access.group.usedBytes),
    };
  }

  async createFolder(caller: GroupCaller, groupId: string, body: CreateFolderDto): Promise<CreatedDto> {
    const access = await this.groups.access(caller, groupId);
    requireWritable(access.group);
    if (body.parentId) {
      await this.folder(groupId, body.parentId);
    }
    const folder = Object.assign(new GroupFolder(), {
      id: randomUUID(),
      groupId,
      parentId: body.parentId ?? null,
      name: body.name,
      createdBy: caller.id,
    });
    await this.files.insertFolder(folder);
    return { id: folder.id };
  }

  /** Moderators remove empty folders. */
  async deleteFolder(caller: GroupCaller, groupId: string, folderId: string): Promise<void> {
    const access = await this.groups.access(caller, groupId);
    await this.folder(groupId, folderId);
    requireRole(access.role, GroupRole.Moderator);
    requireWritable(access.group);
    if (!(await this.files.folderIsEmpty(groupId, folderId))) {
      throw DomainException.conflict('Empty the folder first', ErrorCode.Conflict);
    }
    await this.files.deleteFolder(groupId, folderId);
  }

  /** Checked before a byte of the upload is read: non-members get 404, archived groups 409. */
  async prepareUpload(caller: GroupCaller, groupId: string): Promise<PreparedUpload> {
    const access = await this.groups.access(caller, groupId);
    requireWritable(access.group);
    const left = Number(access.group.quotaBytes) - Number(access.group.usedBytes);
    if (left <= 0) {
      throw this.quotaExceeded();
    }
    return {
      tempPath: path.join(await this.blobs.uploadsDir(), `group-${randomUUID()}`),
      maxBytes: Math.min(left, MAX_GROUP_UPLOAD_BYTES),
    };
  }

  /** Records a streamed upload as a new file, or as the next version of `fileId`. */
  async commitUpload(caller: GroupCaller, groupId: string, upload: UploadedFile): Promise<FileDetailView> {
    try {
      const access = await this.groups.access(caller, groupId);
      requireWritable(access.group);
      const existing = upload.fileId ? await this.files.findFile(groupId, upload.fileId) : null;
      if (upload.fileId && !existing) {
        throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
      }
      if (upload.folderId && !existing) {
        await this.folder(groupId, upload.folderId);
      }
      const name = existing?.name ?? cleanFileName(upload.fileName);
      const file =
        existing ??
        Object.assign(new GroupFile(), {
          id: randomUUID(),
          groupId,
          folderId: upload.folderId ?? null,
          name,
          currentVersion: 1,
          createdBy: caller.id,
        });
      const versionId = randomUUID();
      const version = Object.assign(new GroupFileVersion(), {
        id: versionId,
        fileId: file.id,
        version: 1,
        blobKey: `group-files/${groupId}/${versionId}`,
        sizeBytes: String(upload.sizeBytes),
        contentType: contentTypeFor(name),
        sha256: upload.sha256,
        uploadedBy: caller.id,
      });
      const stored = await this.files.addVersion(groupId, file, version, !existing, () =>
        this.blobs.commitFile(upload.tempPath, version.blobKey),
      );
      if (!stored) {
        throw this.quotaExceeded();
      }
      return this.detail(caller, file.id);
    } finally {
      await rm(upload.tempPath, { force: true });
    }
  }

  async discardUpload(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  async detail(caller: GroupCaller, fileId: string): Promise<FileDetailView> {
    const { access } = await this.fileAccess(caller, fileId);
    const [file] = await this.files.filesWithCurrentVersion(access.group.id, [fileId]);
    if (!file) {
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
    const versions = await this.files.versionsOf(fileId);
    const users = await this.accounts.usersByIds([...new Set(versions.map((v) => v.uploadedBy))]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      ...this.fileView(file, access, caller),
      versions: versions.map((v) => ({
        version: v.version,
        sizeBytes: Number(v.sizeBytes),
        contentType: v.contentType,
        sha256: v.sha256,
        uploadedBy: v.uploadedBy,
        uploadedByName: names.get(v.uploadedBy) ?? '',
        createdAt: v.createdAt.toISOString(),
      })),
    };
  }

  async download(caller: GroupCaller, fileId: string, versionNumber?: number): Promise<Download> {
    const { file, version } = await this.versionAccess(caller, fileId, versionNumber);
    const inline = isInlineType(version.contentType);
    return {
      localPath: this.blobs.localPath(version.blobKey),
      contentType: inline ? version.contentType : 'application/octet-stream',
      disposition: contentDisposition(inline ? 'inline' : 'attachment', file.name),
      inline,
    };
  }

  /**
   * A short-lived link to one version (the current one by default) that needs no Authorization
   * header, after the same checks as a download. The link names the exact version, so a newer
   * upload does not change what it opens.
   */
  async downloadLink(caller: GroupCaller, fileId: string, versionNumber?: number): Promise<DownloadLinkView> {
    const { file, version } = await this.versionAccess(caller, fileId, versionNumber);
    const { token, expiresAt } = this.links.sign({
      kind: 'group-file',
      fileId: file.id,
      version: version.version,
      userId: caller.id,
    });
    return { url: `/api/group-files/${file.id}/download/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The download a signed link opens. Membership is checked again (one indexed query), so a link
   * stops working as soon as its user leaves or is removed from the group, or the file is deleted.
   * A bad, expired or other file's token answers exactly like a file that does not exist.
   */
  async signedDownload(fileId: string, token: string): Promise<Download> {
    const grant = this.links.verify('group-file', fileId, token);
    if (!grant) {
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
    return this.download({ id: grant.userId, email: '' }, fileId, grant.version);
  }

  /** The uploader of the first version or a moderator deletes a file with all its versions. */
  async deleteFile(caller: GroupCaller, fileId: string): Promise<void> {
    const { access, file } = await this.fileAccess(caller, fileId);
    if (file.createdBy !== caller.id) {
      requireRole(access.role, GroupRole.Moderator);
    }
    requireWritable(access.group);
    const keys = await this.files.deleteFile(access.group.id, file.id);
    await Promise.all(keys.map((key) => this.blobs.removeFile(key)));
  }

  private async versionAccess(
    caller: GroupCaller,
    fileId: string,
    versionNumber?: number,
  ): Promise<{ file: GroupFile; version: GroupFileVersion }> {
    const { access, file } = await this.fileAccess(caller, fileId);
    const version = await this.files.findVersion(file.id, versionNumber ?? file.currentVersion);
    if (!version || version.fileId !== file.id || access.group.id !== file.groupId) {
      throw DomainException.notFound('File version', ErrorCode.GroupFileNotFound);
    }
    return { file, version };
  }

  private async fileAccess(caller: GroupCaller, fileId: string): Promise<{ access: GroupAccess; file: GroupFile }> {
    const groupId = await this.files.groupOfFile(fileId);
    // A file of a group the caller is not in answers exactly like a file that does not exist.
    const access = groupId
      ? await this.groups.access(caller, groupId).catch((error: unknown) => {
          if (error instanceof DomainException) {
            return null;
          }
          throw error;
        })
      : null;
    const file = access ? await this.files.findFile(access.group.id, fileId) : null;
    if (!access || !file) {
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
    return { access, file };
  }

  private async folder(groupId: string, folderId: string): Promise<GroupFolder> {
    const folder = await this.files.findFolder(groupId, folderId);
    if (!folder) {
      throw DomainException.notFound('Folder', ErrorCode.GroupFolderNotFound);
    }
    return folder;
  }

  private quotaExceeded(): DomainException {
    return DomainException.tooLarge(
      "The group's file library is full: delete files or ask the Secretariat for more room",
      ErrorCode.GroupQuotaExceeded,
    );
  }

  private folderView(folder: GroupFolder): FolderView {
    return { id: folder.id, parentId: folder.parentId, name: folder.name };
  }

  private fileView(file: FileWithVersion, access: GroupAccess, caller: GroupCaller): FileView {
    return {
      id: file.id,
      groupId: file.groupId,
      folderId: file.folderId,
      name: file.name,
      currentVersion: file.currentVersion,
      sizeBytes: file.sizeBytes,
      contentType: file.contentType,
      updatedAt: file.updatedAt.toISOString(),
      canDelete:
        access.group.archivedAt === null && (file.createdBy === caller.id || atLeast(access.role, GroupRole.Moderator)),
    };
  }
}
