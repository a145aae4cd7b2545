import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { CountryField } from '../../components/CountryField';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { Pagination } from '../../components/Pagination';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useErrorText } from '../../i18n/errors';
import { formatNumber } from '../../i18n/format';
import { PAGE_SIZE, peopleApi, ROLES, STATUSES } from './api';

/** The user directory: the Secretariat sees everyone, a coordinator their own countries' officers. */
function People() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user, api: client } = useAuth();
  const api = useMemo(() => peopleApi(client), [client]);
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const filters = useUrlFilters();
  const { q, page, draft, setDraft, update, onSubmit } = filters;
  const isAdmin = hasRole(user, 'admin');

  // Filters live in the address, so going back from a person's page finds the same list.
  const country = /^[A-Z]{2}$/.test(filters.text('country')) ? filters.text('country') : '';
  const role = filters.oneOf('role', ROLES);
  const status = filters.oneOf('status', STATUSES);

  const list = useLoader(
    (signal) => api.directory({ q: q.trim(), country, role, status, page }, signal),
    [api, q, country, role, status, page],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const captionId = `${id}-caption`;

  return (
    <Page title={t('people.title')} heading={t('people.heading')} className="wide">
      <p className="lead">{isAdmin ? t('people.leadAdmin') : t('people.leadCoordinator')}</p>
      <form className="filters" role="search" aria-label={t('people.filtersLabel')} onSubmit={onSubmit}>
        <Field id={`${id}-q`} label={t('people.search')} help={t('people.searchHelp')}>
          {(control) => (
            <input {...control} type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
          )}
        </Field>
        {isAdmin && (
          <CountryField
            id={`${id}-country`}
            label={t('registrations.country')}
            value={country}
            emptyLabel={t('registrations.allCountries')}
            countries={countries.list}
            onChange={(code) => update({ country: code })}
          />
        )}
        <Field id={`${id}-role`} label={t('people.role')}>
          {(control) => (
            <select {...control} value={role} onChange={(event) => update({ role: event.target.value })}>
              <option value="">{t('people.allRoles')}</option>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`people.roles.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-status`} label={t('registrations.status')}>
          {(control) => (
            <select {...control} value={status} onChange={(event) => update({ status: event.target.value })}>
              <option value="">{t('people.allStatuses')}</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`registrations.statuses.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button-primary">
          {t('registrations.applyFilters')}
        </button>
      </form>
      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      <p role="status" className="status-text">
        {list.data ? t('people.count', { number: formatNumber(total, language) }) : ''}
      </p>
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t('people.empty')}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="data-table">
              <caption id={captionId}>{t('people.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registrations.columns.person')}</th>
                  <th scope="col">{t('registrations.columns.country')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('registrations.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" className="person">
                      <Link className="person-name" to={`/admin/users/${item.id}`}>
                        {item.displayName}
                      </Link>
                      <span className="person-email">{item.email}</span>
                    </th>
                    <td>{item.country ? countries.nameOf(item.country) : t('people.secretariat')}</td>
                    <td>{item.roles.map((r) => t(`people.roles.${r}`)).join(', ')}</td>
                    <td>{t(`registrations.statuses.${item.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {!list.data && list.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      <Pagination
        label={t('people.pagination')}
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        onPage={filters.setPage}
      />
    </Page>
  );
}

export default function PeoplePage() {
  return (
    <RequireAuth roles={['admin', 'coordinator']}>
      <People />
    </RequireAuth>
  );
}
