import type { SessionStanding } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';

/**
 * 401 for a launch token whose sign-in session has ended (logout, password change or reset, a
 * reused refresh token, suspension) or whose account is no longer active (docs/player.md).
 */
export function launchEnded(standing: Exclude<SessionStanding, 'live'>): DomainException {
  return standing === 'account-inactive'
    ? DomainException.unauthorized('This account is no longer active', ErrorCode.AccountInactive)
    : DomainException.unauthorized('Your sign-in has ended: sign in and launch again', ErrorCode.SessionEnded);
}
