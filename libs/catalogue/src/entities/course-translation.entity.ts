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
}
