import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types';
import { ApiError } from '../../auth/api';
import { useErrorText } from '../../i18n/errors';

/** API codes of licences and imports with a sentence of their own under `importErrors.`. */
const IMPORT_CODES = [
  'LICENSING_NOT_CONFIGURED',
  'LICENCE_NOT_FOUND',
  'UNSUPPORTED_MEDIA_TYPE',
  'QUEUE_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'COURSE_NOT_FOUND',
  'VALIDATION_FAILED',
  'BUNDLE_UNREADABLE',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_UNKNOWN_SIGNER',
  'BUNDLE_BAD_SIGNATURE',
  'BUNDLE_INCOMPLETE',
  'BUNDLE_TAMPERED',
  'BUNDLE_UNEXPECTED_FILE',
  'BUNDLE_INVALID',
  'LICENCE_WRONG_LICENSEE',
  'LICENCE_EXPIRED',
  'LICENCE_OUTDATED',
  'XLIFF_INVALID',
  'XLIFF_UNKNOWN_FILE',
  'XLIFF_LANGUAGE',
  'XLIFF_EMPTY',
  'XLIFF_TOO_LARGE',
  'TRANSLATION_NOT_ALLOWED',
] as const;

type ImportCode = (typeof IMPORT_CODES)[number];

/** Why an officers' CSV could not be read (bulk onboarding), worded under `onboarding.errors.`. */
const CSV_CODES = ['CSV_NOT_UTF8', 'CSV_MALFORMED', 'CSV_HEADER_INVALID', 'CSV_TOO_MANY_ROWS', 'CSV_EMPTY'] as const;

function importCode(code: string | null | undefined): ImportCode | undefined {
  return IMPORT_CODES.find((known) => known === code);
}

/** A failed call of the licence and import pages as a translated sentence (the app's own, else ours). */
export function useImportErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      const known = error instanceof ApiError ? importCode(error.code) : undefined;
      return known ? t(`importErrors.${known}`) : errorText(error);
    },
    [t, errorText],
  );
}

/** Why a job failed, as a translated sentence when its code is known; null otherwise. */
export function useJobFailureSummary(): (job: ImportJob) => string | null {
  const { t } = useTranslation();
  return useCallback(
    (job: ImportJob) => {
      const known = importCode(job.errorCode);
      const csv = CSV_CODES.find((code) => code === job.errorCode);
      return known ? t(`importErrors.${known}`) : csv ? t(`onboarding.errors.${csv}`) : null;
    },
    [t],
  );
}
