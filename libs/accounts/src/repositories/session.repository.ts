import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { AuthSession } from '../entities/auth-session.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { UserStatus } from '../entities/user.entity';

export interface RefreshTokenWithSession {
  token: RefreshToken;
  session: AuthSession;
}

/** Sessions and their refresh tokens: one aggregate. */
@Injectable()
export class SessionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
  ) {}

  async create(session: AuthSession, firstToken: RefreshToken): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(AuthSession, session);
      await manager.insert(RefreshToken, firstToken);
    });
  }

  findSession(id: string): Promise<AuthSession | null> {
    return this.sessions.findOneBy({ id });
  }

  /**
   * The account's status and the named session of that account, in one query: what a launch
   * token's standing depends on. Null when the user does not exist.
   */
  async findStanding(
    sessionId: string,
    userId: string,
  ): Promise<{ status: UserStatus; session: Pick<AuthSession, 'revokedAt' | 'expiresAt'> | null } | null> {
    const rows: Array<{ status: UserStatus; revoked_at: Date | null; expires_at: Date | null }> =
      await this.dataSource.query(
        `SELECT u.status, s.revoked_at, s.expires_at FROM users u
         LEFT JOIN auth_sessions s ON s.id = ? AND s.user_id = u.id
         WHERE u.id = ?`,
        [sessionId, userId],
      );
    if (rows.length === 0) {
      return null;
    }
    const [row] = rows;
    return {
      status: row.status,
      session: row.expires_at === null ? null : { revokedAt: row.revoked_at, expiresAt: row.expires_at },
    };
  }

  async findByTokenHash(tokenHash: string): Promise<RefreshTokenWithSession | null> {
    const token = await this.tokens.findOneBy({ tokenHash });
    if (!token) {
      return null;
    }
    const session = await this.sessions.findOneBy({ id: token.sessionId });
    return session ? { token, session } : null;
  }

  /**
   * Spends `token` and adds its successor, atomically. False when the token was already spent
   * (a concurrent refresh or a replay): the caller then revokes the session.
   */
  async rotate(token: RefreshToken, successor: RefreshToken, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const spent = await manager.update(RefreshToken, { id: token.id, usedAt: IsNull() }, { usedAt: at });
      if ((spent.affected ?? 0) !== 1) {
        return false;
      }
      await manager.insert(RefreshToken, successor);
      return true;
    });
  }

  async revoke(sessionId: string, reason: string, at: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  async revokeAllOfUser(userId: string, reason: string, at: Date, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(AuthSession) ?? this.sessions).update(
      { userId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
  }

  /** A person's most recent sign-ins, newest first. */
  recentOfUser(userId: string, limit: number): Promise<AuthSession[]> {
    return this.sessions.find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
  }
}
