import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../auth/api';
import { useLanguage } from '../hooks/useLanguage';
import { formatWait } from './format';

/** API codes with a message of their own under `errors.` (others read as a generic failure). */
const EXPLAINED = [
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'EMAIL_TAKEN',
  'PASSWORD_TOO_WEAK',
  'INVALID_COUNTRY',
  'LINK_INVALID',
  'WRONG_PASSWORD',
  'REGISTRATION_NOT_FOUND',
  'REGISTRATION_NOT_PENDING',
  'USER_NOT_FOUND',
  'USER_NOT_ACTIVE',
  'ALREADY_COORDINATOR',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_ENDED',
  'COURSE_NOT_FOUND',
  'UNKNOWN_TOPIC',
  'COURSE_NOT_LAUNCHABLE',
  'PAYLOAD_TOO_LARGE',
  'UNSAFE_CHARACTERS',
  'RTC_NOT_FOUND',
  'RTC_NAME_TAKEN',
  'ALREADY_RTC_STAFF',
  'NOT_YOURSELF',
  'USER_NOT_UNVERIFIED',
] as const;

/** Why the server refused a password (PASSWORD_TOO_WEAK's one detail, docs/security.md), as a message key. */
const PASSWORD_PROBLEMS = {
  'password.length': 'password.problemLength',
  'password.common': 'password.problemCommon',
  'password.personal': 'password.problemPersonal',
  'password.guessable': 'password.problemGuessable',
} as const;

export type PasswordProblemKey =
  (typeof PASSWORD_PROBLEMS)[keyof typeof PASSWORD_PROBLEMS] | 'errors.PASSWORD_TOO_WEAK';

export function passwordProblemKey(error: unknown): PasswordProblemKey {
  const reason = error instanceof ApiError ? error.details[0] : undefined;
  return reason !== undefined && reason in PASSWORD_PROBLEMS
    ? PASSWORD_PROBLEMS[reason as keyof typeof PASSWORD_PROBLEMS]
    : 'errors.PASSWORD_TOO_WEAK';
}

export function errorCodeOf(error: unknown): string {
  if (error instanceof NetworkError) {
    return 'NETWORK';
  }
  return error instanceof ApiError ? error.code : 'UNKNOWN';
}

/** Turns any failure of an API call into a translated sentence. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (error: unknown) => {
      if (error instanceof NetworkError) {
        return t('errors.NETWORK');
      }
      if (error instanceof ApiError) {
        if (error.code === 'TOO_MANY_REQUESTS' || error.status === 429) {
          return error.retryAfter
            ? t('errors.TOO_MANY_REQUESTS_WAIT', { wait: formatWait(error.retryAfter, language) })
            : t('errors.TOO_MANY_REQUESTS');
        }
        const known = EXPLAINED.find((code) => code === error.code);
        if (known) {
          return t(`errors.${known}`);
        }
        if (error.status === 401) {
          return t('errors.SESSION_ENDED');
        }
        if (error.status === 403) {
          return t('errors.FORBIDDEN');
        }
      }
      return t('errors.UNKNOWN');
    },
    [t, language],
  );
}
