import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A course's title and description in one language; searched with a FULLTEXT index (accent-insensitive collation). */
@Entity({ name: 'course_translations' })
@Index('FT_course_translations_text', ['title', 'description'], { fulltext: true })
export class CourseTranslation {
  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @PrimaryColumn({ type: 'enum', enum: ['en', 'fr', 'es'] })
  language: 'en' | 'fr' | 'es';

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;
}
