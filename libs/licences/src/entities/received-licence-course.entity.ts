import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReceivedLicence } from './received-licence.entity';

/**
 * National side: a course a received licence covers, in the bundle's order. The course itself may
 * be absent for a moment (it is recorded in the same transaction), so only the licence is a key.
 */
@Entity({ name: 'received_licence_courses' })
@Index('IDX_received_licence_courses_course', ['courseId'])
export class ReceivedLicenceCourse {
  @PrimaryColumn({ name: 'licence_id', type: 'char', length: 36 })
  licenceId: string;

  @PrimaryColumn({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  @Column({ type: 'smallint', unsigned: true })
  position: number;

  @ManyToOne(() => ReceivedLicence, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'FK_received_licence_courses_licence' })
  licence?: ReceivedLicence;
}
