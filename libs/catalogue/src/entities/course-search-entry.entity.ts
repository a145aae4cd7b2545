import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CourseStatus } from './course.entity';

/**
 * One row per course, derived from `courses`, `course_translations` and `course_packages` in the
 * same transaction as every change to them (CourseRepository.refreshSearch): what the catalogue's
 * search reads. All three languages' titles and descriptions are one document, which each api
 * process indexes in memory (CourseSearchIndex, caught up by `generation`); the display title of
 * each language is a sort key with its own index, which gives that language's title order.
 * Never written anywhere else.
 */
@Entity({ name: 'course_search' })
@Index('IDX_course_search_title_en', ['sortEn', 'courseId'])
@Index('IDX_course_search_title_fr', ['sortFr', 'courseId'])
@Index('IDX_course_search_title_es', ['sortEs', 'courseId'])
@Index('IDX_course_search_generation', ['generation'])
export class CourseSearchEntry {
  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @Column({ type: 'enum', enum: CourseStatus })
  status: CourseStatus;

  @Column({ name: 'topic_code', type: 'varchar', length: 40, nullable: true })
  topicCode: string | null;

  /** Languages the course has a text or a package in. */
  @Column({ type: 'set', enum: ['en', 'fr', 'es'] })
  languages: Array<'en' | 'fr' | 'es'>;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** The title shown in each display language (that language's, else English, else any). */
  @Column({ name: 'sort_en', type: 'varchar', length: 300 })
  sortEn: string;

  @Column({ name: 'sort_fr', type: 'varchar', length: 300 })
  sortFr: string;

  @Column({ name: 'sort_es', type: 'varchar', length: 300 })
  sortEs: string;

  /** For a licensed course: the days its licence allows (learners see it only then). */
  @Column({ name: 'licence_from', type: 'date', nullable: true })
  licenceFrom: string | null;

  @Column({ name: 'licence_until', type: 'date', nullable: true })
  licenceUntil: string | null;

  /** Every language's title and description, one per line. */
  @Column({ type: 'mediumtext' })
  document: string;

  /** The `catalogue_generation` of the transaction that wrote the row (api processes catch up by it). */
  @Column({ type: 'bigint', unsigned: true, default: 0 })
  generation: string;
}
