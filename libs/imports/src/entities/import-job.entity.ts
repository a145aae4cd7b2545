import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export enum ImportJobKind {
  ScormPackage = 'scorm_package',
  LicenceBundle = 'licence_bundle',
  Translation = 'translation',
  /** A coordinator's CSV of officers to onboard (docs/people.md). */
  Officers = 'officers',
}

export enum ImportJobState {
  Waiting = 'waiting',
  Active = 'active',
  Completed = 'completed',
  Failed = 'failed',
}

/** The MySQL mirror of a queued import, so its history outlives Redis retention. */
@Entity({ name: 'import_jobs' })
@Index('IDX_import_jobs_requested_by', ['requestedBy', 'createdAt'])
@Index('IDX_import_jobs_state', ['state', 'createdAt'])
export class ImportJob {
  /** Also the BullMQ job id. */
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'enum', enum: ImportJobKind })
  kind: ImportJobKind;

  @Column({ type: 'enum', enum: ImportJobState, default: ImportJobState.Waiting })
  state: ImportJobState;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  progress: number;

  @Column({ type: 'json', nullable: true })
  result: object | null;

  /** What was queued (job name and data), so a job Redis lost can be queued again. */
  @Column({ type: 'json', nullable: true })
  payload: { name: string; data: object } | null;

  /** Why it failed, for a person. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 60, nullable: true })
  errorCode: string | null;

  /** The uploaded file's original name, for the history list. */
  @Column({ name: 'file_name', type: 'varchar', length: 255, default: '' })
  fileName: string;

  @Column({ name: 'requested_by', type: 'char', length: 36 })
  requestedBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}

/** A translated package's import: the package it was translated from (kept in the queued payload); else null. */
export function sourcePackageOf(job: ImportJob): string | null {
  const data = job.payload?.data as { sourcePackageId?: unknown } | undefined;
  return job.kind === ImportJobKind.ScormPackage && typeof data?.sourcePackageId === 'string'
    ? data.sourcePackageId
    : null;
}
