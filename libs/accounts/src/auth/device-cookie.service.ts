import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/config';

/** The cookie that marks a browser an account signed in from (sent to the sign-in route only). */
export const DEVICE_COOKIE = 'clearance_device';
export const DEVICE_COOKIE_PATH = '/api/auth/login';
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 3600;

const VALUE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * OWASP's device cookie (docs/security.md): `<device id>.<HMAC-SHA256(account key, device id)>`,
 * keyed by a key of its own derived from JWT_SECRET. It names no one; it only proves that this
 * browser signed in to this account before, so its failed attempts are counted apart from
 * strangers'.
 */
@Injectable()
export class DeviceCookieService {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.derivedKey('clearance/login-device-cookie/v1');
  }

  /** A new device cookie value for the account. */
  issue(accountKey: string): string {
    const deviceId = randomBytes(16).toString('base64url');
    return `${deviceId}.${this.mac(accountKey, deviceId)}`;
  }

  /** The device id when `value` is a cookie this server issued for this account, else null. */
  deviceOf(accountKey: string, value: unknown): string | null {
    const match = typeof value === 'string' ? VALUE.exec(value) : null;
    if (!match) {
      return null;
    }
    const [, deviceId, mac] = match;
    const expected = Buffer.from(this.mac(accountKey, deviceId));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
  }

  private mac(accountKey: string, deviceId: string): string {
    return createHmac('sha256', this.key).update(`${accountKey}\n${deviceId}`).digest('base64url');
  }
}
