import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, decimalTransformer, UpdatedAtColumn } from '@app/database';

export enum CourseStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

export enum CourseOrigin {
  Local = 'local',
  Licensed = 'licensed',
}

@Entity({ name: 'courses' })
@Index('IDX_courses_status_topic', ['status', 'topicCode'])
@Index('IDX_courses_licence', ['licenceId'])
export class Course {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Null for a course made from an uploaded package until an admin classifies it. */
  @Column({ name: 'topic_code', type: 'varchar', length: 40, nullable: true })
  topicCode: string | null;

  @Column({
    name: 'estimated_hours',
    type: 'decimal',
    precision: 5,
    scale: 1,
    nullable: true,
    transformer: decimalTransformer,
  })
  estimatedHours: number | null;

  @Column({ type: 'enum', enum: CourseStatus, default: CourseStatus.Draft })
  status: CourseStatus;

  @Column({ type: 'enum', enum: CourseOrigin, default: CourseOrigin.Local })
  origin: CourseOrigin;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  /** On a national server: the received licence that brought this course (its terms apply). */
  @Column({ name: 'licence_id', type: 'char', length: 36, nullable: true })
  licenceId: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
