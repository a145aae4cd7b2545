import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/config';

/** What a download link may open: one version of a group file, or one curriculum file. */
export type DownloadKind = 'group-file' | 'curriculum-file';

export interface DownloadGrant {
  kind: DownloadKind;
  /** The file's id (the route's `:id`). */
  fileId: string;
  /** The exact version the link was made for (group files; 0 for kinds without versions). */
  version: number;
  /** Who asked for the link (audit; group downloads re-check their membership). */
  userId: string;
}

interface Claims {
  k: DownloadKind;
  f: string;
  v: number;
  u: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** Far above a real token (~200 characters); anything longer is not worth hashing. */
const MAX_TOKEN_LENGTH = 512;
const KINDS: readonly DownloadKind[] = ['group-file', 'curriculum-file'];

/**
 * Short-lived download tokens for links that carry no Authorization header (the browser's own
 * download manager, `<video src>`): `<base64url claims>.<base64url HMAC-SHA256>`, bound to one file
 * (and version) and the user who asked. The key is derived from JWT_SECRET with HKDF and its own
 * `info`, so a download token is never a valid access, launch or content token (nor the other way).
 */
@Injectable()
export class DownloadLinkSigner {
  private readonly key: Buffer;
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), 'clearance-download-link', 32));
    this.ttlSeconds = config.downloadLinkTtlSeconds;
  }

  sign(grant: DownloadGrant, now = Date.now()): { token: string; expiresAt: Date } {
    const expiresAt = now + this.ttlSeconds * 1000;
    const claims: Claims = { k: grant.kind, f: grant.fileId, v: grant.version, u: grant.userId, e: expiresAt };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: new Date(expiresAt) };
  }

  /**
   * The grant of a token made for this kind and file, or null (forged, expired, another file or
   * kind, malformed): callers answer all of these exactly like a file that does not exist.
   */
  verify(kind: DownloadKind, fileId: string, token: string, now = Date.now()): DownloadGrant | null {
    const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
    if (parts.length !== 2) {
      return null;
    }
    const [payload, signature] = parts;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return null;
    }
    let claims: Partial<Claims>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Claims>;
    } catch {
      return null;
    }
    if (
      typeof claims !== 'object' ||
      claims === null ||
      !KINDS.includes(claims.k as DownloadKind) ||
      claims.k !== kind ||
      claims.f !== fileId ||
      !Number.isSafeInteger(claims.v) ||
      typeof claims.u !== 'string' ||
      typeof claims.e !== 'number' ||
      claims.e <= now
    ) {
      return null;
    }
    return { kind, fileId, version: claims.v!, userId: claims.u };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
