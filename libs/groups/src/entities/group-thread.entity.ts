import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunityGroup } from './community-group.entity';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

@Entity({ name: 'group_threads' })
@Index('IDX_group_threads_group', ['groupId', 'pinned', 'lastPostAt'])
export class GroupThread {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_group_threads_group' })
  group?: CommunityGroup;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'author_id', type: 'char', length: 36 })
  authorId: string;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ name: 'post_count', type: 'int', unsigned: true, default: 0 })
  postCount: number;

  @Column({ name: 'last_post_at', type: 'datetime', precision: 3 })
  lastPostAt: Date;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
