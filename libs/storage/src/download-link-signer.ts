import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** Characters of the base64url HMAC kept (192 bits), as content links do. */
const SIGNATURE_LENGTH = 32;
const KINDS: readonly DownloadKind[] = ['group-file', 'curriculum-file'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `<version>.<expires, epoch ms>.<user id, 16 bytes base64url>.<signature>` */
const TOKEN = /^([0-9]{1,9})\.([0-9]{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/;

/**
 * Short-lived download tokens for links that carry no Authorization header (the browser's own
 * download manager, `<video src>`), bound to one file (kind and id, from the route), one version
 * and the user who asked. Short enough for a path segment (fastify answers 414 to a parameter over
 * 100 characters). The key is derived from JWT_SECRET with HKDF and its own `info`, so a download
 * token is never a valid access, launch or content token (nor the other way round).
 */
@Injectable()
export class DownloadLinkSigner {
  private readonly key: Buffer;
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    this.key = config.derivedKey('clearance-download-link');
    this.ttlSeconds = config.downloadLinkTtlSeconds;
  }

  sign(grant: DownloadGrant, now = Date.now()): { token: string; expiresAt: Date } {
    if (!KINDS.includes(grant.kind) || !UUID.test(grant.fileId) || !UUID.test(grant.userId)) {
      throw new Error('A download link names a known kind, a file id and a user id');
    }
    if (!Number.isSafeInteger(grant.version) || grant.version < 0 || grant.version > 999_999_999) {
      throw new Error(`Not a version: ${grant.version}`);
    }
    const expires = String(now + this.ttlSeconds * 1000);
    const user = Buffer.from(grant.userId.replace(/-/g, ''), 'hex').toString('base64url');
    const signature = this.mac(grant.kind, grant.fileId, String(grant.version), grant.userId, expires);
    return { token: `${grant.version}.${expires}.${user}.${signature}`, expiresAt: new Date(Number(expires)) };
  }

  /**
   * The grant of a token made for this kind and file, or null (forged, expired, another file or
   * kind, malformed): callers answer all of these exactly like a file that does not exist.
   */
  verify(kind: DownloadKind, fileId: string, token: string, now = Date.now()): DownloadGrant | null {
    const match = TOKEN.exec(token);
    if (!match || !UUID.test(fileId)) {
      return null;
    }
    const [, version, expires, user, signature] = match;
    const hex = Buffer.from(user, 'base64url').toString('hex');
    const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const expected = Buffer.from(this.mac(kind, fileId, version, userId, expires));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return null;
    }
    if (Number(expires) <= now) {
      return null;
    }
    return { kind, fileId, version: Number(version), userId };
  }

  /** The file's kind and id come from the route, so a token carries only what they do not say. */
  private mac(kind: DownloadKind, fileId: string, version: string, userId: string, expires: string): string {
    return createHmac('sha256', this.key)
      .update(`${kind}:${fileId}:${version}:${userId}:${expires}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH);
  }
}
