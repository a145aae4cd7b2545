import { Injectable, Logger } from '@nestjs/common';
import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { AppConfig } from '@app/config';
import { keyId, parsePrivateKey, parsePublicKey, publicKeyText, ReceivedLicenceRepository } from '@app/licences';

/** Where this server's trust in a certificate key comes from. */
export type TrustSource = 'own' | 'configured' | 'licence-bundle';

/** A key this server trusts to sign certificates, and what it knows of whose it is. */
export interface TrustedIssuer {
  keyId: string;
  /** Base64 SPKI DER. */
  publicKey: string;
  source: TrustSource;
  administration: string | null;
  country: string | null;
  url: string | null;
  /** For keys received in a hub's licence bundle: that licence, and when. */
  licenceId: string | null;
  receivedAt: Date | null;
}

/**
 * This server's certificate key (CERTIFICATE_SIGNING_KEY) and the keys it trusts: its own,
 * CERTIFICATE_TRUSTED_KEYS, and those a hub's licence bundles carried (received_certificate_keys,
 * docs/licence-bundle.md). A key that cannot be read stops the process at start, naming the
 * setting. Without a key (development only: production refuses to start) one is made per process,
 * so statements signed by it die with the process.
 */
@Injectable()
export class CertificateKeysService {
  private readonly logger = new Logger(CertificateKeysService.name);
  readonly signingKey: KeyObject;
  readonly ownKeyId: string;
  private readonly ownPublicKey: KeyObject;
  private readonly trusted = new Map<string, KeyObject>();

  constructor(
    private readonly config: AppConfig,
    private readonly received: ReceivedLicenceRepository,
  ) {
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

  /** The public key of a trusted issuer by its id, and why it is trusted; null when it is not. */
  async trustedKey(kid: string): Promise<{ key: KeyObject; source: TrustSource } | null> {
    if (kid === this.ownKeyId) return { key: this.ownPublicKey, source: 'own' };
    const configured = this.trusted.get(kid);
    if (configured) return { key: configured, source: 'configured' };
    if (!/^[0-9a-f]{16}$/.test(kid)) return null;
    const received = await this.received.findCertificateKey(kid);
    return received ? { key: parsePublicKey(received.publicKey), source: 'licence-bundle' } : null;
  }

  /** Every key this server trusts: its own, the configured ones, then those received in bundles. */
  async trustedIssuers(): Promise<TrustedIssuer[]> {
    const none = { administration: null, country: null, url: null, licenceId: null, receivedAt: null };
    const issuers: TrustedIssuer[] = [
      {
        ...none,
        keyId: this.ownKeyId,
        publicKey: publicKeyText(this.ownPublicKey),
        source: 'own',
        administration: this.config.serverAdministration ?? null,
        country: this.config.serverCountry ?? null,
        url: this.config.publicUrl.origin,
      },
      ...[...this.trusted].map(([id, key]): TrustedIssuer => ({
        ...none,
        keyId: id,
        publicKey: publicKeyText(key),
        source: 'configured',
      })),
    ];
    for (const key of await this.received.listCertificateKeys()) {
      if (issuers.some((issuer) => issuer.keyId === key.keyId)) continue;
      issuers.push({ ...key, source: 'licence-bundle' });
    }
    return issuers;
  }
}
