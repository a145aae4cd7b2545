import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { User } from '../entities/user.entity';

/** The default lifetime (ACCESS_TOKEN_TTL_SECONDS); the configured one is AppConfig.accessTokenTtlSeconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ACCESS_TOKEN_AUDIENCE = 'clearance-api';
export const ACCESS_TOKEN_TYPE = 'access';
/** Pinned: tokens signed with any other algorithm, `none` included, are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface AccessTokenClaims {
  sub: string;
  /** The user's token version when issued; a bump (password change, suspension…) kills the token. */
  ver: number;
  /** The sign-in session; revoking it (logout, refresh-token reuse) kills the token. */
  sid: string;
  typ: typeof ACCESS_TOKEN_TYPE;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get issuer(): string {
    return this.config.publicUrl.origin;
  }

  issueAccessToken(user: Pick<User, 'id' | 'tokenVersion'>, sessionId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: user.id, ver: user.tokenVersion, sid: sessionId, typ: ACCESS_TOKEN_TYPE };
    return this.jwt.signAsync(claims, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      secret: this.config.jwtSecret,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: this.issuer,
      expiresIn: this.config.accessTokenTtlSeconds,
    });
  }
}
