import { Entity, Index, PrimaryColumn } from 'typeorm';

/** A library file attached to a post: attachments are files of the group's library. */
@Entity({ name: 'group_post_attachments' })
@Index('IDX_group_post_attachments_file', ['fileId'])
export class GroupPostAttachment {
  @PrimaryColumn({ name: 'post_id', type: 'char', length: 36 })
  postId: string;

  @PrimaryColumn({ name: 'file_id', type: 'char', length: 36 })
  fileId: string;
}
