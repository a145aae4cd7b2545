import { generateKeyPairSync } from 'node:crypto';
import { keyId, publicKeyText } from '@app/licences';

/** A new Ed25519 key pair for signing licence bundles, printed as the two settings that use it. */
export function licenceKeygen(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const secret = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return [
    `# Hub only (keep it secret): key ${keyId(privateKey)}`,
    `LICENCE_SIGNING_KEY=${secret}`,
    '',
    '# Each national server that trusts this hub (add it to the comma-separated list):',
    `LICENCE_TRUSTED_KEYS=${publicKeyText(privateKey)}`,
  ].join('\n');
}
