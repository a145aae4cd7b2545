import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { DataTable } from '../../components/DataTable';
import { LoadedList } from '../../components/LoadedList';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { formatNumber } from '../../i18n/format';
import { filtersOf, reportsApi, type Secretariat } from './api';
import { ChartFigure } from './charts/ChartFigure';
import { countsChart } from './charts/spec';
import { CoursesTable, courseChart } from './CoursesTable';
import { formatDay, formatMonth } from './format';
import { ReportFiltersForm } from './ReportFiltersForm';
import { ReportTabs } from './ReportTabs';
import './reports.css';

type RegionName = Secretariat['regions'][number]['region'];
const FIGURES = ['registered', 'active', 'enrolments', 'started', 'completions', 'passed'] as const;

/**
 * The Secretariat's dashboard (docs/reports.md): the whole community by WCO region and country, its
 * usage, course popularity, the completion funnel and the health of the job queues.
 */
function SecretariatDashboard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api: client } = useAuth();
  const api = useMemo(() => reportsApi(client), [client]);
  const countries = useCountries();
  const id = useId();
  const url = useUrlFilters();
  const filters = filtersOf(url);
  const report = useLoader(
    (signal) => api.secretariat(filters, signal),
    [api, filters.country, filters.from, filters.to],
  );
  const number = (value: number) => formatNumber(value, language);
  const regionName = (region: RegionName) => t(`reports.regions.${region}`);
  const ids = {
    regions: `${id}-regions`,
    countries: `${id}-countries`,
    courses: `${id}-courses`,
    queues: `${id}-queues`,
  };

  return (
    <Page title={t('reports.secretariat.title')} heading={t('reports.secretariat.heading')} className="wide reports">
      <ReportTabs />
      <p className="lead">{t('reports.secretariat.lead')}</p>
      <ReportFiltersForm
        url={url}
        filters={filters}
        countries={{ list: countries.list, allLabel: t('reports.filters.allCountries') }}
      />
      <LoadedList list={report}>
        {() => {
          const data = report.data!;
          const { usage, funnel } = data;
          return (
            <>
              <section className="section" aria-labelledby={`${id}-usage`}>
                <h2 id={`${id}-usage`}>{t('reports.secretariat.usage')}</h2>
                <dl className="report-facts">
                  <div>
                    <dt>{t('reports.secretariat.registeredUsers')}</dt>
                    <dd>{number(usage.registeredUsers)}</dd>
                  </div>
                </dl>
                <div className="report-charts">
                  <ChartFigure
                    title={t('reports.secretariat.activePerMonth')}
                    spec={countsChart(
                      usage.activeUsersPerMonth,
                      (entry) => formatMonth(entry.month, language),
                      t('reports.series.activeUsers'),
                      t('reports.axes.month'),
                    )}
                  />
                  <ChartFigure
                    title={t('reports.secretariat.newPerMonth')}
                    spec={countsChart(
                      usage.newRegistrationsPerMonth,
                      (entry) => formatMonth(entry.month, language),
                      t('reports.series.registrations'),
                      t('reports.axes.month'),
                    )}
                  />
                </div>
                <ChartFigure
                  title={t('reports.secretariat.activePerDay')}
                  spec={countsChart(
                    // Bars, not a line: a day without a sign-in is not listed, and a line would bridge it.
                    usage.activeUsersPerDay,
                    (entry) => formatDay(entry.day, language),
                    t('reports.series.activeUsers'),
                    t('reports.axes.day'),
                  )}
                />
              </section>

              <section className="section" aria-labelledby={`${id}-funnel`}>
                <h2 id={`${id}-funnel`}>{t('reports.secretariat.funnelHeading')}</h2>
                <p>{t('reports.secretariat.funnelIntro')}</p>
                <ChartFigure
                  title={t('reports.secretariat.funnelHeading')}
                  spec={{
                    type: 'bar',
                    horizontal: true,
                    labels: (['enrolled', 'started', 'completed', 'passed'] as const).map((step) =>
                      t(`reports.secretariat.funnel.${step}`),
                    ),
                    series: [
                      {
                        label: t('reports.axes.enrolments'),
                        values: [funnel.enrolled, funnel.started, funnel.completed, funnel.passed],
                      },
                    ],
                    categoryTitle: t('reports.axes.step'),
                    valueTitle: t('reports.axes.enrolments'),
                  }}
                />
              </section>

              <section className="section" aria-labelledby={`${id}-regions-heading`}>
                <h2 id={`${id}-regions-heading`}>{t('reports.secretariat.regionsHeading')}</h2>
                <ChartFigure
                  title={t('reports.secretariat.regionsChart')}
                  spec={{
                    type: 'bar',
                    horizontal: true,
                    labels: data.regions.map((entry) => regionName(entry.region)),
                    series: (['registered', 'enrolments', 'completions', 'passed'] as const).map((key) => ({
                      label: t(`reports.secretariat.columns.${key}`),
                      values: data.regions.map((entry) => entry[key]),
                    })),
                    categoryTitle: t('reports.axes.region'),
                    valueTitle: t('reports.axes.count'),
                  }}
                  tableId={ids.regions}
                />
                <div id={ids.regions}>
                  <DataTable
                    caption={t('reports.secretariat.regionsCaption')}
                    columns={[
                      t('reports.secretariat.columns.region'),
                      { key: 'countries', heading: t('reports.secretariat.columns.countries'), className: 'numeric' },
                      ...FIGURES.map((key) => ({
                        key,
                        heading: t(`reports.secretariat.columns.${key}`),
                        className: 'numeric',
                      })),
                    ]}
                    empty={t('reports.secretariat.emptyRegions')}
                    isEmpty={data.regions.length === 0}
                  >
                    {data.regions.map((entry) => (
                      <tr key={entry.region}>
                        <th scope="row">{regionName(entry.region)}</th>
                        <td className="numeric">{number(entry.countries)}</td>
                        {FIGURES.map((key) => (
                          <td key={key} className="numeric">
                            {number(entry[key])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </DataTable>
                </div>
              </section>

              <section className="section" aria-labelledby={`${id}-countries-heading`}>
                <h2 id={`${id}-countries-heading`}>{t('reports.secretariat.countriesHeading')}</h2>
                <div id={ids.countries}>
                  <DataTable
                    caption={t('reports.secretariat.countriesCaption')}
                    columns={[
                      t('reports.secretariat.columns.country'),
                      t('reports.secretariat.columns.region'),
                      ...FIGURES.map((key) => ({
                        key,
                        heading: t(`reports.secretariat.columns.${key}`),
                        className: 'numeric',
                      })),
                    ]}
                    empty={t('reports.secretariat.emptyCountries')}
                    isEmpty={data.countries.length === 0}
                  >
                    {data.countries.map((entry) => (
                      <tr key={entry.country}>
                        <th scope="row">{countries.nameOf(entry.country)}</th>
                        <td>{regionName(entry.region)}</td>
                        {FIGURES.map((key) => (
                          <td key={key} className="numeric">
                            {number(entry[key])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </DataTable>
                </div>
              </section>

              <section className="section" aria-labelledby={`${id}-courses-heading`}>
                <h2 id={`${id}-courses-heading`}>{t('reports.secretariat.popularity')}</h2>
                <ChartFigure
                  title={t('reports.courses.progressChart')}
                  spec={courseChart(data.courses, t)}
                  tableId={ids.courses}
                />
                <CoursesTable id={ids.courses} courses={data.courses} />
              </section>

              <section className="section" aria-labelledby={`${id}-queues-heading`}>
                <h2 id={`${id}-queues-heading`}>{t('reports.secretariat.queuesHeading')}</h2>
                <p>{t('reports.secretariat.queuesIntro')}</p>
                <ChartFigure
                  title={t('reports.secretariat.queuesChart')}
                  spec={{
                    type: 'bar',
                    labels: data.queues.map((entry) => entry.queue),
                    series: (['waiting', 'active', 'failed'] as const).map((key) => ({
                      label: t(`reports.secretariat.queue.${key}`),
                      values: data.queues.map((entry) => entry[key]),
                    })),
                    categoryTitle: t('reports.secretariat.queue.name'),
                    valueTitle: t('reports.axes.jobs'),
                  }}
                  tableId={ids.queues}
                />
                <div id={ids.queues}>
                  <DataTable
                    caption={t('reports.secretariat.queuesCaption')}
                    columns={[
                      t('reports.secretariat.queue.name'),
                      ...(['waiting', 'active', 'failed'] as const).map((key) => ({
                        key,
                        heading: t(`reports.secretariat.queue.${key}`),
                        className: 'numeric',
                      })),
                    ]}
                    empty={t('reports.secretariat.emptyQueues')}
                    isEmpty={data.queues.length === 0}
                  >
                    {data.queues.map((entry) => (
                      <tr key={entry.queue}>
                        <th scope="row">
                          <code>{entry.queue}</code>
                        </th>
                        <td className="numeric">{number(entry.waiting)}</td>
                        <td className="numeric">{number(entry.active)}</td>
                        <td className="numeric">{number(entry.failed)}</td>
                      </tr>
                    ))}
                  </DataTable>
                </div>
              </section>
            </>
          );
        }}
      </LoadedList>
    </Page>
  );
}

export default function SecretariatPage() {
  return (
    <RequireAuth roles={['admin']}>
      <SecretariatDashboard />
    </RequireAuth>
  );
}
