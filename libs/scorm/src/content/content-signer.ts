import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/config';

/** How long a launch link stays valid by default: one long sitting. */
export const DEFAULT_LAUNCH_TTL_SECONDS = 4 * 60 * 60;

/** Characters of the base64url HMAC kept in a path (192 bits). */
const SIGNATURE_LENGTH = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ContentLinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signs the per-launch path prefix package files are served under on the content origin:
 * `/content/<packageId>/<expiresEpochSeconds>/<signature>/`. The whole package shares one prefix,
 * so relative links inside it keep working. The key is derived from JWT_SECRET (HKDF, its own
 * `info`), so a content signature is never a valid token of anything else.
 */
@Injectable()
export class ContentSigner {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = config.derivedKey('clearance-content');
  }

  /** The signed path prefix (ends with `/`) for one package, valid until `expiresAt`. */
  sign(packageId: string, expiresAt: Date | number): string {
    if (!UUID.test(packageId)) {
      throw new Error(`Not a package id: ${packageId}`);
    }
    const expires = Math.floor((typeof expiresAt === 'number' ? expiresAt : expiresAt.getTime()) / 1000);
    return `/content/${packageId}/${expires}/${this.signature(packageId, String(expires))}/`;
  }

  /** Checks a prefix's parts: the signature first (constant time), then the expiry. */
  verify(packageId: string, expires: string, signature: string, now = Date.now()): ContentLinkCheck {
    if (!UUID.test(packageId) || !/^[0-9]{1,12}$/.test(expires) || signature.length !== SIGNATURE_LENGTH) {
      return 'invalid';
    }
    const expected = Buffer.from(this.signature(packageId, expires));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'invalid';
    }
    return Number(expires) * 1000 <= now ? 'expired' : 'valid';
  }

  /** Absolute URL on the content origin of one file (a package-relative path, not yet encoded). */
  urlFor(packageId: string, filePath: string, ttlSeconds = DEFAULT_LAUNCH_TTL_SECONDS): string {
    const encoded = filePath
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => encodeURIComponent(segment))
      .join('/');
    return new URL(this.prefix(packageId, ttlSeconds) + encoded, this.config.contentUrl.origin).href;
  }

  /**
   * Absolute launch URL of a manifest href (a normalised package-relative URI reference as import
   * stores it in `launchables`, query and fragment kept), valid for `ttlSeconds`.
   */
  launchUrl(packageId: string, href: string, ttlSeconds = DEFAULT_LAUNCH_TTL_SECONDS): string {
    const relative = href.replace(/^\/+/, '');
    return new URL(this.prefix(packageId, ttlSeconds) + relative, this.config.contentUrl.origin).href;
  }

  private prefix(packageId: string, ttlSeconds: number): string {
    return this.sign(packageId, Date.now() + ttlSeconds * 1000);
  }

  private signature(packageId: string, expires: string): string {
    return createHmac('sha256', this.key)
      .update(`${packageId}:${expires}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH);
  }
}
