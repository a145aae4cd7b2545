import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * National side: a certificate key a hub's licence bundle carried (docs/licence-bundle.md,
 * `certificateIssuers`): the hub's own and those of the Clearance servers the hub trusts. This
 * server then trusts certificates signed with it (docs/certificates.md), as it trusts its own
 * CERTIFICATE_TRUSTED_KEYS. Kept when a later bundle no longer carries it: certificates it signed
 * stay verifiable.
 */
@Entity({ name: 'received_certificate_keys' })
export class ReceivedCertificateKey {
  /** The first 16 hex digits of the SHA-256 of the public key's SPKI DER. */
  @PrimaryColumn({ name: 'key_id', type: 'char', length: 16 })
  keyId: string;

  /** Base64 SPKI DER of the Ed25519 public key. */
  @Column({ name: 'public_key', type: 'varchar', length: 200 })
  publicKey: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  administration: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  url: string | null;

  /** The received licence whose bundle last carried it. */
  @Column({ name: 'licence_id', type: 'char', length: 36 })
  licenceId: string;

  /** Id of the hub key that signed that bundle. */
  @Column({ name: 'bundle_key_id', type: 'char', length: 16 })
  bundleKeyId: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;
}
