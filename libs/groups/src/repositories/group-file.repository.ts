import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupFileVersion } from '../entities/group-file-version.entity';
import { GroupFile } from '../entities/group-file.entity';
import { GroupFolder } from '../entities/group-folder.entity';

export interface FileWithVersion {
  id: string;
  groupId: string;
  folderId: string | null;
  name: string;
  currentVersion: number;
  createdBy: string;
  updatedAt: Date;
  sizeBytes: number;
  contentType: string;
}

/**
 * The group file library: folders, files and their versions, and the group's byte count. Callers
 * pass the group id that GroupsService.access returned for them, and every lookup by file or folder
 * id is also bounded by that group id.
 */
@Injectable()
export class GroupFileRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GroupFolder) private readonly folders: Repository<GroupFolder>,
    @InjectRepository(GroupFile) private readonly files: Repository<GroupFile>,
    @InjectRepository(GroupFileVersion) private readonly versions: Repository<GroupFileVersion>,
  ) {}

  countInGroup(groupId: string, fileIds: string[]): Promise<number> {
    return this.files.countBy({ groupId, id: In(fileIds) });
  }

  findFolder(groupId: string, folderId: string): Promise<GroupFolder | null> {
    return this.folders.findOneBy({ groupId, id: folderId });
  }

  findFile(groupId: string, fileId: string): Promise<GroupFile | null> {
    return this.files.findOneBy({ groupId, id: fileId });
  }

  /** The group a file belongs to, for routes addressed by file id (access is checked next, by the caller's id). */
  async groupOfFile(fileId: string): Promise<string | null> {
    return (await this.files.findOne({ where: { id: fileId }, select: { groupId: true } }))?.groupId ?? null;
  }

  foldersIn(groupId: string, parentId: string | null): Promise<GroupFolder[]> {
    return this.folders.find({ where: { groupId, parentId: parentId ?? IsNull() }, order: { name: 'ASC' } });
  }

  async filesIn(groupId: string, folderId: string | null): Promise<FileWithVersion[]> {
    return this.withVersions(
      this.files
        .createQueryBuilder('f')
        .where('f.group_id = :groupId', { groupId })
        .andWhere(folderId ? 'f.folder_id = :folderId' : 'f.folder_id IS NULL', { folderId }),
    );
  }

  async filesWithCurrentVersion(groupId: string, fileIds: string[]): Promise<FileWithVersion[]> {
    if (fileIds.length === 0) {
      return [];
    }
    return this.withVersions(
      this.files.createQueryBuilder('f').where('f.group_id = :groupId AND f.id IN (:...fileIds)', { groupId, fileIds }),
    );
  }

  private async withVersions(
    query: ReturnType<Repository<GroupFile>['createQueryBuilder']>,
  ): Promise<FileWithVersion[]> {
    const rows = await query
      .innerJoin(GroupFileVersion, 'v', 'v.file_id = f.id AND v.version = f.current_version')
      .addSelect('v.size_bytes', 'size_bytes')
      .addSelect('v.content_type', 'content_type')
      .orderBy('f.name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((file, index) => {
      const raw = rows.raw[index] as { size_bytes: string; content_type: string };
      return { ...file, sizeBytes: Number(raw.size_bytes), contentType: raw.content_type };
    });
  }

  versionsOf(fileId: string): Promise<GroupFileVersion[]> {
    return this.versions.find({ where: { fileId }, order: { version: 'DESC' } });
  }

  findVersion(fileId: string, version: number): Promise<GroupFileVersion | null> {
    return this.versions.findOneBy({ fileId, version });
  }

  async insertFolder(folder: GroupFolder): Promise<void> {
    await this.folders.insert(folder);
  }

  async folderIsEmpty(groupId: string, folderId: string): Promise<boolean> {
    const [folders, files] = await Promise.all([
      this.folders.countBy({ groupId, parentId: folderId }),
      this.files.countBy({ groupId, folderId }),
    ]);
    return folders + files === 0;
  }

  async deleteFolder(groupId: string, folderId: string): Promise<void> {
    await this.folders.delete({ groupId, id: folderId });
  }

  /**
   * Records a stored version (a new file, or the next version of `file`) and counts its bytes
   * against the group's quota in one transaction; `store` moves the bytes into place before it commits.
   * False when the quota would be exceeded.
   */
  async addVersion(
    groupId: string,
    file: GroupFile,
    version: GroupFileVersion,
    isNewFile: boolean,
    store: () => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const counted = await manager
        .createQueryBuilder()
        .update(CommunityGroup)
        .set({ usedBytes: () => 'used_bytes + :size' })
        .where('id = :groupId AND used_bytes + :size <= quota_bytes', { groupId, size: version.sizeBytes })
        .execute();
      if ((counted.affected ?? 0) !== 1) {
        return false;
      }
      if (isNewFile) {
        await manager.insert(GroupFile, file);
      } else {
        const next = await manager.query<Array<{ v: number | null }>>(
          'SELECT MAX(version) AS v FROM group_file_versions WHERE file_id = ? FOR UPDATE',
          [file.id],
        );
        version.version = Number(next[0]?.v ?? 0) + 1;
        await manager.update(GroupFile, { id: file.id }, { currentVersion: version.version });
      }
      await manager.insert(GroupFileVersion, version);
      await store();
      return true;
    });
  }

  /**
   * Removes a file, giving its bytes back; its versions, attachments and workshop links go with it
   * (foreign keys, ON DELETE CASCADE). Returns the blob keys to delete.
   */
  async deleteFile(groupId: string, fileId: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const versions = await manager.find(GroupFileVersion, { where: { fileId } });
      const bytes = versions.reduce((sum, v) => sum + Number(v.sizeBytes), 0);
      await manager.delete(GroupFile, { id: fileId, groupId });
      await manager
        .createQueryBuilder()
        .update(CommunityGroup)
        .set({ usedBytes: () => 'GREATEST(CAST(used_bytes AS SIGNED) - :bytes, 0)' })
        .where('id = :groupId', { groupId, bytes })
        .execute();
      return versions.map((v) => v.blobKey);
    });
  }
}
