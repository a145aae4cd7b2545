import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One successful sign-in (docs/reports.md): who, when, and the account's country at that moment,
 * for the usage figures (active users per day and month). Written with one INSERT after the
 * sign-in succeeded; rows older than SIGN_IN_RETENTION_DAYS are removed by a maintenance job.
 * No foreign key: the row outlives nothing (it is purged) and its insert must stay one statement.
 */
@Entity({ name: 'sign_ins' })
@Index('IDX_sign_ins_at', ['signedInAt'])
@Index('IDX_sign_ins_country_at', ['country', 'signedInAt'])
@Index('IDX_sign_ins_user', ['userId'])
export class SignIn {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  /** ISO 3166-1 alpha-2 of the account when it signed in; null for Secretariat accounts. */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ name: 'signed_in_at', type: 'datetime', precision: 3 })
  signedInAt: Date;
}
