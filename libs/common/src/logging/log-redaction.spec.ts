import { redactDeep, redactRequest, redactText } from './log-redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const SECRET = 'Zq3vX_9kLmN0pQrStUvWxYz0123456789abcdefghij';
const PACKAGE = '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';

describe('log redaction', () => {
  it.each([
    [`/api/attempts/a1/commit?token=${JWT}&terminate=true`, '/api/attempts/a1/commit?token=[redacted]&terminate=true'],
    [
      `/api/attempts/a1/commit?reason=pagehide&token=${JWT}`,
      '/api/attempts/a1/commit?reason=pagehide&token=[redacted]',
    ],
    [`/verify-email?token=${SECRET}`, '/verify-email?token=[redacted]'],
    [
      `http://127.0.0.1:3000/reset-password?token=${SECRET}#x`,
      'http://127.0.0.1:3000/reset-password?token=[redacted]#x',
    ],
    [`/api/group-files/f1/download/${SECRET}`, '/api/group-files/f1/download/[redacted]'],
    [`/api/curriculum-files/f1/download/${SECRET}?x=1`, '/api/curriculum-files/f1/download/[redacted]?x=1'],
    [
      `/content/${PACKAGE}/1767225600/${SECRET}/sco/index.html`,
      `/content/${PACKAGE}/1767225600/[redacted]/sco/index.html`,
    ],
    [`Bearer ${JWT} refused`, 'Bearer [redacted] refused'],
    ['/content/_launcher/assets/launcher-abc.js', '/content/_launcher/assets/launcher-abc.js'],
    ['/api/courses?q=tokens&page=2', '/api/courses?q=tokens&page=2'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('redacts requests: URL, query, route parameters and the Referer header', () => {
    const logged = redactRequest({
      id: 'r1',
      method: 'POST',
      url: `/api/attempts/a1/commit?token=${JWT}`,
      query: { token: JWT, reason: 'pagehide' },
      params: { id: 'f1', token: SECRET },
      headers: { referer: `http://localhost:3000/content/${PACKAGE}/1/${SECRET}/index.html`, host: 'localhost' },
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
    });
    expect(JSON.stringify(logged)).not.toMatch(new RegExp(`${SECRET}|${JWT.split('.')[2]}`));
    expect(logged).toMatchObject({ query: { token: '[redacted]', reason: 'pagehide' }, params: { id: 'f1' } });
  });

  it('redacts errors: message, stack, and fields such as a failed query and its parameters', () => {
    const error = Object.assign(new Error(`fetch http://x/download/${SECRET} failed`), {
      query: `SELECT 1 WHERE token = '${SECRET}'`,
      parameters: [`/verify-email?token=${SECRET}`],
      token: SECRET,
    });
    const logged = JSON.stringify(redactDeep(error));
    expect(logged).not.toContain(SECRET);
    expect(logged).toContain('failed');
  });
});
