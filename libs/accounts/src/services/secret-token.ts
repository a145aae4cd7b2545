import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for refresh tokens and mailed links. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database leak does not hand out sessions or links. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Shape check before any lookup: 43 base64url characters. */
export function looksLikeSecretToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
