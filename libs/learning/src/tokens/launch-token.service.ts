import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hkdfSync } from 'node:crypto';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { LearningStandard } from '../entities/attempt.entity';

/** A launch lasts one long sitting, like the content links it comes with. */
export const LAUNCH_TOKEN_TTL_SECONDS = 4 * 60 * 60;
export const LAUNCH_TOKEN_TYPE = 'launch';
export const LAUNCH_TOKEN_AUDIENCE = 'clearance-launch';
/** Pinned: tokens signed with any other algorithm, `none` included, are refused. */
const ALGORITHM = 'HS256';

export interface LaunchClaims {
  typ: typeof LAUNCH_TOKEN_TYPE;
  /** The learner. */
  sub: string;
  /** The attempt. */
  att: string;
  /** The attempt's session number this launch started (commits of older sessions are refused). */
  ses: number;
  /** `scorm12` or `scorm2004`: how commits are read. */
  std: LearningStandard;
  /** Review session (completed attempt): commits are acknowledged and not written. */
  rev?: true;
}

export type LaunchGrant = Omit<LaunchClaims, 'typ'>;

/**
 * Launch tokens: JWTs whose key is derived from JWT_SECRET with HKDF and its own `info`, so a
 * launch token is never an access token (nor the other way round). They authenticate the player's
 * calls and the commits of one attempt's session, including sendBeacon's, which cannot send headers.
 */
@Injectable()
export class LaunchTokenService {
  private readonly key: Buffer;
  private readonly issuer: string;

  constructor(
    private readonly jwt: JwtService,
    config: AppConfig,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), 'clearance-launch-token', 32));
    this.issuer = config.publicUrl.origin;
  }

  issue(grant: LaunchGrant): string {
    const claims: LaunchClaims = { typ: LAUNCH_TOKEN_TYPE, ...grant };
    return this.jwt.sign(claims, {
      algorithm: ALGORITHM,
      secret: this.key,
      audience: LAUNCH_TOKEN_AUDIENCE,
      issuer: this.issuer,
      expiresIn: LAUNCH_TOKEN_TTL_SECONDS,
    });
  }

  /** The token's claims, or 401 TOKEN_INVALID (forged, expired, another kind of token, malformed). */
  verify(token: string | undefined): LaunchClaims {
    if (!token) {
      throw DomainException.unauthorized('A launch token is needed', ErrorCode.Unauthorized);
    }
    let claims: Partial<LaunchClaims>;
    try {
      claims = this.jwt.verify<LaunchClaims>(token, {
        algorithms: [ALGORITHM],
        secret: this.key,
        audience: LAUNCH_TOKEN_AUDIENCE,
        issuer: this.issuer,
      });
    } catch {
      throw DomainException.unauthorized('The launch has expired or is invalid: launch again', ErrorCode.TokenInvalid);
    }
    if (
      claims.typ !== LAUNCH_TOKEN_TYPE ||
      typeof claims.sub !== 'string' ||
      typeof claims.att !== 'string' ||
      !Number.isSafeInteger(claims.ses) ||
      (claims.std !== 'scorm12' && claims.std !== 'scorm2004')
    ) {
      throw DomainException.unauthorized('The launch has expired or is invalid: launch again', ErrorCode.TokenInvalid);
    }
    return claims as LaunchClaims;
  }

  /** The token of a request: `?token=` (sendBeacon) or `Authorization: Bearer`. */
  static fromRequest(query: unknown, authorization: string | undefined): string | undefined {
    const token = (query as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token !== '') {
      return token;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    return match?.[1];
  }
}
