import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

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
export class Course {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Null for a course made from an uploaded package until an admin classifies it. */
  @Column({ name: 'topic_code', type: 'varchar', length: 40, nullable: true })
  topicCode: string | null;

  @Column({ name: 'estimated_hours', type: 'decimal', precision: 5, scale: 1, nullable: true })
  estimatedHours: string | null;

  @Column({ type: 'enum', enum: CourseStatus, default: CourseStatus.Draft })
  status: CourseStatus;

  @Column({ type: 'enum', enum: CourseOrigin, default: CourseOrigin.Local })
  origin: CourseOrigin;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  createdAt: Date;

  @UpdateDateColumn({
    name: 'updated_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  })
  updatedAt: Date;
}
