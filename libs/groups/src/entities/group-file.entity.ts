import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupFolder } from './group-folder.entity';
import { CommunityGroup } from './community-group.entity';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

/** A file of a group's library. Its name is a label only: content lives under a blob key made of ids. */
@Entity({ name: 'group_files' })
@Index('IDX_group_files_folder', ['groupId', 'folderId'])
export class GroupFile {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_group_files_group' })
  group?: CommunityGroup;

  @Column({ name: 'folder_id', type: 'char', length: 36, nullable: true })
  folderId: string | null;

  @ManyToOne(() => GroupFolder, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'folder_id', foreignKeyConstraintName: 'FK_group_files_folder' })
  folder?: GroupFolder;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'current_version', type: 'int', unsigned: true })
  currentVersion: number;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
