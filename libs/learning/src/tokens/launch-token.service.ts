import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { LearningStandard } from '../entities/attempt.entity';

/** A launch lasts one long sitting, like the content links it comes with. */
export const LAUNCH_TOKEN_TTL_SECONDS = 4 * 60 * 60;
export const LAUNCH_TOKEN_TYPE = 'launch';
export const LAUNCH_TOKEN_AUDIENCE = 'clearance-launch';
/** Pinned: tokens signed with any other algorithm, `none` included, are refused. */
const ALGORITHM = 'HS256';
const HEADER = Buffer.from(JSON.stringify({ alg: ALGORITHM, typ: 'JWT' })).toString('base64url');
/** Far above a real launch token (~400 characters); anything longer is not worth hashing. */
const MAX_TOKEN_LENGTH = 2048;

export interface LaunchClaims {
  typ: typeof LAUNCH_TOKEN_TYPE;
  /** The learner. */
  sub: string;
  /**
   * The sign-in session that launched it (the access token's `sid`): once that session has ended or
   * the account is no longer active, the token does nothing more (docs/player.md).
   */
  sid: string;
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
 * Launch tokens: JWTs (HS256) whose key is derived from JWT_SECRET with HKDF and its own `info`, so a
 * launch token is never an access token (nor the other way round). They authenticate the player's
 * calls and the commits of one attempt's session, including sendBeacon's, which cannot send headers.
 */
@Injectable()
export class LaunchTokenService {
  private readonly key: Buffer;
  private readonly issuer: string;

  constructor(config: AppConfig) {
    this.key = config.derivedKey('clearance-launch-token');
    this.issuer = config.publicUrl.origin;
  }

  issue(grant: LaunchGrant): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: LaunchClaims & { aud: string; iss: string; iat: number; exp: number } = {
      typ: LAUNCH_TOKEN_TYPE,
      ...grant,
      aud: LAUNCH_TOKEN_AUDIENCE,
      iss: this.issuer,
      iat: now,
      exp: now + LAUNCH_TOKEN_TTL_SECONDS,
    };
    const signed = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signed}.${this.sign(signed)}`;
  }

  /**
   * The token's claims, or 401 TOKEN_INVALID (forged, expired, another kind of token, malformed).
   * A plain HS256 check with node:crypto: the commit's hot path verifies one per request, and
   * jsonwebtoken's generic verify cost about as much as the rest of the commit together.
   */
  verify(token: string | undefined): LaunchClaims {
    if (!token) {
      throw DomainException.unauthorized('A launch token is needed', ErrorCode.Unauthorized);
    }
    const invalid = (): DomainException =>
      DomainException.unauthorized('The launch has expired or is invalid: launch again', ErrorCode.TokenInvalid);
    const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
    if (parts.length !== 3) {
      throw invalid();
    }
    const [header, payload, signature] = parts;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalid();
    }
    let parsedHeader: { alg?: unknown };
    let claims: Partial<LaunchClaims> & { aud?: unknown; iss?: unknown; exp?: unknown };
    try {
      parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      throw invalid();
    }
    if (
      parsedHeader?.alg !== ALGORITHM ||
      typeof claims !== 'object' ||
      claims === null ||
      claims.typ !== LAUNCH_TOKEN_TYPE ||
      claims.aud !== LAUNCH_TOKEN_AUDIENCE ||
      claims.iss !== this.issuer ||
      typeof claims.exp !== 'number' ||
      claims.exp <= Date.now() / 1000 ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.att !== 'string' ||
      !Number.isSafeInteger(claims.ses) ||
      (claims.std !== 'scorm12' && claims.std !== 'scorm2004')
    ) {
      throw invalid();
    }
    return {
      typ: LAUNCH_TOKEN_TYPE,
      sub: claims.sub,
      sid: claims.sid,
      att: claims.att,
      ses: claims.ses!,
      std: claims.std,
      ...(claims.rev === true ? { rev: true as const } : {}),
    };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
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
