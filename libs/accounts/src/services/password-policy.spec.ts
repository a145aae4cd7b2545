import { DomainException } from '@app/common';
import { assertPasswordAcceptable, PasswordProblem } from './password-policy';

describe(assertPasswordAcceptable.name, () => {
  it('accepts 12 to 128 characters of anything, with no composition rules', () => {
    expect(() => assertPasswordAcceptable('all lowercase words')).not.toThrow();
    expect(() => assertPasswordAcceptable('customs valuation is article VII')).not.toThrow();
    const long = 'officers at the border post share tea every morning before the trucks arrive from Mombasa port';
    expect(() =>
      assertPasswordAcceptable(long + ' on the long road north to Kampala'.slice(0, 128 - long.length)),
    ).not.toThrow();
  });

  it('counts characters, not bytes: 12 accented letters are enough', () => {
    expect(() => assertPasswordAcceptable('éàüöçñßøåæœî')).not.toThrow();
    expect(() => assertPasswordAcceptable('🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒')).toThrow(DomainException);
  });

  it.each(['short', 'x'.repeat(11), 'x'.repeat(129)])('refuses %p with PASSWORD_TOO_WEAK', (password) => {
    expect(() => assertPasswordAcceptable(password)).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_WEAK' }));
  });

  it.each(['1qaz2wsx3edc', 'QWERTY123456', 'passwordpassword', 'aaaaaaaaaaaaaaaa', 'abcabcabcabcabc'])(
    'refuses the common or repetitive %p',
    (password) => {
      expect(() => assertPasswordAcceptable(password)).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_WEAK' }));
    },
  );

  it.each(['password123456', 'Customs123456', 'clearance2026!', 'motdepasse123456', 'contraseña12345'])(
    'refuses %p: long enough, yet guessed early (zxcvbn score below 3, platform words known)',
    (password) => {
      expect(() => assertPasswordAcceptable(password)).toThrow(
        expect.objectContaining({ code: 'PASSWORD_TOO_WEAK', details: [expect.stringMatching(/^password\./)] }),
      );
    },
  );

  it.each([
    ['p@$$w0rd'.repeat(16)],
    ['1234567890'.repeat(12) + '12345678'],
    [Array.from({ length: 128 }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join('')],
  ])('judges a 128-character %p in bounded time (it runs on the event loop)', (password) => {
    const started = Date.now();
    try {
      assertPasswordAcceptable(password);
    } catch {
      // refused or not: only the time matters here
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('says why, in one stable detail', () => {
    const reason = (password: string, context = {}): string[] | undefined => {
      try {
        assertPasswordAcceptable(password, context);
        return undefined;
      } catch (error) {
        return (error as DomainException).details;
      }
    };
    expect(reason('short')).toEqual([PasswordProblem.Length]);
    expect(reason('qwerty123456')).toEqual([PasswordProblem.Common]);
    expect(reason('amina.odhiambo1', { email: 'amina.odhiambo@kra.go.ke' })).toEqual([PasswordProblem.Personal]);
    expect(reason('password123456')).toEqual([PasswordProblem.Guessable]);
    expect(reason('border posts at Namanga and Busia')).toBeUndefined();
  });

  it("refuses the person's own email or name as their password", () => {
    const context = { email: 'amina.odhiambo@kra.go.ke', displayName: 'Amina Odhiambo' };
    expect(() => assertPasswordAcceptable('amina.odhiambo@kra.go.ke', context)).toThrow(DomainException);
    expect(() => assertPasswordAcceptable('Amina Odhiambo1', context)).toThrow(DomainException);
    expect(() => assertPasswordAcceptable('border posts at Namanga', context)).not.toThrow();
  });
});
