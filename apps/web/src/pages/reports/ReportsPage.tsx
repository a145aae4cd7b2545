import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ActionStatus } from '../../components/ActionStatus';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { LoadedList } from '../../components/LoadedList';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useActionState } from '../../hooks/useActionState';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useErrorText } from '../../i18n/errors';
import { formatNumber } from '../../i18n/format';
import { filtersOf, LEARNERS_PAGE_SIZE, OFFICER_STATUSES, reportsApi, type ExportFormat } from './api';
import { ChartFigure } from './charts/ChartFigure';
import { CoursesTable, courseChart } from './CoursesTable';
import { LearnerCells, LearnerHeadings } from './LearnerCells';
import { formatMonth } from './format';
import { ReportFiltersForm } from './ReportFiltersForm';
import { ReportTabs } from './ReportTabs';
import './reports.css';
import { saveBlob } from '../../api/download';

/**
 * The coordinator's dashboard (docs/reports.md): their officers' registrations and learning, per
 * course and per officer, with exports of exactly the officers' table. The Secretariat sees every
 * country here, and its own dashboard beside it.
 */
function Reports() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api: client } = useAuth();
  const api = useMemo(() => reportsApi(client), [client]);
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const url = useUrlFilters();
  const filters = filtersOf(url);
  const me = useLoader((signal) => unwrap(client.GET('/api/me', { signal })), [client]);
  const isAdmin = me.data?.roles.includes('admin') ?? false;
  const ownCountries = me.data?.coordinatorCountries ?? [];
  const countryChoices = isAdmin
    ? countries.list
    : ownCountries.map((code) => ({ code, name: countries.nameOf(code) }));
  const showCountry = isAdmin || ownCountries.length > 1;

  const summary = useLoader((signal) => api.summary(filters, signal), [api, filters.country, filters.from, filters.to]);
  const learners = useLoader(
    (signal) => api.learners(filters, url.page, signal),
    [api, filters.country, filters.from, filters.to, filters.course, filters.lang, filters.status, url.page],
  );
  const exporting = useActionState();

  const download = async (format: ExportFormat) => {
    exporting.start(t('reports.export.preparing'));
    try {
      const { blob, name } = await api.download(filters, format);
      saveBlob(blob, name);
      exporting.stop(t('reports.export.done', { file: name }));
    } catch (caught) {
      exporting.fail(errorText(caught));
    }
  };

  const courses = summary.data?.courses ?? [];
  const rated = courses.filter((course) => course.passRate !== null);
  const courseOptions = courses.map((course) => ({ value: course.courseId, label: course.title ?? course.courseId }));
  if (filters.course && !courseOptions.some((option) => option.value === filters.course)) {
    courseOptions.push({ value: filters.course, label: t('reports.filters.otherCourse') });
  }
  const coursesTableId = `${id}-courses`;
  const number = (value: number) => formatNumber(value, language);

  return (
    <Page title={t('reports.officers.title')} heading={t('reports.officers.heading')} className="wide reports">
      {isAdmin && <ReportTabs />}
      <p className="lead">{isAdmin ? t('reports.officers.leadAdmin') : t('reports.officers.lead')}</p>
      {me.error !== null && <Alert>{errorText(me.error)}</Alert>}
      <ReportFiltersForm
        url={url}
        filters={filters}
        countries={
          me.data && showCountry
            ? {
                list: countryChoices,
                allLabel: isAdmin ? t('reports.filters.allCountries') : t('reports.filters.allMyCountries'),
              }
            : undefined
        }
        courses={courseOptions}
      />
      <p className="report-note">{t('reports.officers.filtersNote')}</p>

      <LoadedList list={summary}>
        {() => {
          const data = summary.data!;
          return (
            <>
              <section className="section" aria-labelledby={`${id}-totals`}>
                <h2 id={`${id}-totals`}>{t('reports.officers.totals')}</h2>
                <dl className="report-facts">
                  {(
                    [
                      ['pending', data.registrations.pending],
                      ['approved', data.registrations.approved],
                      ['rejected', data.registrations.rejected],
                      ['learners', data.learners],
                      ['enrolments', data.enrolments],
                      ['completions', data.completions],
                    ] as const
                  ).map(([key, value]) => (
                    <div key={key}>
                      <dt>{t(`reports.totals.${key}`)}</dt>
                      <dd>{number(value)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              <section className="section" aria-labelledby={`${id}-officers`}>
                <h2 id={`${id}-officers`}>{t('reports.officers.registrationsHeading')}</h2>
                <div className="report-charts">
                  <ChartFigure
                    title={t('reports.officers.byStatus')}
                    spec={{
                      type: 'bar',
                      labels: OFFICER_STATUSES.map((status) => t(`reports.statuses.${status}`)),
                      series: [
                        {
                          label: t('reports.series.officers'),
                          values: OFFICER_STATUSES.map((status) => data.officersByStatus[status]),
                        },
                      ],
                      categoryTitle: t('reports.axes.status'),
                      valueTitle: t('reports.series.officers'),
                    }}
                  />
                  <ChartFigure
                    title={t('reports.officers.perMonth')}
                    spec={{
                      type: 'bar',
                      labels: data.registrationsPerMonth.map((entry) => formatMonth(entry.month, language)),
                      series: [
                        {
                          label: t('reports.series.registrations'),
                          values: data.registrationsPerMonth.map((entry) => entry.count),
                        },
                      ],
                      categoryTitle: t('reports.axes.month'),
                      valueTitle: t('reports.series.registrations'),
                    }}
                  />
                </div>
              </section>
              <section className="section" aria-labelledby={`${id}-courses-heading`}>
                <h2 id={`${id}-courses-heading`}>{t('reports.courses.heading')}</h2>
                <div className="report-charts">
                  <ChartFigure
                    title={t('reports.courses.progressChart')}
                    spec={courseChart(courses, t)}
                    tableId={coursesTableId}
                  />
                  <ChartFigure
                    title={t('reports.courses.passRateChart')}
                    spec={{
                      type: 'bar',
                      horizontal: true,
                      percent: true,
                      // A course nobody has passed or failed yet has no pass rate: it is left out, not drawn as 0.
                      labels: rated.map((course) => course.title ?? course.courseId),
                      series: [
                        {
                          label: t('reports.courses.columns.passRate'),
                          values: rated.map((course) => course.passRate ?? 0),
                        },
                      ],
                      categoryTitle: t('reports.axes.course'),
                      valueTitle: t('reports.courses.columns.passRate'),
                    }}
                    tableId={coursesTableId}
                  />
                </div>
                <CoursesTable id={coursesTableId} courses={courses} />
              </section>
            </>
          );
        }}
      </LoadedList>

      <section className="section" aria-labelledby={`${id}-learners`}>
        <h2 id={`${id}-learners`}>{t('reports.learners.heading')}</h2>
        <p>{t('reports.learners.intro')}</p>
        <div className="toolbar">
          <button
            type="button"
            className="button button-secondary"
            disabled={exporting.busy}
            onClick={() => void download('csv')}
          >
            {t('reports.export.csv')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={exporting.busy}
            onClick={() => void download('xlsx')}
          >
            {t('reports.export.xlsx')}
          </button>
        </div>
        <ActionStatus state={exporting} />
        <LoadedList list={learners}>
          {() => (
            <DataTable
              caption={t('reports.learners.caption')}
              className="report-learners"
              columns={LearnerHeadings({ t, showOfficer: true, showCountry })}
              empty={t('reports.learners.empty')}
              isEmpty={learners.data!.items.length === 0}
              count={t('reports.learners.count', { number: number(learners.data!.total) })}
              loading={learners.loading}
              paging={{
                page: url.page,
                pageSize: LEARNERS_PAGE_SIZE,
                total: learners.data!.total,
                onPage: url.setPage,
              }}
              pagingLabel={t('reports.learners.pagination')}
            >
              {learners.data!.items.map((row) => (
                <tr key={`${row.userId}-${row.courseId ?? ''}`}>
                  <th scope="row" className="person">
                    <Link className="person-name" to={`/reports/learners/${row.userId}`}>
                      {row.displayName}
                    </Link>
                    <span className="person-email">{row.email}</span>
                  </th>
                  {showCountry && <td>{countries.nameOf(row.country)}</td>}
                  <LearnerCells row={row} />
                </tr>
              ))}
            </DataTable>
          )}
        </LoadedList>
      </section>
    </Page>
  );
}

export default function ReportsPage() {
  return (
    <RequireAuth roles={['coordinator', 'admin']}>
      <Reports />
    </RequireAuth>
  );
}
