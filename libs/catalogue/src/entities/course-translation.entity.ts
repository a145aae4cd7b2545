import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A course's title and description in one language; searched through `course_search`. */
@Entity({ name: 'course_translations' })
export class CourseTranslation {
  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

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
