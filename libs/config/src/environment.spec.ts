import { EnvironmentError, loadEnvironment } from './environment';

describe('loadEnvironment', () => {
  it('applies the documented defaults to an empty environment', () => {
    const sut = loadEnvironment({});
    expect(sut.PORT).toBe(3000);
    expect(sut.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/clearance');
    expect(sut.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(sut.PUBLIC_URL).toBe('http://localhost:3000');
    expect(sut.CONTENT_URL).toBe('http://127.0.0.1:3000');
    expect(sut.SMTP_URL).toBeUndefined();
    expect(sut.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(sut.DOWNLOAD_LINK_TTL_SECONDS).toBe(300);
    expect(sut.RATE_LIMIT_LOGIN_IP).toBe('50/900');
    expect(sut.RATE_LIMIT_LOGIN_ACCOUNT).toBe('100/3600');
    expect(sut.RATE_LIMIT_LOGIN_DEVICE).toBe('10/900');
    expect(sut.SIGN_IN_RETENTION_DAYS).toBe(400);
    expect(sut.PUBLIC_CATALOGUE).toBe(true);
  });

  it('reads values and converts numbers', () => {
    const sut = loadEnvironment({
      PORT: '8080',
      DATABASE_URL: 'mysql://app:secret@db:3306/lms',
      SMTP_URL: 'smtp://mail:25',
    });
    expect(sut.PORT).toBe(8080);
    expect(sut.DATABASE_URL).toBe('mysql://app:secret@db:3306/lms');
    expect(sut.SMTP_URL).toBe('smtp://mail:25');
    expect(loadEnvironment({ ACCESS_TOKEN_TTL_SECONDS: '3' }).ACCESS_TOKEN_TTL_SECONDS).toBe(3);
    expect(loadEnvironment({ SIGN_IN_RETENTION_DAYS: '30' }).SIGN_IN_RETENTION_DAYS).toBe(30);
    expect(loadEnvironment({ PUBLIC_CATALOGUE: 'false' }).PUBLIC_CATALOGUE).toBe(false);
    expect(loadEnvironment({ PUBLIC_CATALOGUE: 'true' }).PUBLIC_CATALOGUE).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnvironment({ PORT: '', SMTP_URL: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['PUBLIC_URL', 'not a url'],
    ['SMTP_URL', 'mail.example.org'],
    ['JWT_SECRET', 'too-short'],
    ['NODE_ENV', 'staging'],
    ['ACCESS_TOKEN_TTL_SECONDS', '1'],
    ['ACCESS_TOKEN_TTL_SECONDS', '90000'],
    ['ACCESS_TOKEN_TTL_SECONDS', 'soon'],
    ['DOWNLOAD_LINK_TTL_SECONDS', '0'],
    ['DOWNLOAD_LINK_TTL_SECONDS', '3601'],
    ['RATE_LIMIT_LOGIN_DEVICE', 'ten'],
    ['RATE_LIMIT_LOGIN_DEVICE', '0/900'],
    ['RATE_LIMIT_LOGIN_ACCOUNT', '100/0'],
    ['RATE_LIMIT_LOGIN_IP', '50'],
    ['SIGN_IN_RETENTION_DAYS', '0'],
    ['SIGN_IN_RETENTION_DAYS', '3651'],
    ['SIGN_IN_RETENTION_DAYS', 'a year'],
    ['PUBLIC_CATALOGUE', 'yes'],
    ['PUBLIC_CATALOGUE', '0'],
  ])('names %s when its value %p is wrong', (name, value) => {
    expect(() => loadEnvironment({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:[\\s\\S]*\\b${name}:`));
  });

  it('lists every problem at once', () => {
    try {
      loadEnvironment({ PORT: 'x', REDIS_URL: 'y' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as EnvironmentError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'REDIS_URL']);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
    expect(
      loadEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), CERTIFICATE_SIGNING_KEY: 'key' })
        .JWT_SECRET,
    ).toHaveLength(32);
  });

  it('requires CERTIFICATE_SIGNING_KEY in production', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /CERTIFICATE_SIGNING_KEY: must be set in production/,
    );
  });

  it('refuses a content origin equal to the app origin', () => {
    expect(() =>
      loadEnvironment({ PUBLIC_URL: 'https://lms.example.org', CONTENT_URL: 'https://lms.example.org/content' }),
    ).toThrow(/CONTENT_URL: must be a different origin/);
  });
});
