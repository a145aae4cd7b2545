import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { DataTable } from '../../components/DataTable';
import { LoadedList } from '../../components/LoadedList';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatDate, formatDateTime } from '../../i18n/format';
import { reportsApi } from './api';
import { orDash } from './format';
import { LearnerCells, LearnerHeadings } from './LearnerCells';
import './reports.css';

/** One officer's courses, read-only: what the coordinator opens from the officers' table. */
function Transcript() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api: client } = useAuth();
  const api = useMemo(() => reportsApi(client), [client]);
  const countries = useCountries();
  const { userId = '' } = useParams();
  const id = useId();
  const transcript = useLoader((signal) => api.transcript(userId, signal), [api, userId]);
  const officer = transcript.data?.officer;
  return (
    <Page
      title={officer ? officer.displayName : t('reports.transcript.title')}
      heading={officer ? officer.displayName : t('reports.transcript.title')}
      className="wide reports"
    >
      <p>
        <Link to="/reports">{t('reports.transcript.back')}</Link>
      </p>
      <LoadedList list={transcript}>
        {() => (
          <>
            <p className="lead">{t('reports.transcript.lead')}</p>
            <dl className="facts">
              <div>
                <dt>{t('reports.transcript.email')}</dt>
                <dd>{officer!.email}</dd>
              </div>
              <div>
                <dt>{t('reports.learners.columns.country')}</dt>
                <dd>{countries.nameOf(officer!.country)}</dd>
              </div>
              <div>
                <dt>{t('reports.transcript.administration')}</dt>
                <dd>{orDash(officer!.administration)}</dd>
              </div>
              <div>
                <dt>{t('reports.filters.language')}</dt>
                <dd>{t(`reports.languages.${officer!.language}`)}</dd>
              </div>
              <div>
                <dt>{t('reports.filters.status')}</dt>
                <dd>{t(`reports.statuses.${officer!.status}`)}</dd>
              </div>
              <div>
                <dt>{t('reports.transcript.registered')}</dt>
                <dd>{formatDate(officer!.registeredAt, language)}</dd>
              </div>
              <div>
                <dt>{t('reports.transcript.lastSignIn')}</dt>
                <dd>{orDash(formatDateTime(officer!.lastSignInAt, language))}</dd>
              </div>
            </dl>
            <h2 id={`${id}-officer`}>{t('reports.transcript.courses')}</h2>
            <DataTable
              caption={t('reports.transcript.caption', { name: officer!.displayName })}
              className="report-learners"
              columns={LearnerHeadings({ t, showOfficer: false, showCountry: false })}
              empty={t('reports.transcript.empty')}
              isEmpty={transcript.data!.courses.length === 0}
            >
              {transcript.data!.courses.map((row) => (
                <tr key={row.courseId ?? 'none'}>
                  <LearnerCells row={row} />
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </LoadedList>
    </Page>
  );
}

export default function TranscriptPage() {
  return (
    <RequireAuth roles={['coordinator', 'admin']}>
      <Transcript />
    </RequireAuth>
  );
}
