import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { decimalTransformer, UpdatedAtColumn } from '@app/database';

export const COURSE_COMPLETIONS = ['completed', 'incomplete', 'not attempted'] as const;
export const COURSE_SUCCESSES = ['passed', 'failed', 'unknown'] as const;

/**
 * A learner's result in a course (docs/course-results.md): the one source certificates, reports
 * and "My learning" read. Rewritten when the status of one of the course's items changes, never
 * on a commit that changes nothing; `completed_at` / `passed_at` say when the current status was
 * reached (null while it is not).
 */
@Entity({ name: 'course_results' })
@Index('IDX_course_results_course', ['courseId', 'completionStatus'])
export class CourseResult {
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  /** The package version the result was computed from (the one the learner last used). */
  @Column({ name: 'package_id', type: 'char', length: 36, nullable: true })
  packageId: string | null;

  @Column({ name: 'completion_status', type: 'enum', enum: COURSE_COMPLETIONS, default: 'not attempted' })
  completionStatus: (typeof COURSE_COMPLETIONS)[number];

  @Column({ name: 'success_status', type: 'enum', enum: COURSE_SUCCESSES, default: 'unknown' })
  successStatus: (typeof COURSE_SUCCESSES)[number];

  @Column({
    name: 'score_scaled',
    type: 'decimal',
    precision: 6,
    scale: 5,
    nullable: true,
    transformer: decimalTransformer,
  })
  scoreScaled: number | null;

  @Column({ name: 'parts_done', type: 'int', unsigned: true, default: 0 })
  partsDone: number;

  @Column({ name: 'parts_total', type: 'int', unsigned: true, default: 0 })
  partsTotal: number;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ name: 'passed_at', type: 'datetime', precision: 3, nullable: true })
  passedAt: Date | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
