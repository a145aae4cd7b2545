import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { AuthSession } from '../entities/auth-session.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { UserRole, UserStatus } from '../entities/user.entity';

/**
 * What an access token's bearer is now: the account, the named session of that account (null when
 * it is not theirs or does not exist), and the appointments active at the moment asked about.
 */
export interface Bearer {
  email: string;
  displayName: string;
  country: string | null;
  role: UserRole;
  status: UserStatus;
  tokenVersion: number;
  session: Pick<AuthSession, 'revokedAt' | 'expiresAt'> | null;
  /** Countries of the active coordinator appointments, sorted, each once. */
  coordinatorCountries: string[];
  /** RTCs of the active RTC staff appointments, sorted, each once. */
  rtcIds: string[];
}

interface BearerRow {
  email: string;
  display_name: string;
  country: string | null;
  role: UserRole;
  status: UserStatus;
  token_version: number;
  revoked_at: Date | null;
  expires_at: Date | null;
  coordinator_countries: string | string[] | null;
  rtc_ids: string | string[] | null;
}

/**
 * The bearer of an access token in one statement: the user by primary key, the session by primary
 * key, and each kind of appointment through its `(user_id, ends_at)` index, aggregated as JSON arrays
 * (JSON_ARRAYAGG: MariaDB 10.5+, MySQL 5.7.22+; GROUP_CONCAT would truncate at MySQL's 1,024 bytes).
 */
const BEARER_SQL = `SELECT u.email, u.display_name, u.country, u.role, u.status, u.token_version,
    s.revoked_at, s.expires_at,
    (SELECT JSON_ARRAYAGG(a.country) FROM coordinator_appointments a
      WHERE a.user_id = u.id AND a.starts_at <= ? AND (a.ends_at IS NULL OR a.ends_at > ?)) AS coordinator_countries,
    (SELECT JSON_ARRAYAGG(r.rtc_id) FROM rtc_staff_appointments r
      WHERE r.user_id = u.id AND r.starts_at <= ? AND (r.ends_at IS NULL OR r.ends_at > ?)) AS rtc_ids
  FROM users u
  LEFT JOIN auth_sessions s ON s.id = ? AND s.user_id = u.id
  WHERE u.id = ?`;

/** A JSON array as MariaDB (text) or MySQL (parsed by mysql2) returns it: distinct strings, sorted. */
function distinctSorted(value: string | string[] | null): string[] {
  const items: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(items) ? [...new Set(items.map(String))].sort() : [];
}

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

  /** An access token's bearer as of `at` (one query, see {@link BEARER_SQL}); null when the user does not exist. */
  async findBearer(sessionId: string, userId: string, at: Date): Promise<Bearer | null> {
    const rows: BearerRow[] = await this.dataSource.query(BEARER_SQL, [at, at, at, at, sessionId, userId]);
    if (rows.length === 0) {
      return null;
    }
    const [row] = rows;
    return {
      email: row.email,
      displayName: row.display_name,
      country: row.country,
      role: row.role,
      status: row.status,
      tokenVersion: Number(row.token_version),
      session: row.expires_at === null ? null : { revokedAt: row.revoked_at, expiresAt: row.expires_at },
      coordinatorCountries: distinctSorted(row.coordinator_countries),
      rtcIds: distinctSorted(row.rtc_ids),
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
