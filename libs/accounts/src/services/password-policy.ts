import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainException, ErrorCode } from '@app/common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;

/** ~49,000 most common passwords (the maintained zxcvbn-ts list), lower-cased, loaded once. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));
  return common;
}

function isRepetition(password: string): boolean {
  // "passwordpassword", "abcabcabcabc", "aaaaaaaaaaaa": a short unit repeated
  return /^(.{1,8}?)\1+$/u.test(password);
}

/**
 * NIST SP 800-63B: 12–128 characters counted as people count them, no composition rules, no
 * truncation; refused when common or breached, a repetition, or the person's own email or name.
 */
export function assertPasswordAcceptable(
  password: string,
  context: { email?: string; displayName?: string } = {},
): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw DomainException.badRequest(
      `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
      ErrorCode.PasswordTooWeak,
    );
  }
  const lower = password.toLowerCase();
  const compact = lower.replace(/[\s._-]+/g, '');
  const personal = [
    context.email?.toLowerCase(),
    context.email?.split('@')[0]?.toLowerCase(),
    context.displayName?.toLowerCase(),
  ]
    .filter((value): value is string => Boolean(value && value.length >= 4))
    .map((value) => value.replace(/[\s._-]+/g, ''));
  if (
    commonPasswords().has(lower) ||
    commonPasswords().has(compact) ||
    isRepetition(lower) ||
    personal.some((value) => compact === value || (compact.includes(value) && compact.length - value.length < 4))
  ) {
    throw DomainException.badRequest(
      'This password is too common or too easy to guess: choose a longer phrase of your own',
      ErrorCode.PasswordTooWeak,
    );
  }
}
