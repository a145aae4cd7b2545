import { hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Environment, loadEnvironment } from './environment';

/** Typed, derived view of the validated environment. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: URL;
  readonly contentUrl: URL;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly dataDir: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly jwtSecret: string;
  readonly jwtSecretIsEphemeral: boolean;
  readonly logLevel: string;
  readonly isProduction: boolean;
  readonly trustProxy?: string;
  readonly jobLockMs: number;
  readonly accessTokenTtlSeconds: number;
  readonly downloadLinkTtlSeconds: number;
  readonly licenceSigningKey?: string;
  readonly licenceTrustedKeys: string[];
  readonly certificateSigningKey?: string;
  readonly certificateTrustedKeys: string[];
  readonly serverCountry?: string;
  readonly serverAdministration?: string;
  /** Anonymous visitors may browse the published catalogue (PUBLIC_CATALOGUE). */
  readonly publicCatalogue: boolean;

  readonly registrationReminderDays: number;
  readonly registrationEscalationDays: number;
  readonly registrationCheckEveryMinutes: number;
  readonly signInRetentionDays: number;

  constructor(readonly env: Environment) {
    this.registrationReminderDays = env.REGISTRATION_REMINDER_DAYS;
    this.registrationEscalationDays = env.REGISTRATION_ESCALATION_DAYS;
    this.registrationCheckEveryMinutes = env.REGISTRATION_CHECK_EVERY_MINUTES;
    this.signInRetentionDays = env.SIGN_IN_RETENTION_DAYS;
    this.port = env.PORT;
    this.host = env.HOST;
    this.publicUrl = new URL(env.PUBLIC_URL);
    this.contentUrl = new URL(env.CONTENT_URL);
    this.databaseUrl = env.DATABASE_URL;
    this.redisUrl = env.REDIS_URL;
    this.redisPrefix = env.REDIS_PREFIX;
    this.dataDir = path.resolve(env.DATA_DIR);
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.jwtSecretIsEphemeral = !env.JWT_SECRET;
    // Development only (production refuses to start without one): tokens die with the process.
    this.jwtSecret = env.JWT_SECRET ?? randomBytes(48).toString('base64url');
    this.logLevel = env.LOG_LEVEL;
    this.isProduction = env.NODE_ENV === 'production';
    this.trustProxy = env.TRUST_PROXY;
    this.jobLockMs = env.JOB_LOCK_SECONDS * 1000;
    this.accessTokenTtlSeconds = env.ACCESS_TOKEN_TTL_SECONDS;
    this.downloadLinkTtlSeconds = env.DOWNLOAD_LINK_TTL_SECONDS;
    this.licenceSigningKey = env.LICENCE_SIGNING_KEY;
    this.licenceTrustedKeys = (env.LICENCE_TRUSTED_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
    this.certificateSigningKey = env.CERTIFICATE_SIGNING_KEY;
    this.certificateTrustedKeys = (env.CERTIFICATE_TRUSTED_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
    this.serverCountry = env.SERVER_COUNTRY;
    this.serverAdministration = env.SERVER_ADMINISTRATION?.trim();
    this.publicCatalogue = env.PUBLIC_CATALOGUE;
  }

  /** A rate limit setting as {points, seconds}. */
  rateLimit(
    name:
      | 'RATE_LIMIT_LOGIN_IP'
      | 'RATE_LIMIT_LOGIN_ACCOUNT'
      | 'RATE_LIMIT_LOGIN_DEVICE'
      | 'RATE_LIMIT_REGISTER_IP'
      | 'RATE_LIMIT_MAIL_IP'
      | 'RATE_LIMIT_MAIL_ACCOUNT'
      | 'RATE_LIMIT_TOKEN_IP'
      | 'RATE_LIMIT_VERIFY_IP',
  ): { points: number; seconds: number } {
    const [points, seconds] = this.env[name].split('/').map(Number);
    return { points: points, seconds: seconds };
  }

  /**
   * A 32-byte key of its own for one purpose (HKDF-SHA256 of JWT_SECRET with the purpose as `info`):
   * a token signed for one purpose is never valid for another.
   */
  derivedKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.jwtSecret, Buffer.alloc(0), purpose, 32));
  }
}

/**
 * The config every process runs with: `source` (the process environment unless given) validated
 * by {@link loadEnvironment}. ConfigModule provides this; benchmarks and tools that build services
 * outside Nest call it with the environment they give their processes, so they cannot drift.
 */
export function createAppConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  return new AppConfig(loadEnvironment(source));
}
