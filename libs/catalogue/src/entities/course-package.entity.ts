import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from './course.entity';
import { CreatedAtColumn } from '@app/database';

export type ScormStandard = 'scorm12' | 'scorm2004';

/** A launchable item of a package, resolved from the manifest at import. */
export interface PackageLaunchable {
  itemIdentifier: string;
  title: string;
  resourceIdentifier: string;
  type: 'sco' | 'asset';
  href: string;
}

/**
 * One imported SCORM package version, in one language. Its files live in the blob store under
 * `storageKey` and are never modified in place; a new upload is a new version.
 */
@Entity({ name: 'course_packages' })
@Index('IDX_course_packages_course', ['courseId', 'language', 'version'])
export class CoursePackage {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_packages_course' })
  course?: Course;

  @Column({ type: 'enum', enum: ['en', 'fr', 'es'] })
  language: 'en' | 'fr' | 'es';

  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ type: 'enum', enum: ['scorm12', 'scorm2004'] })
  standard: ScormStandard;

  @Column({ type: 'varchar', length: 8, nullable: true })
  edition: string | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The parsed manifest: organizations, items, resources, sequencing. */
  @Column({ type: 'json' })
  manifest: object;

  @Column({ type: 'json' })
  launchables: PackageLaunchable[];

  @Column({ name: 'sco_count', type: 'int', unsigned: true })
  scoCount: number;

  @Column({ name: 'size_bytes', type: 'bigint', unsigned: true })
  sizeBytes: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  /** For a translation: the package version it was translated from. */
  @Column({ name: 'source_package_id', type: 'char', length: 36, nullable: true })
  sourcePackageId: string | null;

  @ManyToOne(() => CoursePackage, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'source_package_id', foreignKeyConstraintName: 'FK_course_packages_source_package' })
  sourcePackage?: CoursePackage;

  @Column({ name: 'import_job_id', type: 'char', length: 36, nullable: true })
  importJobId: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
