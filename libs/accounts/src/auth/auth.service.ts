import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';
import { User, UserStatus } from '../entities/user.entity';
import { RateLimitKind, RateLimitService } from '../rate-limit/rate-limit.service';
import { CoordinatorAppointmentRepository } from '../repositories/coordinator-appointment.repository';
import { RtcRepository } from '../repositories/rtc.repository';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from '../services/password-hasher.service';
import { SessionService } from '../sessions/session.service';
import { SignInLogService } from '../sessions/sign-in-log.service';
import { AuthenticatedUser, Role } from './authenticated-user';
import { DeviceCookieService } from './device-cookie.service';
import { AccessTokenClaims, ACCESS_TOKEN_TYPE, TokenService } from './token.service';

const STATUS_ERRORS: Record<Exclude<UserStatus, UserStatus.Active>, { code: ErrorCode; message: string }> = {
  [UserStatus.Unverified]: { code: ErrorCode.AccountUnverified, message: 'Confirm your email address first' },
  [UserStatus.Pending]: {
    code: ErrorCode.AccountPending,
    message: 'Your registration is waiting for your national coordinator',
  },
  [UserStatus.Rejected]: { code: ErrorCode.AccountRejected, message: 'Your registration was not approved' },
  [UserStatus.Suspended]: { code: ErrorCode.AccountSuspended, message: 'Your account is suspended' },
};

export interface SignedIn {
  accessToken: string;
  user: Omit<AuthenticatedUser, 'sessionId' | 'coordinatorCountries' | 'rtcIds'>;
  refreshToken: string;
  refreshExpiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly appointments: CoordinatorAppointmentRepository,
    private readonly rtcs: RtcRepository,
    private readonly sessionRows: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly limits: RateLimitService,
    private readonly devices: DeviceCookieService,
    private readonly signIns: SignInLogService,
  ) {}

  /**
   * The user whose credentials these are, or INVALID_CREDENTIALS. Failed attempts are counted the
   * way OWASP's brute-force guidance has it (docs/security.md): a browser holding this account's
   * device cookie has an allowance of its own (RATE_LIMIT_LOGIN_DEVICE); every other attempt counts
   * against the client IP (RATE_LIMIT_LOGIN_IP) and against the account's allowance for strangers
   * (RATE_LIMIT_LOGIN_ACCOUNT), so hammering an account locks out strangers, never the owner's own
   * devices. A point is taken before the password is checked (exact under parallel requests) and
   * given back when it was right. Unknown emails cost the same argon2 work as known ones; the
   * account's status is told only to whoever knows its password.
   */
  async validateCredentials(email: string, password: string, clientIp: string, deviceCookie?: unknown): Promise<User> {
    const accountKey = RateLimitService.accountKey(email);
    const deviceId = this.devices.deviceOf(accountKey, deviceCookie);
    const counters: Array<[RateLimitKind, string]> = deviceId
      ? [[RateLimitKind.LoginDevice, `${accountKey}:${deviceId}`]]
      : [
          [RateLimitKind.LoginIp, clientIp],
          [RateLimitKind.LoginAccount, accountKey],
        ];
    for (const [index, [kind, key]] of counters.entries()) {
      try {
        await this.limits.consume(kind, key);
      } catch (error) {
        // Refused before any check: the counters already taken give their point back.
        await Promise.all(counters.slice(0, index).map(([k, v]) => this.limits.refund(k, v)));
        throw error;
      }
    }
    const user = await this.users.findByEmail(email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !valid) {
      throw DomainException.unauthorized('Wrong email or password', ErrorCode.InvalidCredentials);
    }
    await Promise.all(counters.map(([kind, key]) => this.limits.refund(kind, key)));
    if (user.status !== UserStatus.Active) {
      const { code, message } = STATUS_ERRORS[user.status];
      throw DomainException.forbidden(message, code);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update(user.id, { passwordHash: await this.hasher.hash(password) });
    }
    return user;
  }

  /** The device cookie to leave after a sign-in: the browser's own when it is this account's, else a new one. */
  deviceCookieFor(user: User, current: unknown): string {
    const accountKey = RateLimitService.accountKey(user.email);
    return this.devices.deviceOf(accountKey, current) && typeof current === 'string'
      ? current
      : this.devices.issue(accountKey);
  }

  /** Starts a session: an access token and the first refresh token of a new family. */
  async login(user: User): Promise<SignedIn> {
    const session = await this.sessions.start(user);
    // Recorded for the usage figures (docs/reports.md): one INSERT, alongside the rest of the reply.
    const [described] = await Promise.all([this.describe(user, session.sessionId), this.signIns.record(user)]);
    return {
      accessToken: await this.tokens.issueAccessToken(user, session.sessionId),
      user: publicView(described),
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.expiresAt,
    };
  }

  /** Rotates the refresh token and issues a fresh access token. */
  async refresh(rawRefreshToken: unknown): Promise<SignedIn> {
    const rotated = await this.sessions.rotate(rawRefreshToken);
    const described = await this.describe(rotated.user, rotated.sessionId);
    return {
      accessToken: await this.tokens.issueAccessToken(rotated.user, rotated.sessionId),
      user: publicView(described),
      refreshToken: rotated.refreshToken,
      refreshExpiresAt: rotated.expiresAt,
    };
  }

  logout(rawRefreshToken: unknown): Promise<void> {
    return this.sessions.endByToken(rawRefreshToken);
  }

  /**
   * Re-checks a verified token against the account as it is now: status, token version, session
   * and appointments, read in one query (SessionRepository.findBearer: primary keys and the
   * appointments' user index) and never cached, so suspension, password change, logout and an
   * ended appointment take effect on the next request, whichever api process made the change.
   */
  async resolveAccessToken(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    const invalid = (): DomainException =>
      DomainException.unauthorized('Session ended: sign in again', ErrorCode.TokenInvalid);
    if (
      claims.typ !== ACCESS_TOKEN_TYPE ||
      typeof claims.sub !== 'string' ||
      typeof claims.ver !== 'number' ||
      typeof claims.sid !== 'string'
    ) {
      throw invalid();
    }
    const now = new Date();
    const bearer = await this.sessionRows.findBearer(claims.sid, claims.sub, now);
    const session = bearer?.session;
    if (
      !bearer ||
      !session ||
      session.revokedAt ||
      session.expiresAt <= now ||
      bearer.status !== UserStatus.Active ||
      bearer.tokenVersion !== claims.ver
    ) {
      throw invalid();
    }
    return authenticated(claims.sub, bearer, bearer.coordinatorCountries, bearer.rtcIds, claims.sid);
  }

  async describe(user: User, sessionId: string): Promise<AuthenticatedUser> {
    const now = new Date();
    const [appointments, rtcIds] = await Promise.all([
      this.appointments.findActiveForUser(user.id, now),
      this.rtcs.activeRtcIdsOf(user.id, now),
    ]);
    const coordinatorCountries = [...new Set(appointments.map((appointment) => appointment.country))].sort();
    return authenticated(user.id, user, coordinatorCountries, rtcIds, sessionId);
  }
}

/** Roles as the API reports them: the base role, and `coordinator` while an appointment is active. */
function authenticated(
  id: string,
  user: Pick<User, 'email' | 'displayName' | 'country' | 'role'>,
  coordinatorCountries: string[],
  rtcIds: string[],
  sessionId: string,
): AuthenticatedUser {
  const roles: Role[] = [user.role];
  if (coordinatorCountries.length > 0) {
    roles.push('coordinator');
  }
  return {
    id,
    email: user.email,
    displayName: user.displayName,
    country: user.country,
    roles,
    coordinatorCountries,
    rtcIds,
    sessionId,
  };
}

function publicView(user: AuthenticatedUser): SignedIn['user'] {
  return { id: user.id, email: user.email, displayName: user.displayName, country: user.country, roles: user.roles };
}
