import { DomainException } from '@app/common';
import { assertPasswordAcceptable } from './password-policy';

describe(assertPasswordAcceptable.name, () => {
  it('accepts 12 to 128 characters of anything, with no composition rules', () => {
    expect(() => assertPasswordAcceptable('all lowercase')).not.toThrow();
    expect(() => assertPasswordAcceptable('x'.repeat(128))).not.toThrow();
  });

  it('counts characters, not bytes: 12 accented letters are enough', () => {
    expect(() => assertPasswordAcceptable('éééééééééééé')).not.toThrow();
    expect(() => assertPasswordAcceptable('🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒')).toThrow(DomainException);
  });

  it.each(['short', 'x'.repeat(11), 'x'.repeat(129)])('refuses %p with PASSWORD_TOO_WEAK', (password) => {
    expect(() => assertPasswordAcceptable(password)).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_WEAK' }));
  });
});
