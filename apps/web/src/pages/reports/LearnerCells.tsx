import type { TFunction } from 'i18next';
import type { Messages } from '../../i18n';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../components/DataTable';
import { useLanguage } from '../../hooks/useLanguage';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { LearnerRow } from './api';
import { formatDuration, formatShare, orDash } from './format';

/** The headings of a learners table (the officers' table, a transcript's courses). */
export function LearnerHeadings({
  t,
  showOfficer,
  showCountry,
}: {
  t: TFunction;
  showOfficer: boolean;
  showCountry: boolean;
}): Column[] {
  const numeric = (key: keyof Messages['reports']['learners']['columns']): Column => ({
    key,
    heading: t(`reports.learners.columns.${key}`),
    className: 'numeric',
  });
  return [
    ...(showOfficer ? [t('reports.learners.columns.officer')] : []),
    ...(showCountry ? [t('reports.learners.columns.country')] : []),
    t('reports.learners.columns.course'),
    t('reports.learners.columns.progress'),
    numeric('parts'),
    t('reports.learners.columns.result'),
    numeric('score'),
    numeric('time'),
    t('reports.learners.columns.lastActivity'),
  ];
}

/** One course of one officer: where they are, their result, their time and last activity. */
export function LearnerCells({ row }: { row: LearnerRow }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!row.courseId) {
    return (
      <>
        <td>{t('reports.learners.noCourse')}</td>
        <td>–</td>
        <td className="numeric">–</td>
        <td>–</td>
        <td className="numeric">–</td>
        <td className="numeric">–</td>
        <td>{orDash(formatDateTime(row.lastActivityAt, language))}</td>
      </>
    );
  }
  const parts =
    row.partsDone !== null && row.partsTotal !== null
      ? t('reports.learners.partsOf', {
          done: formatNumber(row.partsDone, language),
          total: formatNumber(row.partsTotal, language),
        })
      : '–';
  return (
    <>
      <td>{row.courseTitle ?? row.courseId}</td>
      <td>{t(`reports.completion.${row.completionStatus ?? 'not attempted'}`)}</td>
      <td className="numeric">{parts}</td>
      <td>{t(`reports.success.${row.successStatus ?? 'unknown'}`)}</td>
      <td className="numeric">{formatShare(row.scoreScaled, language)}</td>
      <td className="numeric">{formatDuration(row.timeSeconds, language)}</td>
      <td>{orDash(formatDateTime(row.lastActivityAt, language))}</td>
    </>
  );
}
