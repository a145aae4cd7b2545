import { AppConfig, loadEnvironment } from '@app/config';
import { DownloadGrant, DownloadLinkSigner } from './download-link-signer';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const FILE = '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';
const OTHER_FILE = '1b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';
const USER = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f10';
const NOW = 1_800_000_000_000;

function signer(secret = SECRET, ttl = '300'): DownloadLinkSigner {
  return new DownloadLinkSigner(new AppConfig(loadEnvironment({ JWT_SECRET: secret, DOWNLOAD_LINK_TTL_SECONDS: ttl })));
}

const grant: DownloadGrant = { kind: 'group-file', fileId: FILE, version: 3, userId: USER };

describe(DownloadLinkSigner.name, () => {
  const sut = signer();

  it('gives back the grant of a fresh token, expiring after the configured lifetime', () => {
    const { token, expiresAt } = sut.sign(grant, NOW);
    expect(expiresAt.getTime()).toBe(NOW + 300_000);
    expect(token.length).toBeLessThanOrEqual(100);
    expect(sut.verify('group-file', FILE, token, NOW + 299_999)).toEqual(grant);
    expect(sut.verify('group-file', FILE, token, NOW + 300_000)).toBeNull();
    expect(signer(SECRET, '1').sign(grant, NOW).expiresAt.getTime()).toBe(NOW + 1000);
  });

  it('refuses another file, another kind, another key and any changed part', () => {
    const { token } = sut.sign(grant, NOW);
    expect(sut.verify('group-file', OTHER_FILE, token, NOW)).toBeNull();
    expect(sut.verify('curriculum-file', FILE, token, NOW)).toBeNull();
    expect(signer(`${SECRET}x`).verify('group-file', FILE, token, NOW)).toBeNull();
    const [version, expires, user, signature] = token.split('.');
    for (const changed of [
      `4.${expires}.${user}.${signature}`,
      `${version}.${Number(expires) + 1}.${user}.${signature}`,
      `${version}.${expires}.${'A'.repeat(22)}.${signature}`,
      `${version}.${expires}.${user}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${version}.${expires}.${user}`,
      `${token}.`,
      '',
      'x'.repeat(5000),
    ]) {
      expect([changed, sut.verify('group-file', FILE, changed, NOW)]).toEqual([changed, null]);
    }
  });

  it('signs only well-formed grants', () => {
    expect(() => sut.sign({ ...grant, fileId: 'x' })).toThrow();
    expect(() => sut.sign({ ...grant, userId: 'x' })).toThrow();
    expect(() => sut.sign({ ...grant, version: -1 })).toThrow();
  });
});
