import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';

/** One refresh token of a session, stored as the SHA-256 of its 256 random bits. Spent on use. */
@Entity({ name: 'refresh_tokens' })
@Index('IDX_refresh_tokens_session', ['sessionId'])
export class RefreshToken {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'session_id', type: 'char', length: 36 })
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: AuthSession;

  @Index('UQ_refresh_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}
