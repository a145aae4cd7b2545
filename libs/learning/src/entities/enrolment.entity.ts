import { Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '@app/database';

/** A learner's self-enrolment in a published course: one row per (user, course). */
@Entity({ name: 'enrolments' })
@Index('IDX_enrolments_course', ['courseId', 'enrolledAt'])
export class Enrolment {
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @CreatedAtColumn()
  enrolledAt: Date;
}
