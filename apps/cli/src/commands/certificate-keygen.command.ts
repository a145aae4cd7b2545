import { generateKeyPairSync } from 'node:crypto';
import { keyId, publicKeyText } from '@app/licences';

/** A new Ed25519 key pair for signing certificate statements, printed as the two settings that use it. */
export function certificateKeygen(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const secret = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return [
    `# This server only (keep it secret, keep it across restarts): key ${keyId(privateKey)}`,
    `CERTIFICATE_SIGNING_KEY=${secret}`,
    '',
    '# Each Clearance server that trusts this one’s certificates (add it to the comma-separated list):',
    `CERTIFICATE_TRUSTED_KEYS=${publicKeyText(privateKey)}`,
  ].join('\n');
}
