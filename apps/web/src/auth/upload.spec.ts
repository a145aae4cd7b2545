import { describe, expect, it } from '@jest/globals';
import { expiresSoon } from './upload';

const token = (claims: object) =>
  `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.signature`;

describe(expiresSoon.name, () => {
  const now = Date.parse('2026-11-27T00:00:00Z');

  it('is true for a token past or within seconds of its exp', () => {
    expect(expiresSoon(token({ exp: now / 1000 - 60 }), now)).toBe(true);
    expect(expiresSoon(token({ exp: now / 1000 + 2 }), now)).toBe(true);
  });

  it('is false for a fresh token, and for one it cannot read (the api then answers 401)', () => {
    expect(expiresSoon(token({ exp: now / 1000 + 600 }), now)).toBe(false);
    expect(expiresSoon(token({ sub: 'x' }), now)).toBe(false);
    expect(expiresSoon('not a token', now)).toBe(false);
  });
});
