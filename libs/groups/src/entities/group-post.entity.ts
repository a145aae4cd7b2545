import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupThread } from './group-thread.entity';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

/** A post: its Markdown source as written and the sanitised HTML rendered from it when it was saved. */
@Entity({ name: 'group_posts' })
@Index('IDX_group_posts_thread', ['threadId', 'createdAt'])
export class GroupPost {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'thread_id', type: 'char', length: 36 })
  threadId: string;

  @ManyToOne(() => GroupThread, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'FK_group_posts_thread' })
  thread?: GroupThread;

  @Column({ name: 'author_id', type: 'char', length: 36 })
  authorId: string;

  @Column({ name: 'body_source', type: 'mediumtext' })
  bodySource: string;

  @Column({ name: 'body_html', type: 'mediumtext' })
  bodyHtml: string;

  @Column({ name: 'edited_at', type: 'datetime', precision: 3, nullable: true })
  editedAt: Date | null;

  /** A deleted post keeps its place in the thread with its text removed. */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
