import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Licence } from './licence.entity';

/** Hub side: a course a licence covers, in the order the licence lists them. */
@Entity({ name: 'licence_courses' })
@Index('IDX_licence_courses_course', ['courseId'])
export class LicenceCourse {
  @PrimaryColumn({ name: 'licence_id', type: 'char', length: 36 })
  licenceId: string;

  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @Column({ type: 'smallint', unsigned: true })
  position: number;

  @ManyToOne(() => Licence, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'FK_licence_courses_licence' })
  licence?: Licence;
}
