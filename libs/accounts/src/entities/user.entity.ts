import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export enum UserStatus {
  Unverified = 'unverified',
  Pending = 'pending',
  Active = 'active',
  Rejected = 'rejected',
  Suspended = 'suspended',
}

/** The base role of an account. `coordinator` is not stored here: it comes from an active appointment. */
export enum UserRole {
  Learner = 'learner',
  RtcStaff = 'rtc_staff',
  Admin = 'admin',
}

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity({ name: 'users' })
@Index('IDX_users_country_status', ['country', 'status', 'pendingSince'])
/** The reports' registrations by country, date and status, read from the index alone (docs/reports.md). */
@Index('IDX_users_country_created_status', ['country', 'createdAt', 'status'])
export class User {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Stored trimmed and lower-cased; unique. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  /** ISO 3166-1 alpha-2; null for Secretariat accounts. */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  administration: string;

  @Column({ name: 'job_title', type: 'varchar', length: 200, default: '' })
  jobTitle: string;

  @Column({ name: 'preferred_language', type: 'enum', enum: LANGUAGES, default: 'en' })
  preferredLanguage: Language;

  @Column({ type: 'enum', enum: UserStatus, default: UserStatus.Unverified })
  status: UserStatus;

  @Column({ type: 'enum', enum: UserRole, default: UserRole.Learner })
  role: UserRole;

  /** Bumped to invalidate every token issued before (logout everywhere, password change, suspension). */
  @Column({ name: 'token_version', type: 'int', unsigned: true, default: 0 })
  tokenVersion: number;

  @Column({ name: 'email_verified_at', type: 'datetime', precision: 3, nullable: true })
  emailVerifiedAt: Date | null;

  /** When the account entered `pending` (email verified); reminders and escalations count from here. */
  @Column({ name: 'pending_since', type: 'datetime', precision: 3, nullable: true })
  pendingSince: Date | null;

  /** When the country's coordinators were reminded of this pending registration. */
  @Column({ name: 'reminded_at', type: 'datetime', precision: 3, nullable: true })
  remindedAt: Date | null;

  /** When this pending registration was escalated to the Secretariat. */
  @Column({ name: 'escalated_at', type: 'datetime', precision: 3, nullable: true })
  escalatedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
