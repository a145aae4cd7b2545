import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

export enum OneTimeTokenPurpose {
  VerifyEmail = 'verify_email',
  ResetPassword = 'reset_password',
}

/** A token mailed to a person (email verification, password reset), stored hashed, usable once. */
@Entity({ name: 'one_time_tokens' })
@Index('IDX_one_time_tokens_user', ['userId', 'purpose'])
export class OneTimeToken {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_one_time_tokens_user' })
  user?: User;

  @Column({ type: 'enum', enum: OneTimeTokenPurpose })
  purpose: OneTimeTokenPurpose;

  @Index('UQ_one_time_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}
