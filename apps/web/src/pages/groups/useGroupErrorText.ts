import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../auth/api';
import { useErrorText } from '../../i18n/errors';

/** Group API codes with a sentence of their own under `groups.errors.` (the rest: the app's own texts). */
const GROUP_CODES = [
  'GROUP_ARCHIVED',
  'GROUP_ROLE_REQUIRED',
  'ALREADY_IN_GROUP',
  'INVITATION_NOT_FOUND',
  'JOIN_REQUEST_NOT_FOUND',
  'MEMBERSHIP_NOT_FOUND',
  'OWNER_CANNOT_LEAVE',
  'GROUP_FILE_NOT_FOUND',
  'GROUP_FOLDER_NOT_FOUND',
  'GROUP_QUOTA_EXCEEDED',
  'WORKSHOP_NOT_FOUND',
  'CONFLICT',
] as const;

/** useErrorText, with the group library's own codes explained. */
export function useGroupErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      const known = error instanceof ApiError ? GROUP_CODES.find((code) => code === error.code) : undefined;
      return known ? t(`groups.errors.${known}`) : errorText(error);
    },
    [t, errorText],
  );
}
