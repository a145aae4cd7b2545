import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, decimalTransformer } from '@app/database';
import { Enrolment } from './enrolment.entity';

export type CompletionStatus = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type SuccessStatus = 'passed' | 'failed' | 'unknown';
export type LearningStandard = 'scorm12' | 'scorm2004';
export type SessionEntry = 'ab-initio' | 'resume' | '';

export const COMPLETION_STATUSES: readonly CompletionStatus[] = ['completed', 'incomplete', 'not attempted', 'unknown'];
export const SUCCESS_STATUSES: readonly SuccessStatus[] = ['passed', 'failed', 'unknown'];

/** Whether some of an attempt's time was measured by the platform, its finished sessions or the current one. */
export function isTimeMeasured(attempt: Pick<Attempt, 'timeMeasured' | 'sessionReported' | 'wallSeconds'>): boolean {
  return attempt.timeMeasured || (!attempt.sessionReported && attempt.wallSeconds > 0);
}

/**
 * One learner's attempt at one launchable item of one package version. The CMI is kept whole as
 * JSON; the columns beside it are derived from it on every commit (one UPDATE, see
 * AttemptRepository.commit). Time: `total_seconds = base_seconds + session_seconds`, where
 * `base_seconds` sums the finished sessions and `session_seconds` is the current session's time as
 * last committed; a launch folds the session into the base, so each session counts once.
 */
@Entity({ name: 'attempts' })
@Index('UQ_attempts_user_item_number', ['userId', 'packageId', 'itemId', 'number'], { unique: true })
@Index('IDX_attempts_user_course', ['userId', 'courseId', 'launchedAt'])
export class Attempt {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @Column({ name: 'course_id', type: 'char', length: 36 })
  courseId: string;

  /** An attempt belongs to its learner's enrolment, which cannot go while it has attempts. */
  @ManyToOne(() => Enrolment, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'userId', foreignKeyConstraintName: 'FK_attempts_enrolment' },
    { name: 'course_id', referencedColumnName: 'courseId' },
  ])
  enrolment?: Enrolment;

  @Column({ name: 'package_id', type: 'char', length: 36 })
  packageId: string;

  /** The manifest item identifier of the launchable. */
  @Column({ name: 'item_id', type: 'varchar', length: 255 })
  itemId: string;

  @Column({ type: 'int', unsigned: true })
  number: number;

  @Column({ type: 'enum', enum: ['scorm12', 'scorm2004'] })
  standard: LearningStandard;

  @Column({ name: 'item_type', type: 'enum', enum: ['sco', 'asset'] })
  itemType: 'sco' | 'asset';

  /** Bumped by every launch in normal mode; the launch token names it and commits must match. */
  @Column({ name: 'session_no', type: 'int', unsigned: true, default: 1 })
  sessionNo: number;

  /** The last commitSequence written in this session (0 after a launch). */
  @Column({ name: 'commit_seq', type: 'int', unsigned: true, default: 0 })
  commitSeq: number;

  /** `entry` of the current session, as the launch decided it. */
  @Column({ type: 'varchar', length: 10, default: 'ab-initio' })
  entry: SessionEntry;

  @Column({ type: 'json', nullable: true })
  cmi: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  adl: Record<string, unknown> | null;

  @Column({ name: 'completion_status', type: 'enum', enum: COMPLETION_STATUSES, default: 'not attempted' })
  completionStatus: CompletionStatus;

  @Column({ name: 'success_status', type: 'enum', enum: SUCCESS_STATUSES, default: 'unknown' })
  successStatus: SuccessStatus;

  @Column({
    name: 'score_scaled',
    type: 'decimal',
    precision: 6,
    scale: 5,
    nullable: true,
    transformer: decimalTransformer,
  })
  scoreScaled: number | null;

  /** The `exit` of the last commit (`suspend`, `logout`, `normal`, `time-out`, ``). */
  @Column({ name: 'exit_mode', type: 'varchar', length: 10, default: '' })
  exitMode: string;

  /**
   * Whether the current session's last commit was its terminate commit (Finish / Terminate). The
   * last one counts: a page restored from the back-forward cache after its pagehide beacon goes on.
   */
  @Column({ type: 'boolean', default: false })
  terminated: boolean;

  @Column({
    name: 'base_seconds',
    type: 'decimal',
    precision: 12,
    scale: 2,
    default: 0,
    transformer: decimalTransformer,
  })
  baseSeconds: number;

  @Column({
    name: 'session_seconds',
    type: 'decimal',
    precision: 12,
    scale: 2,
    default: 0,
    transformer: decimalTransformer,
  })
  sessionSeconds: number;

  @Column({
    name: 'total_seconds',
    type: 'decimal',
    precision: 12,
    scale: 2,
    default: 0,
    transformer: decimalTransformer,
  })
  totalSeconds: number;

  /** The current session's wall time, launch to last commit, idle gaps left out (AttemptRepository.commit). */
  @Column({
    name: 'wall_seconds',
    type: 'decimal',
    precision: 12,
    scale: 2,
    default: 0,
    transformer: decimalTransformer,
  })
  wallSeconds: number;

  /** Whether the SCO reported a time of its own in the current session (else its wall time counts). */
  @Column({ name: 'session_reported', type: 'boolean', default: false })
  sessionReported: boolean;

  /** Whether a finished session of this attempt counted the platform's measured time. */
  @Column({ name: 'time_measured', type: 'boolean', default: false })
  timeMeasured: boolean;

  /**
   * Bumped by a commit that changes the derived status (completion, success, score, exit,
   * terminated): the commit learns from its own UPDATE whether the course result must be recomputed.
   */
  @Column({ name: 'status_version', type: 'int', unsigned: true, default: 0 })
  statusVersion: number;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ name: 'launched_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  launchedAt: Date;

  @Column({ name: 'last_commit_at', type: 'datetime', precision: 3, nullable: true })
  lastCommitAt: Date | null;
}
