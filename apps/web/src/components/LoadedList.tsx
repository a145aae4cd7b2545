import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../hooks/useLoader';
import { useErrorText } from '../i18n/errors';
import { Alert } from './Alert';

/**
 * What a loaded list shows around its table: why it failed to load, the table once there is an answer
 * (kept while a newer one loads), "Loading…" before the first.
 */
export function LoadedList({
  list,
  errorText: ownErrorText,
  children,
}: {
  list: Loaded<unknown>;
  /** How this page words a failure, when not the usual way. */
  errorText?: (error: unknown) => string;
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  const commonErrorText = useErrorText();
  const errorText = ownErrorText ?? commonErrorText;
  return (
    <>
      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      {list.data !== undefined && children()}
      {list.data === undefined && list.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
    </>
  );
}
