import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const RATE = /^[1-9]\d{0,5}\/[1-9]\d{0,5}$/;
const RATE_MESSAGE = 'must be <attempts>/<seconds>, both at least 1, e.g. 10/900';
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

const urlOptions = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Every setting the processes read, validated once at start-up. A wrong or missing value stops the
 * process with a message that names the variable (see {@link loadEnvironment}).
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Origin of the web app and API as users reach it; also the base of links in mail. */
  @IsUrl(urlOptions)
  PUBLIC_URL = 'http://localhost:3000';

  /** Origin SCORM content is served from: must differ from PUBLIC_URL's origin. */
  @IsUrl(urlOptions)
  CONTENT_URL = 'http://127.0.0.1:3000';

  @Matches(/^mysql:\/\/[^\s/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
    message: 'must look like mysql://user[:password]@host[:port]/database',
  })
  DATABASE_URL = 'mysql://root@127.0.0.1:3306/clearance';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must look like redis://host:port[/db]' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key the platform writes (queues, counters); one per deployment or test run. */
  @Matches(/^[A-Za-z0-9_{}:-]{1,64}$/, { message: 'must be 1-64 characters of letters, digits, _ - : { }' })
  REDIS_PREFIX = '{clearance}';

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** smtp(s)://user:pass@host:port; unset writes mail to DATA_DIR/outbox as .eml files. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must look like smtp://[user:pass@]host:port or smtps://…' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'Clearance <no-reply@clearance.local>';

  /** Signs access tokens. Required outside development and test. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * Failed sign-ins/seconds per client IP, from browsers that hold no device cookie of the account
   * (docs/security.md). Successful ones are not counted.
   */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_LOGIN_IP = '50/900';

  /**
   * Failed sign-ins/seconds per account from every device it has not signed in from, together: caps
   * what strangers can try against one account, without locking out the owner's own devices.
   */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_LOGIN_ACCOUNT = '100/3600';

  /**
   * Failed sign-ins/seconds per account and device it signed in from before (the signed device
   * cookie): each such device has this allowance of its own. Also wrong current passwords when
   * changing it.
   */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_LOGIN_DEVICE = '10/900';

  /** Registrations/seconds per client IP. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_REGISTER_IP = '10/3600';

  /** Password-reset and verification-mail requests/seconds per client IP, and per account. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_MAIL_IP = '10/3600';

  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_MAIL_ACCOUNT = '5/3600';

  /** Uses of mailed tokens (verify, reset) per client IP. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_TOKEN_IP = '30/900';

  /** Public certificate checks (by code or signed statement)/seconds per client IP (docs/certificates.md). */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_VERIFY_IP = '120/900';

  /**
   * `true` (default): anyone may browse the published catalogue (titles, descriptions, topics,
   * languages) without signing in; starting a course still needs an account. `false`: the
   * catalogue needs a sign-in too (docs/catalogue.md).
   */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  PUBLIC_CATALOGUE = true;

  /** Days a registration may wait before its coordinators are reminded, and before the Secretariat is told. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTRATION_REMINDER_DAYS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTRATION_ESCALATION_DAYS = 7;

  /** Days a recorded sign-in is kept for the usage figures (docs/reports.md); older ones are removed daily. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  SIGN_IN_RETENTION_DAYS = 400;

  /** How often the worker looks for registrations left pending. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTRATION_CHECK_EVERY_MINUTES = 60;

  /**
   * Seconds a worker holds a job without renewing its lock before the job counts as stalled and
   * another worker takes it over (a crashed worker's jobs resume after about this long).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  JOB_LOCK_SECONDS = 30;

  /**
   * Lifetime of an access token, in seconds. The web app renews it with the refresh cookie when it
   * expires; a short value (tests) exercises that renewal.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /**
   * Lifetime of a signed download link (group files, curriculum files), in seconds: long enough to
   * start a download or a video, short enough that a leaked link soon stops working.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DOWNLOAD_LINK_TTL_SECONDS = 300;

  /** Comma-separated proxy addresses to trust for X-Forwarded-For (rate limits key on the client IP). */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Hub: the Ed25519 private key licence bundles are signed with (PKCS#8, PEM or base64 DER). */
  @IsOptional()
  @IsString()
  LICENCE_SIGNING_KEY?: string;

  /** National server: comma-separated Ed25519 public keys (SPKI, PEM or base64 DER) of the hubs it trusts. */
  @IsOptional()
  @IsString()
  LICENCE_TRUSTED_KEYS?: string;

  /**
   * The Ed25519 private key (PKCS#8, PEM or base64 DER) this server signs certificate statements
   * with (docs/certificates.md; `npm run cli -- certificate-keygen`). Required in production; in
   * development a key is made per process.
   */
  @IsOptional()
  @IsString()
  CERTIFICATE_SIGNING_KEY?: string;

  /** Comma-separated Ed25519 public keys (SPKI, PEM or base64 DER) of other Clearance servers whose certificates it trusts. */
  @IsOptional()
  @IsString()
  CERTIFICATE_TRUSTED_KEYS?: string;

  /** National server: this server's country (ISO 3166-1 alpha-2); a licence must name it. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. KE' })
  SERVER_COUNTRY?: string;

  /** National server: this server's administration, as licences name it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SERVER_ADMINISTRATION?: string;
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'EnvironmentError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return `${error.property}: ${reasons} (got ${JSON.stringify(error.value)})`;
  });
}

/**
 * Reads and validates the environment. Empty strings count as unset, so `FOO=` in a compose file
 * falls back to the default instead of failing on an empty value.
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const known = Object.keys(new Environment());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'SMTP_URL', 'JWT_SECRET', 'TRUST_PROXY']) {
    const value = source[key];
    if (value !== undefined && value !== '') {
      raw[key] = value;
    }
  }
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const problems = describe(validateSync(env, { forbidUnknownValues: true }));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: must be set in production (at least 32 characters)');
  }
  if (env.NODE_ENV === 'production' && !env.CERTIFICATE_SIGNING_KEY) {
    problems.push(
      'CERTIFICATE_SIGNING_KEY: must be set in production (an Ed25519 private key: npm run cli -- certificate-keygen)',
    );
  }
  if (sameOrigin(env.PUBLIC_URL, env.CONTENT_URL)) {
    problems.push('CONTENT_URL: must be a different origin from PUBLIC_URL, or SCORM content could read the session');
  }
  if (problems.length > 0) {
    throw new EnvironmentError(problems);
  }
  return env;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
