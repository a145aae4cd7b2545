import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDate } from '../../i18n/format';
import { formatDuration, formatScore } from '../learning/types';
import { downloadCertificatePdf, downloadTranscriptPdf, loadTranscript, type TranscriptEntry } from './api';

/** The learner's transcript: every completed course, its certificate and downloads (docs/certificates.md). */
function Transcript() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const language = useLanguage();
  const errorText = useErrorText();
  const id = useId();
  const transcript = useLoader((signal) => loadTranscript(api, signal), [api]);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);

  const download = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    setFailure(null);
    try {
      await work();
    } catch (caught) {
      const message =
        caught instanceof ApiError && caught.code === 'CERTIFICATE_PDF_PENDING'
          ? t('transcript.pdfPending')
          : errorText(caught);
      setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(null);
    }
  };
  const hours = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  const result = (entry: TranscriptEntry) =>
    [
      formatScore(entry.scoreScaled, language),
      entry.successStatus === 'unknown' ? null : t(`transcript.success.${entry.successStatus}`),
    ]
      .filter(Boolean)
      .join(' · ') || t('transcript.notAssessed');

  return (
    <Page title={t('transcript.title')} heading={t('transcript.heading')} className="wide">
      <p className="lead">{t('transcript.intro')}</p>
      <p>
        <Link to="/my-learning">{t('transcript.toMyLearning')}</Link>
      </p>
      {transcript.error !== null && <Alert key="load">{errorText(transcript.error)}</Alert>}
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {!transcript.data && transcript.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {transcript.data && (
        <>
          <p>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void download('transcript', () => downloadTranscriptPdf(api))}
            >
              {busy === 'transcript' ? t('transcript.downloading') : t('transcript.downloadPdf')}
            </button>
          </p>
          <dl className="facts" aria-labelledby={`${id}-summary`}>
            <div>
              <dt id={`${id}-summary`}>{t('transcript.completedCourses')}</dt>
              <dd data-field="completed-courses">{transcript.data.completedCourses}</dd>
            </div>
            <div>
              <dt>{t('transcript.estimatedHours')}</dt>
              <dd>{hours(transcript.data.estimatedHours)}</dd>
            </div>
            <div>
              <dt>{t('transcript.timeSpent')}</dt>
              <dd>{formatDuration(transcript.data.spentSeconds, language)}</dd>
            </div>
          </dl>
          {transcript.data.truncated && <p>{t('transcript.truncated', { count: transcript.data.items.length })}</p>}
          {transcript.data.items.length === 0 ? (
            <p className="empty">
              {t('transcript.empty')} <Link to="/catalogue">{t('learning.toCatalogue')}</Link>
            </p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
              <table>
                <caption id={`${id}-caption`}>{t('transcript.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('transcript.course')}</th>
                    <th scope="col">{t('transcript.completedOn')}</th>
                    <th scope="col">{t('transcript.hours')}</th>
                    <th scope="col">{t('transcript.result')}</th>
                    <th scope="col">{t('transcript.certificate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {transcript.data.items.map((entry) => (
                    <tr key={entry.courseId} data-course={entry.courseId}>
                      <th scope="row">
                        <Link to={`/courses/${encodeURIComponent(entry.courseId)}`}>
                          <span lang={entry.language}>{entry.courseTitle}</span>
                        </Link>
                      </th>
                      <td>
                        {formatDate(entry.completedAt, language)}
                        {entry.startedAt && (
                          <>
                            <br />
                            <span className="hint">
                              {t('transcript.startedOn', { date: formatDate(entry.startedAt, language) })}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        {t('transcript.hoursValue', {
                          estimated: entry.estimatedHours === null ? '—' : hours(entry.estimatedHours),
                          spent: formatDuration(entry.spentSeconds, language),
                        })}
                      </td>
                      <td>{result(entry)}</td>
                      <td>
                        {entry.certificate ? (
                          <>
                            <span data-field="code" className="code">
                              {entry.certificate.code}
                            </span>{' '}
                            ({t(`transcript.status.${entry.certificate.status}`)})
                            <br />
                            <button
                              type="button"
                              className="button button-quiet"
                              disabled={busy !== null}
                              aria-label={t('transcript.downloadCertificateOf', { title: entry.courseTitle })}
                              onClick={() => {
                                const certificate = entry.certificate!;
                                void download(certificate.id, () =>
                                  downloadCertificatePdf(api, certificate.id, certificate.code),
                                );
                              }}
                            >
                              {busy === entry.certificate.id
                                ? t('transcript.downloading')
                                : t('transcript.downloadCertificate')}
                            </button>{' '}
                            <Link to={`/verify/${encodeURIComponent(entry.certificate.code)}`}>
                              {t('transcript.verify')}
                            </Link>
                          </>
                        ) : (
                          t('transcript.noCertificate')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  );
}

export default function TranscriptPage() {
  return (
    <RequireAuth>
      <Transcript />
    </RequireAuth>
  );
}
