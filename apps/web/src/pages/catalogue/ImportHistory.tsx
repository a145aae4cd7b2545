import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import type { ImportJob } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { LoadedList } from '../../components/LoadedList';
import { DataTable } from '../../components/DataTable';
import { useLanguage } from '../../hooks/useLanguage';
import { usePagedLoader } from '../../hooks/usePagedLoader';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { useJobFailureSummary } from '../imports/errors';
import { courseOfJob, isImportKind, licenceResultOf } from '../imports/types';

/** A finished job's outcome: a link to what it brought, or why it failed. */
function JobOutcome({ job, summary }: { job: ImportJob; summary: string | null }) {
  const { t } = useTranslation();
  const courseId = courseOfJob(job);
  const licence = licenceResultOf(job);
  if (job.state === 'failed') {
    return (
      <>
        {summary && <span className="job-summary">{summary} </span>}
        {job.error ?? ''}
      </>
    );
  }
  if (licence) {
    return licence.courseIds.length === 1 ? (
      <Link
        to={`/courses/${encodeURIComponent(licence.courseIds[0])}`}
        aria-label={`${t('typography.label', { label: t('imports.openCourse') })} ${job.fileName}`}
      >
        {t('imports.openCourse')}
      </Link>
    ) : (
      <>{t('imports.licensedCourses', { count: licence.courseIds.length })}</>
    );
  }
  return courseId ? (
    <Link
      to={`/courses/${encodeURIComponent(courseId)}`}
      aria-label={`${t('typography.label', { label: t('imports.openCourse') })} ${job.fileName}`}
    >
      {t('imports.openCourse')}
    </Link>
  ) : null;
}

/** The imports of the signed-in user (every import for an admin), most recent first. */
export function ImportHistory({ version }: { version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const failureSummary = useJobFailureSummary();
  const id = useId();
  const list = usePagedLoader(
    (page, pageSize, signal) => unwrap(api.GET('/api/import-jobs', { params: { query: { page, pageSize } }, signal })),
    [api, version],
  );
  const percent = (value: number) => formatPercent(value, language);

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('imports.historyHeading')}</h2>
      <div className="toolbar">
        <button type="button" className="button button-secondary button-small" onClick={list.reload}>
          {t('imports.refresh')}
        </button>
      </div>
      <LoadedList list={list}>
        {() => (
          <DataTable
            caption={t('imports.historyCaption')}
            columns={[
              t('imports.columns.file'),
              t('imports.columns.kind'),
              t('imports.columns.state'),
              t('imports.columns.progress'),
              t('imports.columns.started'),
              t('imports.columns.finished'),
              t('imports.columns.result'),
            ]}
            empty={t('imports.historyEmpty')}
            isEmpty={list.items.length === 0}
            count={t('imports.historyCount', { number: formatNumber(list.total, language) })}
            loading={list.loading}
            paging={list.paging}
            pagingLabel={t('imports.historyPagination')}
          >
            {list.items.map((job) => (
              <tr key={job.id}>
                <th scope="row" className="file-name">
                  {job.fileName}
                </th>
                <td>
                  {job.sourcePackageId
                    ? t('imports.kinds.translatedPackage')
                    : isImportKind(job.kind)
                      ? t(`imports.kinds.${job.kind}`)
                      : job.kind}
                </td>
                <td>
                  <span className={`badge badge-job-${job.state}`}>{t(`imports.states.${job.state}`)}</span>
                </td>
                <td>{percent(job.progress)}</td>
                <td>{formatDateTime(job.createdAt, language)}</td>
                <td>{formatDateTime(job.finishedAt, language)}</td>
                <td className="reason">
                  <JobOutcome job={job} summary={failureSummary(job)} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
    </section>
  );
}
