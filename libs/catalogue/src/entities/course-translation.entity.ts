import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from './course.entity';

/** A course's title and description in one language; searched through `course_search`. */
@Entity({ name: 'course_translations' })
export class CourseTranslation {
  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_translations_course' })
  course?: Course;

  @PrimaryColumn({ type: 'enum', enum: ['en', 'fr', 'es'] })
  language: 'en' | 'fr' | 'es';

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** For a translation: the language it was translated from, and the SHA-256 of those source texts. */
  @Column({ name: 'source_language', type: 'enum', enum: ['en', 'fr', 'es'], nullable: true })
  sourceLanguage?: 'en' | 'fr' | 'es' | null;

  @Column({ name: 'source_hash', type: 'char', length: 64, nullable: true })
  sourceHash?: string | null;
}
