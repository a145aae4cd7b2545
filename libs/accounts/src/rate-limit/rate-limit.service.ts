import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { RedisService } from '@app/redis';

export enum RateLimitKind {
  LoginIp = 'login-ip',
  LoginAccount = 'login-account',
  /** Per account and device it signed in from before (key: `<account key>:<device id>`). */
  LoginDevice = 'login-device',
  /** Wrong current passwords when changing it (key: the account key). */
  PasswordChange = 'password-change',
  RegisterIp = 'register-ip',
  MailIp = 'mail-ip',
  MailAccount = 'mail-account',
  TokenIp = 'token-ip',
  /** Public certificate verifications (docs/certificates.md). */
  VerifyIp = 'verify-ip',
}

const SETTING: Record<RateLimitKind, Parameters<AppConfig['rateLimit']>[0]> = {
  [RateLimitKind.LoginIp]: 'RATE_LIMIT_LOGIN_IP',
  [RateLimitKind.LoginAccount]: 'RATE_LIMIT_LOGIN_ACCOUNT',
  [RateLimitKind.LoginDevice]: 'RATE_LIMIT_LOGIN_DEVICE',
  [RateLimitKind.PasswordChange]: 'RATE_LIMIT_LOGIN_DEVICE',
  [RateLimitKind.RegisterIp]: 'RATE_LIMIT_REGISTER_IP',
  [RateLimitKind.MailIp]: 'RATE_LIMIT_MAIL_IP',
  [RateLimitKind.MailAccount]: 'RATE_LIMIT_MAIL_ACCOUNT',
  [RateLimitKind.TokenIp]: 'RATE_LIMIT_TOKEN_IP',
  [RateLimitKind.VerifyIp]: 'RATE_LIMIT_VERIFY_IP',
};

/**
 * Fixed-window counters in Redis (rate-limiter-flexible: one atomic INCR+PEXPIRE per attempt, so
 * counts are exact under parallel requests and shared by every api instance). Should Redis be
 * away, an in-memory limiter of the same size stands in rather than letting attempts through.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);
  private readonly limiters = new Map<RateLimitKind, RateLimiterRedis>();

  constructor(config: AppConfig, redis: RedisService) {
    for (const kind of Object.values(RateLimitKind)) {
      const { points, seconds } = config.rateLimit(SETTING[kind]);
      this.limiters.set(
        kind,
        new RateLimiterRedis({
          storeClient: redis.client,
          keyPrefix: redis.key('rl', kind),
          points,
          duration: seconds,
          insuranceLimiter: new RateLimiterMemory({ points, duration: seconds }),
        }),
      );
    }
  }

  /** Keys for accounts are hashed: no email addresses in Redis. */
  static accountKey(email: string): string {
    return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
  }

  /** Counts one attempt; throws 429 TOO_MANY_REQUESTS (with Retry-After) once over the limit. */
  async consume(kind: RateLimitKind, key: string): Promise<void> {
    try {
      await this.limiter(kind).consume(key, 1);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw DomainException.tooManyRequests(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      }
      this.logger.error(`Rate limiter ${kind} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  /** Attempts counted in the current window (for operators and tests). */
  async consumed(kind: RateLimitKind, key: string): Promise<number> {
    return (await this.limiter(kind).get(key))?.consumedPoints ?? 0;
  }

  /**
   * Gives back the point an attempt took (a sign-in that turned out right): counting before the
   * check keeps the cap exact under parallel requests, refunding after it counts only failures.
   */
  async refund(kind: RateLimitKind, key: string): Promise<void> {
    await this.limiter(kind).reward(key, 1);
  }

  async reset(kind: RateLimitKind, key: string): Promise<void> {
    await this.limiter(kind).delete(key);
  }

  private limiter(kind: RateLimitKind): RateLimiterRedis {
    return this.limiters.get(kind)!;
  }
}
