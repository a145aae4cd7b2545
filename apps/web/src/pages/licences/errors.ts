import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../auth/api';

/** Codes of changing a licence, with a sentence under `licences.errors.`. */
const CHANGE_CODES = { LICENCE_CHANGED: 'changed', LICENCE_ENDED: 'ended' } as const;

/** A failed call of the licence page: the two codes of changing a licence, else `fallback`'s sentence. */
export function useLicenceErrorText(fallback: (error: unknown) => string): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const key =
        error instanceof ApiError && error.code in CHANGE_CODES
          ? CHANGE_CODES[error.code as keyof typeof CHANGE_CODES]
          : undefined;
      return key ? t(`licences.errors.${key}`) : fallback(error);
    },
    [t, fallback],
  );
}
