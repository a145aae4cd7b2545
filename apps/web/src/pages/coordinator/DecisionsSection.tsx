import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, unwrapWithResponse } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { Scope } from '../CoordinatorPage';

const PAGE_SIZE = 20;
const EXPORT_NAME = 'registration-decisions.csv';

/** The file name the server suggests (Content-Disposition), else ours. */
function fileNameOf(response: Response): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  const name = match?.[1] ? decodeURIComponent(match[1]).replace(/[\\/]/g, '') : '';
  return name || EXPORT_NAME;
}

interface Props {
  scope: Scope;
  /** Changes after each decision made on the page, to show it. */
  version: number;
}

export function DecisionsSection({ scope, version }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const [country, setCountry] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/registrations/decisions', {
          params: { query: { country, page, pageSize: PAGE_SIZE } },
          signal,
        }),
      ),
    [api, country, page, version],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  // Deciding the last registrations of the last page leaves it empty: go back to the new last page.
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  useEffect(() => {
    if (list.data && page > lastPage) {
      setPage(lastPage);
    }
  }, [list.data, page, lastPage]);
  const showCountry = scope.isAdmin || scope.countries.length > 1;

  const [exporting, setExporting] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const exportCsv = async () => {
    setExporting(true);
    setFailure(null);
    setStatus(t('decisions.exporting'));
    try {
      // The bearer header is needed, so a plain link cannot do: fetch, then hand the browser a Blob URL.
      const { data: blob, response } = await unwrapWithResponse(
        api.GET('/api/registrations/decisions/export.csv', {
          params: { query: { country } },
          headers: { Accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      const name = fileNameOf(response);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus(t('decisions.exported', { file: name }));
    } catch (caught) {
      setStatus('');
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setExporting(false);
    }
  };

  const captionId = `${id}-caption`;
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('decisions.heading')}</h2>
      <p>{t('decisions.intro')}</p>
      <div className="filters">
        {showCountry && (
          <Field id={`${id}-country`} label={t('registrations.country')}>
            {(control) => (
              <select
                {...control}
                value={country}
                onChange={(event) => {
                  setPage(1);
                  setCountry(event.target.value);
                }}
              >
                <option value="">
                  {scope.isAdmin ? t('registrations.allCountries') : t('registrations.allMyCountries')}
                </option>
                {scope.countries.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="filters-submit">
          <button
            type="button"
            className="button button-secondary"
            disabled={exporting}
            onClick={() => void exportCsv()}
          >
            {exporting ? t('decisions.exporting') : t('decisions.export')}
          </button>
        </div>
      </div>
      <p ref={statusRef} className="status-text" role="status">
        {status}
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      {list.data && (
        <>
          <p className="result-count">
            {t('decisions.count', { number: formatNumber(total, language) })}
            {list.loading && <span className="loading"> {t('loading')}</span>}
          </p>
          {items.length === 0 ? (
            <p className="empty">{t('decisions.empty')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="data-table">
                <caption id={captionId}>{t('decisions.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('decisions.columns.date')}</th>
                    <th scope="col">{t('registrations.columns.person')}</th>
                    {showCountry && <th scope="col">{t('registrations.columns.country')}</th>}
                    <th scope="col">{t('decisions.columns.outcome')}</th>
                    <th scope="col">{t('decisions.columns.reason')}</th>
                    <th scope="col">{t('decisions.columns.decidedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <td>{formatDateTime(item.decidedAt, language)}</td>
                      <th scope="row" className="person">
                        <span className="person-name">{item.displayName}</span>
                        <span className="person-email">{item.email}</span>
                      </th>
                      {showCountry && <td>{countries.nameOf(item.country)}</td>}
                      <td>
                        <span className={`badge badge-${item.outcome}`}>{t(`decisions.outcomes.${item.outcome}`)}</span>
                      </td>
                      <td className="reason">{item.reason ?? ''}</td>
                      <td>{item.deciderName ?? t('decisions.automatic')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            label={t('decisions.pagination')}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            onPage={setPage}
          />
        </>
      )}
      {!list.data && list.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
    </section>
  );
}
