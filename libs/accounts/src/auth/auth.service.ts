import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';
import { User, UserStatus } from '../entities/user.entity';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from '../services/password-hasher.service';
import { AuthenticatedUser, Role } from './authenticated-user';
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

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  /**
   * The user whose credentials these are, or INVALID_CREDENTIALS. Unknown emails cost the same
   * argon2 work as known ones. The account's status is told only to whoever knows its password.
   */
  async validateCredentials(email: string, password: string): Promise<User> {
    const user = await this.users.findByEmail(email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !valid) {
      throw DomainException.unauthorized('Wrong email or password', ErrorCode.InvalidCredentials);
    }
    if (user.status !== UserStatus.Active) {
      const { code, message } = STATUS_ERRORS[user.status];
      throw new DomainException(code, HttpStatus.FORBIDDEN, message);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update(user.id, { passwordHash: await this.hasher.hash(password) });
    }
    return user;
  }

  async login(user: User): Promise<{ accessToken: string; user: AuthenticatedUser }> {
    return { accessToken: await this.tokens.issueAccessToken(user), user: this.describe(user) };
  }

  /** Re-checks a verified token against the account as it is now: status and token version. */
  async resolveAccessToken(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    if (claims.typ !== ACCESS_TOKEN_TYPE || typeof claims.sub !== 'string' || typeof claims.ver !== 'number') {
      throw DomainException.unauthorized('Invalid token', ErrorCode.TokenInvalid);
    }
    const user = await this.users.findById(claims.sub);
    if (!user || user.status !== UserStatus.Active || user.tokenVersion !== claims.ver) {
      throw DomainException.unauthorized('Session ended: sign in again', ErrorCode.TokenInvalid);
    }
    return this.describe(user);
  }

  describe(user: User): AuthenticatedUser {
    const roles: Role[] = [user.role];
    return { id: user.id, email: user.email, displayName: user.displayName, country: user.country, roles };
  }
}
