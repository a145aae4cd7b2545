import { Injectable, Logger } from '@nestjs/common';
import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { AppConfig } from '@app/config';
import { keyId, parsePrivateKey, parsePublicKey } from '@app/licences';

/**
 * This server's certificate key (CERTIFICATE_SIGNING_KEY) and the keys it trusts: its own and
 * CERTIFICATE_TRUSTED_KEYS (docs/certificates.md). A key that cannot be read stops the process at
 * start, naming the setting. Without a key (development only: production refuses to start) one is
 * made per process, so statements signed by it die with the process.
 */
@Injectable()
export class CertificateKeysService {
  private readonly logger = new Logger(CertificateKeysService.name);
  readonly signingKey: KeyObject;
  readonly ownKeyId: string;
  private readonly ownPublicKey: KeyObject;
  private readonly trusted = new Map<string, KeyObject>();

  constructor(config: AppConfig) {
    if (config.certificateSigningKey) {
      try {
        this.signingKey = parsePrivateKey(config.certificateSigningKey);
      } catch (error) {
        throw new Error(`CERTIFICATE_SIGNING_KEY: ${(error as Error).message}`);
      }
    } else {
      this.signingKey = generateKeyPairSync('ed25519').privateKey;
      this.logger.warn('No CERTIFICATE_SIGNING_KEY: certificates are signed with a key that dies with this process');
    }
    this.ownKeyId = keyId(this.signingKey);
    this.ownPublicKey = createPublicKey(this.signingKey);
    for (const [index, text] of config.certificateTrustedKeys.entries()) {
      try {
        const key = parsePublicKey(text);
        this.trusted.set(keyId(key), key);
      } catch (error) {
        throw new Error(`CERTIFICATE_TRUSTED_KEYS: key ${index + 1}: ${(error as Error).message}`);
      }
    }
  }

  /** The public key of a trusted issuer by its id (this server's own included), or null. */
  trustedKey(kid: string): KeyObject | null {
    if (kid === this.ownKeyId) return this.ownPublicKey;
    return this.trusted.get(kid) ?? null;
  }
}
