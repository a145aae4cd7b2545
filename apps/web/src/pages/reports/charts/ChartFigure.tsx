import { Component, lazy, Suspense, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../hooks/useLanguage';
import type { ChartSpec } from './spec';

// Chart.js comes with this chunk only: never in the first page, fetched when a dashboard draws.
const ChartCanvas = lazy(() => import('./ChartCanvas'));

/** A chart whose code could not be fetched: the table still holds every figure. */
class ChartFailed extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

interface ChartFigureProps {
  title: string;
  spec: ChartSpec;
  /**
   * The id of a table elsewhere on the page that holds exactly these figures; without one, the chart
   * brings its own table, behind a disclosure.
   */
  tableId?: string;
  /** How each value reads in the table (defaults to the language's number format). */
  formatValue?: (value: number) => string;
}

/**
 * A chart with its title, its figures as a table (its text alternative), a colour-blind-safe palette
 * and its axes named; the chart itself is drawn by a lazily loaded Chart.js.
 */
export function ChartFigure({ title, spec, tableId, formatValue }: ChartFigureProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const ownTableId = `${id}-table`;
  const format =
    formatValue ??
    ((value: number) =>
      new Intl.NumberFormat(language, spec.percent ? { style: 'percent', maximumFractionDigits: 1 } : {}).format(
        value,
      ));
  const label = t('reports.chart.label', { title });
  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`} data-table={tableId ?? ownTableId}>
      <figcaption id={`${id}-title`} className="report-chart-title">
        {title}
      </figcaption>
      {spec.labels.length === 0 ? (
        <p className="empty">{t('reports.chart.empty')}</p>
      ) : (
        <ChartFailed fallback={<p className="empty">{t('reports.chart.failed')}</p>}>
          <Suspense
            fallback={
              <p className="loading" role="status">
                {t('loading')}
              </p>
            }
          >
            <ChartCanvas spec={spec} language={language} label={label} />
          </Suspense>
        </ChartFailed>
      )}
      {tableId ? (
        <p className="report-chart-note">
          <a href={`#${tableId}`}>{t('reports.chart.inTable')}</a>
        </p>
      ) : (
        spec.labels.length > 0 && (
          <details className="report-chart-table">
            <summary>{t('reports.chart.showTable')}</summary>
            <div className="table-wrap" role="region" aria-labelledby={`${ownTableId}-caption`} tabIndex={0}>
              <table className="data-table" id={ownTableId}>
                <caption id={`${ownTableId}-caption`}>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{spec.categoryTitle}</th>
                    {spec.series.map((series) => (
                      <th scope="col" key={series.label} className="numeric">
                        {series.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {spec.labels.map((category, row) => (
                    <tr key={`${row}-${category}`}>
                      <th scope="row">{category}</th>
                      {spec.series.map((series) => (
                        <td key={series.label} className="numeric">
                          {format(series.values[row] ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )
      )}
    </figure>
  );
}
