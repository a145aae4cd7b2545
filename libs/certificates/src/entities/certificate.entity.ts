import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '@app/database';

/**
 * A certificate of one learner's completion of one course (docs/certificates.md). Issued once, in
 * the transaction that first records the course result as completed (and passed where assessed):
 * the unique (user, course, sequence) key makes concurrent commits issue exactly one. A reissue
 * (after a name correction) is the next sequence; the old one then names it in `replaced_by_id`.
 * Name and title are kept as issued: a certificate says what it said that day.
 */
@Entity({ name: 'certificates' })
@Index('UQ_certificates_issue', ['userId', 'courseId', 'sequence'], { unique: true })
@Index('UQ_certificates_code', ['code'], { unique: true })
@Index('IDX_certificates_course', ['courseId', 'issuedAt'])
export class Certificate {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @Column({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  /** 1 for the certificate issued on completion; each reissue takes the next. */
  @Column({ type: 'int', unsigned: true })
  sequence: number;

  /** The verification code, normalized and without hyphens (16 Crockford base32 symbols). */
  @Column({ type: 'char', length: 16 })
  code: string;

  @Column({ name: 'learner_name', type: 'varchar', length: 120 })
  learnerName: string;

  @Column({ name: 'course_title', type: 'varchar', length: 300 })
  courseTitle: string;

  /** The language the title is in (the learner's, when the course has it). */
  @Column({ type: 'char', length: 2 })
  language: string;

  /** The scaled score where the course is assessed (reported a success status), else null. */
  @Column({
    name: 'score_scaled',
    type: 'decimal',
    precision: 6,
    scale: 5,
    nullable: true,
    transformer: decimalTransformer,
  })
  scoreScaled: number | null;

  @Column({ type: 'boolean', default: false })
  assessed: boolean;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3 })
  completedAt: Date;

  @Column({ name: 'issued_at', type: 'datetime', precision: 3 })
  issuedAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 500, nullable: true })
  revokedReason: string | null;

  @Column({ name: 'replaced_by_id', type: 'char', length: 36, nullable: true })
  replacedById: string | null;

  @Column({ name: 'replaced_at', type: 'datetime', precision: 3, nullable: true })
  replacedAt: Date | null;
}
