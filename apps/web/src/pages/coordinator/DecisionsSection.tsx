import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, unwrapWithResponse } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { CountryField } from '../../components/CountryField';
import { ActionStatus } from '../../components/ActionStatus';
import { LoadedList } from '../../components/LoadedList';
import { DataTable } from '../../components/DataTable';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useActionState } from '../../hooks/useActionState';
import { usePagedLoader } from '../../hooks/usePagedLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { Scope } from '../CoordinatorPage';
import { fileNameOf, saveBlob } from '../../api/download';

const EXPORT_NAME = 'registration-decisions.csv';

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
  const list = usePagedLoader(
    (page, pageSize, signal) =>
      unwrap(api.GET('/api/registrations/decisions', { params: { query: { country, page, pageSize } }, signal })),
    [api, country, version],
  );
  const showCountry = scope.isAdmin || scope.countries.length > 1;

  const action = useActionState();

  const exportCsv = async () => {
    action.start(t('decisions.exporting'));
    try {
      // The bearer header is needed, so a plain link cannot do: fetch, then hand the browser a Blob URL.
      const { data: blob, response } = await unwrapWithResponse(
        api.GET('/api/registrations/decisions/export.csv', {
          params: { query: { country } },
          headers: { Accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      const name = fileNameOf(response, EXPORT_NAME);
      saveBlob(blob, name);
      action.stop(t('decisions.exported', { file: name }));
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('decisions.heading')}</h2>
      <p>{t('decisions.intro')}</p>
      <div className="filters">
        {showCountry && (
          <CountryField
            id={`${id}-country`}
            label={t('registrations.country')}
            value={country}
            emptyLabel={scope.isAdmin ? t('registrations.allCountries') : t('registrations.allMyCountries')}
            countries={scope.countries}
            onChange={(code) => {
              list.firstPage();
              setCountry(code);
            }}
          />
        )}
        <div className="filters-submit">
          <button
            type="button"
            className="button button-secondary"
            disabled={action.busy}
            onClick={() => void exportCsv()}
          >
            {action.busy ? t('decisions.exporting') : t('decisions.export')}
          </button>
        </div>
      </div>
      <ActionStatus state={action} />
      <LoadedList list={list}>
        {() => (
          <DataTable
            caption={t('decisions.caption')}
            columns={[
              t('decisions.columns.date'),
              t('registrations.columns.person'),
              ...(showCountry ? [t('registrations.columns.country')] : []),
              t('decisions.columns.outcome'),
              t('decisions.columns.reason'),
              t('decisions.columns.decidedBy'),
            ]}
            empty={t('decisions.empty')}
            isEmpty={list.items.length === 0}
            count={t('decisions.count', { number: formatNumber(list.total, language) })}
            loading={list.loading}
            paging={list.paging}
            pagingLabel={t('decisions.pagination')}
          >
            {list.items.map((item) => (
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
          </DataTable>
        )}
      </LoadedList>
    </section>
  );
}
