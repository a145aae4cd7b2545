import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request, { Response } from 'supertest';
import { AppConfig } from '@app/config';
import { JobName, JobSnapshot, JobState, QueueService } from '@app/queue';
import { nextClientIp, TestApp } from './app';
import { SinkMessage, SmtpSink } from './smtp-sink';

/** A password every policy check accepts (long, not common, not anybody's name or email). */
export const GOOD_PASSWORD = 'border posts at Namanga and Busia';

export const REFRESH_COOKIE = 'clearance_refresh';

/**
 * Gives this test file Redis keys of its own (queues, rate-limit counters) under the run's prefix, so
 * teardown still removes them and no other file's worker takes its jobs. Call before creating the
 * app and the worker; call the returned function in afterAll.
 */
export function isolateRedisPrefix(name: string): () => void {
  const original = process.env.REDIS_PREFIX!;
  process.env.REDIS_PREFIX = `${original}:${name}`;
  return () => {
    process.env.REDIS_PREFIX = original;
  };
}

/** Runs `fn` with `env` set in process.env (settings are read when an app is created), then restores it. */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
}

let emailCounter = 0;

/** A fresh address, unique in the run (the database is shared by every e2e file). */
export function uniqueEmail(tag: string, domain = 'example.org'): string {
  emailCounter++;
  return `${tag}-${emailCounter}-${Date.now().toString(36)}@${domain}`;
}

export interface RegistrationBody {
  email: string;
  password: string;
  displayName: string;
  country: string;
  administration: string;
  jobTitle?: string;
  preferredLanguage?: 'en' | 'fr' | 'es';
}

export function registrationBody(overrides: Partial<RegistrationBody> = {}): RegistrationBody {
  return {
    email: uniqueEmail('officer'),
    password: GOOD_PASSWORD,
    displayName: 'Amina Odhiambo',
    country: 'KE',
    administration: 'Kenya Revenue Authority',
    ...overrides,
  };
}

/** POST /api/auth/register from a fresh client address. */
export function postRegister(app: TestApp, body: object, ip = nextClientIp()): request.Test {
  return request(app.getHttpServer()).post('/api/auth/register').set('X-Forwarded-For', ip).send(body);
}

/** Registers through the API (201 expected). */
export async function register(
  app: TestApp,
  overrides: Partial<RegistrationBody> = {},
): Promise<RegistrationBody & { id: string }> {
  const body = registrationBody(overrides);
  const response = await postRegister(app, body).expect(201);
  return { ...body, email: body.email.toLowerCase(), id: (response.body as { id: string }).id };
}

export function postVerify(app: TestApp, body: object): request.Test {
  return request(app.getHttpServer()).post('/api/auth/verify-email').set('X-Forwarded-For', nextClientIp()).send(body);
}

export function postLogin(app: TestApp, email: string, password: string, ip = nextClientIp()): request.Test {
  return request(app.getHttpServer()).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
}

/** The nth (1-based) mail kept by the sink to `to` (optionally also matching `also`), waiting for it. */
export function nthMailTo(
  sink: SmtpSink,
  to: string,
  n = 1,
  also: (message: SinkMessage) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<SinkMessage> {
  const matches = (message: SinkMessage): boolean => message.to.includes(to.toLowerCase()) && also(message);
  return sink.waitFor((message) => matches(message) && sink.messages.filter(matches)[n - 1] === message, timeoutMs);
}

export function mailsTo(sink: SmtpSink, to: string): SinkMessage[] {
  return sink.messages.filter((message) => message.to.includes(to.toLowerCase()));
}

/**
 * The link to `PUBLIC_URL<path>?token=…` in a mail's text part, checked to be exactly that, and its
 * token.
 */
export function linkIn(message: SinkMessage, app: TestApp, path: '/verify-email' | '/reset-password'): string {
  const origin = app.get(AppConfig).publicUrl.origin;
  const escaped = `${origin}${path}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const found = new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!found) {
    throw new Error(`no ${origin}${path}?token=… link in the mail "${message.subject}":\n${message.text}`);
  }
  return found[1];
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** Appoints a coordinator through the API; returns the appointment. */
export async function appoint(
  app: TestApp,
  adminToken: string,
  userId: string,
  country: string,
): Promise<{ id: string; userId: string; country: string; endsAt: string | null }> {
  const response = await request(app.getHttpServer())
    .post('/api/admin/coordinators')
    .set(bearer(adminToken))
    .send({ userId, country })
    .expect(201);
  return response.body as { id: string; userId: string; country: string; endsAt: string | null };
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flags (HttpOnly, Secure) map to ''. */
  attributes: Map<string, string>;
}

/** The Set-Cookie headers of a response, parsed. */
export function setCookies(response: Response): SetCookie[] {
  const raw = response.headers['set-cookie'] as unknown;
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return lines.map((line) => {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const equals = pair.indexOf('=');
    return {
      name: pair.slice(0, equals),
      value: decodeURIComponent(pair.slice(equals + 1)),
      attributes: new Map(
        attributes.map((attribute) => {
          const at = attribute.indexOf('=');
          return at < 0
            ? [attribute.toLowerCase(), '']
            : [attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1)];
        }),
      ),
    };
  });
}

/** The refresh cookie a response sets, if any. */
export function refreshCookieOf(response: Response): SetCookie | undefined {
  return setCookies(response).find((cookie) => cookie.name === REFRESH_COOKIE);
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF line ends) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      // the \n ends the row
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Polls QueueService.inspect until the job is in one of `states`. */
export async function waitForJob(
  queues: QueueService,
  name: JobName,
  id: string,
  states: JobState[] = ['completed', 'failed'],
  timeoutMs = 15_000,
): Promise<JobSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queues.inspect(name, id);
    if (job && states.includes(job.state)) {
      // inspect() reads the state before the job: read again for the result that came with the state.
      return (await queues.inspect(name, id))!;
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${name} ${id} is ${job?.state ?? 'unknown'} after ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Makes the app's server listen on a port of 127.0.0.1 (supertest otherwise opens and closes one per
 * request), for tests that need many requests truly in flight at once. Close it before app.close().
 */
export async function listen(app: TestApp): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
