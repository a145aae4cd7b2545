import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * Ed25519 keys of licence bundles. A key is given as PEM (literal `\n` accepted, as env files
 * write it) or as base64 of its DER form (PKCS#8 for a private key, SPKI for a public one). A key's
 * id is the first 16 hex digits of the SHA-256 of its public SPKI DER: bundles name the key that
 * signed them, and a server says which trusted key it was.
 */
export class LicenceKeyError extends Error {
  override name = 'LicenceKeyError';
}

function keyBytes(text: string): { pem: string } | { der: Buffer } {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  if (trimmed.startsWith('-----BEGIN')) {
    return { pem: trimmed };
  }
  if (!/^[A-Za-z0-9+/=_-]+$/.test(trimmed)) {
    throw new LicenceKeyError('not PEM and not base64');
  }
  return { der: Buffer.from(trimmed, 'base64') };
}

export function parsePrivateKey(text: string): KeyObject {
  const bytes = keyBytes(text);
  let key: KeyObject;
  try {
    key =
      'pem' in bytes ? createPrivateKey(bytes.pem) : createPrivateKey({ key: bytes.der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new LicenceKeyError(`not a private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new LicenceKeyError(`an ${key.asymmetricKeyType} key, not Ed25519`);
  }
  return key;
}

export function parsePublicKey(text: string): KeyObject {
  const bytes = keyBytes(text);
  let key: KeyObject;
  try {
    key =
      'pem' in bytes ? createPublicKey(bytes.pem) : createPublicKey({ key: bytes.der, format: 'der', type: 'spki' });
  } catch (error) {
    throw new LicenceKeyError(`not a public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new LicenceKeyError(`an ${key.asymmetricKeyType} key, not Ed25519`);
  }
  return key;
}

export function keyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

/** Base64 SPKI DER of a key's public half: what a national server puts in LICENCE_TRUSTED_KEYS. */
export function publicKeyText(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function signBytes(privateKey: KeyObject, bytes: Buffer): string {
  return sign(null, bytes, privateKey).toString('base64');
}

export function verifyBytes(publicKey: KeyObject, bytes: Buffer, signature: string): boolean {
  const raw = Buffer.from(signature, 'base64');
  return raw.length === 64 && verify(null, bytes, publicKey, raw);
}
