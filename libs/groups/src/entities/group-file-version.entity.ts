import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupFile } from './group-file.entity';
import { CreatedAtColumn } from '@app/database';

@Entity({ name: 'group_file_versions' })
@Index('UQ_group_file_versions_file', ['fileId', 'version'], { unique: true })
export class GroupFileVersion {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'file_id', type: 'char', length: 36 })
  fileId: string;

  @ManyToOne(() => GroupFile, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_group_file_versions_file' })
  file?: GroupFile;

  @Column({ type: 'int', unsigned: true })
  version: number;

  /** `group-files/<groupId>/<versionId>`: never derived from the file's name. */
  @Column({ name: 'blob_key', type: 'varchar', length: 200 })
  blobKey: string;

  @Column({ name: 'size_bytes', type: 'bigint', unsigned: true })
  sizeBytes: string;

  /** The type the server derived from the name's extension, from a fixed list; never the client's word. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'char', length: 36 })
  uploadedBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
