import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupFile } from './group-file.entity';
import { GroupPost } from './group-post.entity';

/** A library file attached to a post: attachments are files of the group's library. */
@Entity({ name: 'group_post_attachments' })
@Index('IDX_group_post_attachments_file', ['fileId'])
export class GroupPostAttachment {
  @PrimaryColumn({ name: 'post_id', type: 'char', length: 36 })
  postId: string;

  @ManyToOne(() => GroupPost, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_group_post_attachments_post' })
  post?: GroupPost;

  @PrimaryColumn({ name: 'file_id', type: 'char', length: 36 })
  fileId: string;

  @ManyToOne(() => GroupFile, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_group_post_attachments_file' })
  file?: GroupFile;
}
