import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunityGroup } from './community-group.entity';
import { CreatedAtColumn } from '@app/database';

@Entity({ name: 'group_folders' })
@Index('IDX_group_folders_parent', ['groupId', 'parentId'])
export class GroupFolder {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_group_folders_group' })
  group?: CommunityGroup;

  /** Null for a folder at the top of the library. */
  @Column({ name: 'parent_id', type: 'char', length: 36, nullable: true })
  parentId: string | null;

  @ManyToOne(() => GroupFolder, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_group_folders_parent' })
  parent?: GroupFolder;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
