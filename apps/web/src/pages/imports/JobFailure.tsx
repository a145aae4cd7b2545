import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types';
import { Alert } from '../../components/Alert';
import { useLanguage } from '../../hooks/useLanguage';
import { useJobFailureSummary } from './errors';

/**
 * A failed import: what went wrong in the interface language when the code is known, then the
 * server's own reason (written in English, and marked so).
 */
export function JobFailure({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = useJobFailureSummary()(job);
  return (
    <Alert key={`job-${job.id}`}>
      <p className="alert-title">{t('imports.failed')}</p>
      {summary && <p>{summary}</p>}
      {job.error ? (
        <p className="job-reason" lang={language === 'en' ? undefined : 'en'}>
          {summary && <span className="visually-hidden">{t('importSections.reason')} </span>}
          {job.error}
        </p>
      ) : (
        !summary && <p>{t('errors.UNKNOWN')}</p>
      )}
    </Alert>
  );
}
