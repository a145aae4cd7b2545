import { ErrorCode, DomainException } from '@app/common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NIST SP 800-63B: length only, no composition rules, never truncated. Counted in code points so
 * that a passphrase in any script is measured as a person would count it.
 */
export function assertPasswordAcceptable(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw DomainException.badRequest(
      `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
      ErrorCode.PasswordTooWeak,
    );
  }
}
