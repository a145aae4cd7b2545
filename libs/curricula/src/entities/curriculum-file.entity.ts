import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Curriculum } from './curriculum.entity';
import { CreatedAtColumn } from '@app/database';

@Entity({ name: 'curriculum_files' })
@Index('IDX_curriculum_files_curriculum', ['curriculumId'])
export class CurriculumFile {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'curriculum_id', type: 'char', length: 36 })
  curriculumId: string;

  @ManyToOne(() => Curriculum, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'curriculum_id', foreignKeyConstraintName: 'FK_curriculum_files_curriculum' })
  curriculum?: Curriculum;

  /** A label only: the bytes live under `curriculum-files/<curriculumId>/<id>`. */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'blob_key', type: 'varchar', length: 200 })
  blobKey: string;

  @Column({ name: 'size_bytes', type: 'bigint', unsigned: true })
  sizeBytes: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'char', length: 36 })
  uploadedBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
