import { generateKeyPairSync } from 'node:crypto';
import { licenceKeygen } from '../../../../apps/cli/src/commands/licence-keygen.command';
import { BundleFormatError, parseLicenceDocument, parseManifestDocument } from './bundle-format';
import {
  keyId,
  LicenceKeyError,
  parsePrivateKey,
  parsePublicKey,
  publicKeyText,
  signBytes,
  verifyBytes,
} from './licence-keys';

describe('licence keys', () => {
  it('the keys licence-keygen prints sign and verify, in base64 DER and in PEM', () => {
    const printed = licenceKeygen();
    const secret = /^LICENCE_SIGNING_KEY=(.+)$/m.exec(printed)![1];
    const trusted = /^LICENCE_TRUSTED_KEYS=(.+)$/m.exec(printed)![1];
    const privateKey = parsePrivateKey(secret);
    const publicKey = parsePublicKey(trusted);
    expect(keyId(privateKey)).toBe(keyId(publicKey));
    expect(printed).toContain(keyId(publicKey));
    const signature = signBytes(privateKey, Buffer.from('manifest'));
    expect(verifyBytes(publicKey, Buffer.from('manifest'), signature)).toBe(true);
    expect(verifyBytes(publicKey, Buffer.from('manifest!'), signature)).toBe(false);
    expect(verifyBytes(publicKey, Buffer.from('manifest'), 'AAAA')).toBe(false);

    const pem = (publicKey.export({ format: 'pem', type: 'spki' }) as string).replace(/\n/g, '\\n');
    expect(keyId(parsePublicKey(pem))).toBe(keyId(publicKey));
  });

  it('refuses what is not an Ed25519 key, saying why', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => parsePublicKey(rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string)).toThrow(
      /rsa key, not Ed25519/,
    );
    expect(() => parsePrivateKey('not a key!')).toThrow(LicenceKeyError);
    expect(() => parsePublicKey('AAAA')).toThrow(/not a public key/);
  });
});

describe('licence bundle documents', () => {
  const licence = {
    format: 'clearance-licence-bundle',
    version: 1,
    licence: {
      id: '0f6c2b1e-5a0d-4d6e-9a51-3f2b9d0c7e11',
      revision: 1,
      licensee: { country: 'KE', administration: 'Kenya Revenue Authority' },
      courseIds: ['7d9f0c4e-2b8a-4f3e-8c1d-5e6f7a8b9c0d'],
      languages: ['en'],
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      seatCap: null,
      translationAllowed: false,
    },
    issuedAt: '2026-11-26T10:00:00.000Z',
  };
  const edit = (path: string[], value: unknown) => {
    const copy = structuredClone(licence) as Record<string, unknown>;
    let at = copy;
    for (const key of path.slice(0, -1)) {
      at = at[key] as Record<string, unknown>;
    }
    at[path.at(-1)!] = value;
    return copy;
  };

  it('reads a valid licence', () => {
    expect(parseLicenceDocument(licence).licence.licensee.country).toBe('KE');
  });

  it.each([
    [['version'], 2, /format version 2/],
    [['format'], 'zip', /not a Clearance licence bundle/],
    [['licence', 'validUntil'], '2025-12-31', /before licence.validFrom/],
    [['licence', 'validFrom'], '2026-02-30', /not a real date/],
    [['licence', 'courseIds'], [], /at least one course/],
    [['licence', 'courseIds'], ['../../etc'], /courseIds\[0\]/],
    [['licence', 'languages'], ['de'], /one of en, fr, es/],
    [['licence', 'seatCap'], 0, /seatCap/],
    [['licence', 'translationAllowed'], 'yes', /true or false/],
    [['licence', 'licensee'], 'KE', /must be an object/],
  ])('refuses %j = %j', (path, value, message) => {
    expect(() => parseLicenceDocument(edit(path, value))).toThrow(BundleFormatError);
    expect(() => parseLicenceDocument(edit(path, value))).toThrow(message);
  });

  it('reads the certificate keys a hub vouches for (none when absent), each checked against its id', () => {
    expect(parseLicenceDocument(licence).certificateIssuers).toEqual([]);
    const key = generateKeyPairSync('ed25519').privateKey;
    const issuer = {
      keyId: keyId(key),
      publicKey: publicKeyText(key),
      administration: 'World Customs Organization',
      country: null,
      url: 'https://hub.example',
    };
    expect(parseLicenceDocument({ ...licence, certificateIssuers: [issuer] }).certificateIssuers).toEqual([issuer]);
    const unnamed = { keyId: issuer.keyId, publicKey: issuer.publicKey };
    expect(parseLicenceDocument({ ...licence, certificateIssuers: [unnamed] }).certificateIssuers).toEqual([
      { ...unnamed, administration: null, country: null, url: null },
    ]);
    const other = generateKeyPairSync('ed25519').privateKey;
    const refused = (issuers: unknown, message: RegExp) =>
      expect(() => parseLicenceDocument({ ...licence, certificateIssuers: issuers })).toThrow(message);
    refused([{ ...issuer, keyId: keyId(other) }], /keyId is not the id of its public key/);
    refused([{ ...issuer, publicKey: 'AAAA' }], /publicKey/);
    refused([issuer, issuer], /twice/);
    refused([{ ...issuer, url: 'javascript:alert(1)' }], /url/);
    refused('all', /list/);
  });

  it('a manifest lists each bundle file once, never itself, and only names a bundle may hold', () => {
    const file = { path: 'licence.json', size: 1, sha256: 'a'.repeat(64) };
    const manifest = (files: unknown[]) => ({ format: 'clearance-licence-bundle', version: 1, files });
    expect(parseManifestDocument(manifest([file])).files).toHaveLength(1);
    expect(() => parseManifestDocument(manifest([file, file]))).toThrow(/twice/);
    expect(() => parseManifestDocument(manifest([{ ...file, path: 'manifest.json' }]))).toThrow(/not itself/);
    expect(() => parseManifestDocument(manifest([file, { ...file, path: '../x.json' }]))).toThrow(/path/);
    expect(() => parseManifestDocument(manifest([{ ...file, sha256: 'xyz' }]))).toThrow(/sha256/);
  });
});
