import { JwtService } from '@nestjs/jwt';
import { hkdfSync } from 'node:crypto';
import { DomainException } from '@app/common';
import type { AppConfig } from '@app/config';
import { LaunchTokenService } from './launch-token.service';

const jwtSecret = 'a test secret of enough length for tokens';
const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', jwtSecret, Buffer.alloc(0), purpose, 32));
const config = { jwtSecret, publicUrl: new URL('http://localhost:3000'), derivedKey: derive };
const key = derive('clearance-launch-token');
const grant = { sub: 'user-1', sid: 'session-1', att: 'attempt-1', ses: 3, std: 'scorm2004' as const };
const claims = { typ: 'launch', ...grant };
const options = { audience: 'clearance-launch', issuer: 'http://localhost:3000' };

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainException ? error.code : 'other';
  }
  return undefined;
}

describe('LaunchTokenService', () => {
  const sut = new LaunchTokenService(config as AppConfig);
  const jwt = new JwtService({});

  it('issues standard HS256 JWTs that it verifies, with a 4-hour expiry', () => {
    const token = sut.issue({ ...grant, rev: true });
    expect(sut.verify(token)).toEqual({ typ: 'launch', ...grant, rev: true });
    const decoded = jwt.verify<{ exp: number; iat: number; aud: string }>(token, { secret: key, ...options });
    expect(decoded.exp - decoded.iat).toBe(4 * 3600);
  });

  it('accepts what a standard library signs with the same key and claims', () => {
    expect(sut.verify(jwt.sign(claims, { secret: key, expiresIn: 60, ...options }))).toEqual(claims);
  });

  it('refuses everything else', () => {
    const token = sut.issue(grant);
    const [header, payload, signature] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'user-2', aud: options.audience })).toString(
      'base64url',
    );
    const cases = [
      'nonsense',
      `${header}.${tampered}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -2)}`,
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`,
      jwt.sign(claims, { secret: key, algorithm: 'HS512', expiresIn: 60, ...options }),
      jwt.sign(claims, { secret: config.jwtSecret, expiresIn: 60, ...options }),
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, { secret: key, ...options }),
      jwt.sign(claims, { secret: key, expiresIn: 60, audience: 'clearance-api', issuer: options.issuer }),
      jwt.sign(claims, { secret: key, expiresIn: 60, audience: options.audience, issuer: 'http://evil' }),
      jwt.sign({ ...claims, typ: 'access' }, { secret: key, expiresIn: 60, ...options }),
      jwt.sign({ ...claims, ses: '3' }, { secret: key, expiresIn: 60, ...options }),
      jwt.sign({ ...claims, std: 'aicc' }, { secret: key, expiresIn: 60, ...options }),
      // issued before launch tokens named their sign-in session (docs/player.md)
      jwt.sign({ ...claims, sid: undefined }, { secret: key, expiresIn: 60, ...options }),
      `${token}${'x'.repeat(3000)}`,
    ];
    for (const bad of cases) {
      expect(code(() => sut.verify(bad))).toBe('TOKEN_INVALID');
    }
    expect(code(() => sut.verify(undefined))).toBe('UNAUTHORIZED');
    expect(code(() => sut.verify(token))).toBeUndefined();
  });
});
