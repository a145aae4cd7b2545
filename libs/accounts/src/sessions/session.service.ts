import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { AuthSession } from '../entities/auth-session.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User, UserStatus } from '../entities/user.entity';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../repositories/user.repository';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../services/secret-token';

/** No session outlives this, however often it is refreshed. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** A refresh token unused for this long expires (the session may still be younger than its absolute limit). */
export const REFRESH_TOKEN_IDLE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * Whether what a sign-in session launched (SCORM launch tokens) may still act: `live`, or why not.
 * docs/player.md: a launch token belongs to the sign-in session that launched it.
 */
export type SessionStanding = 'live' | 'session-ended' | 'account-inactive';

export interface IssuedRefreshToken {
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Sign-in sessions with rotating refresh tokens; a replayed (spent) token revokes its whole session. */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
  ) {}

  async start(user: Pick<User, 'id'>, now = new Date()): Promise<IssuedRefreshToken> {
    const session: AuthSession = {
      id: randomUUID(),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS),
      revokedAt: null,
      revokedReason: null,
    };
    const { token, raw } = this.newToken(session, now);
    await this.sessions.create(session, token);
    return { sessionId: session.id, refreshToken: raw, expiresAt: token.expiresAt };
  }

  /**
   * Spends a refresh token and issues its successor. A token spent before means it was stolen or
   * replayed: the whole session is revoked, and the caller must sign in again.
   */
  async rotate(rawToken: unknown, now = new Date()): Promise<IssuedRefreshToken & { user: User }> {
    const invalid = (): DomainException =>
      DomainException.unauthorized('Session expired: sign in again', ErrorCode.TokenInvalid);
    if (!looksLikeSecretToken(rawToken)) {
      throw invalid();
    }
    const found = await this.sessions.findByTokenHash(hashSecretToken(rawToken));
    if (!found) {
      throw invalid();
    }
    const { token, session } = found;
    if (token.usedAt) {
      await this.sessions.revoke(session.id, 'refresh-token-reuse', now);
      throw DomainException.unauthorized('This sign-in was ended for safety: sign in again', ErrorCode.TokenReused);
    }
    if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) {
      throw invalid();
    }
    const user = await this.users.findById(session.userId);
    if (!user || user.status !== UserStatus.Active) {
      await this.sessions.revoke(session.id, 'account-inactive', now);
      throw invalid();
    }
    const next = this.newToken(session, now);
    if (!(await this.sessions.rotate(token, next.token, now))) {
      await this.sessions.revoke(session.id, 'refresh-token-reuse', now);
      throw DomainException.unauthorized('This sign-in was ended for safety: sign in again', ErrorCode.TokenReused);
    }
    return { sessionId: session.id, refreshToken: next.raw, expiresAt: next.token.expiresAt, user };
  }

  /** Ends the session a refresh token belongs to (logout); unknown tokens are ignored. */
  async endByToken(rawToken: unknown, now = new Date()): Promise<void> {
    if (!looksLikeSecretToken(rawToken)) {
      return;
    }
    const found = await this.sessions.findByTokenHash(hashSecretToken(rawToken));
    if (found) {
      await this.sessions.revoke(found.session.id, 'logout', now);
    }
  }

  async endAllOfUser(userId: string, reason: string, now = new Date(), manager?: EntityManager): Promise<void> {
    await this.sessions.revokeAllOfUser(userId, reason, now, manager);
  }

  /** The standing of a sign-in session and its account now (one query). */
  async standing(sessionId: string, userId: string, now = new Date()): Promise<SessionStanding> {
    const found = await this.sessions.findStanding(sessionId, userId);
    if (!found || found.status !== UserStatus.Active) {
      return 'account-inactive';
    }
    const session = found.session;
    return session && !session.revokedAt && session.expiresAt > now ? 'live' : 'session-ended';
  }

  private newToken(session: AuthSession, now: Date): { token: RefreshToken; raw: string } {
    const raw = newSecretToken();
    const expiresAt = new Date(Math.min(now.getTime() + REFRESH_TOKEN_IDLE_LIFETIME_MS, session.expiresAt.getTime()));
    return {
      raw,
      token: {
        id: randomUUID(),
        sessionId: session.id,
        tokenHash: hashSecretToken(raw),
        createdAt: now,
        expiresAt,
        usedAt: null,
      },
    };
  }
}
