import { useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../api/client';
import { useTranslation } from 'react-i18next';
import type { AdminUser, Appointment } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { LoadedList } from '../components/LoadedList';
import { CountryField } from '../components/CountryField';
import { DataTable } from '../components/DataTable';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { RequireAuth } from '../components/RequireAuth';
import { useCountries, type Countries } from '../hooks/useCountries';
import { useLanguage } from '../hooks/useLanguage';
import { useActionState } from '../hooks/useActionState';
import { useLoader } from '../hooks/useLoader';
import { useErrorText } from '../i18n/errors';
import { formatDateTime, formatNumber } from '../i18n/format';

type Failure = { message: string; attempt: number } | null;

function useFailure(): [Failure, (message: string) => void, () => void] {
  const [failure, setFailure] = useState<Failure>(null);
  return [
    failure,
    (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 })),
    () => setFailure(null),
  ];
}

function AppointSection({ countries, onAppointed }: { countries: Countries; onAppointed: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [queryMissing, setQueryMissing] = useState(false);
  const [searching, setSearching] = useState(false);
  const [results, setResults] = useState<AdminUser[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [country, setCountry] = useState('');
  const [appointing, setAppointing] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, fail, clearFailure] = useFailure();
  const [missing, setMissing] = useState<{ person: boolean; country: boolean }>({ person: false, country: false });
  const statusRef = useRef<HTMLParagraphElement>(null);

  const search = async () => {
    if (!query.trim()) {
      setQueryMissing(true);
      document.getElementById(`${id}-q`)?.focus();
      return;
    }
    setQueryMissing(false);
    setSearching(true);
    clearFailure();
    setStatus(t('appoint.searching'));
    try {
      const found = (
        await unwrap(
          api.GET('/api/admin/users', {
            params: { query: { q: query.trim(), status: 'active', pageSize: 50 } },
          }),
        )
      ).items;
      setResults(found);
      setChosen('');
      setStatus(t('appoint.found', { number: formatNumber(found.length, language) }));
    } catch (caught) {
      setStatus('');
      fail(errorText(caught));
    } finally {
      setSearching(false);
    }
  };

  const person = results?.find((user) => user.id === chosen);

  const appoint = async () => {
    const problems = { person: !person, country: !country };
    setMissing(problems);
    if (!person) {
      document.getElementById(`${id}-people`)?.focus();
      return;
    }
    if (!country) {
      document.getElementById(`${id}-country`)?.focus();
      return;
    }
    setAppointing(true);
    clearFailure();
    setStatus(t('appoint.appointing', { name: person.displayName, country: countries.nameOf(country) }));
    try {
      await unwrap(api.POST('/api/admin/coordinators', { body: { userId: person.id, country } }));
      setStatus(t('appoint.appointed', { name: person.displayName, country: countries.nameOf(country) }));
      setChosen('');
      onAppointed();
      statusRef.current?.focus();
    } catch (caught) {
      setStatus('');
      fail(errorText(caught));
    } finally {
      setAppointing(false);
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('appoint.heading')}</h2>
      <p>{t('appoint.intro')}</p>
      <form
        className="filters"
        role="search"
        aria-label={t('appoint.searchLabel')}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void search();
        }}
      >
        <Field
          id={`${id}-q`}
          label={t('appoint.search')}
          help={t('appoint.searchHelp')}
          error={queryMissing ? t('appoint.queryRequired') : null}
        >
          {(control) => (
            <input {...control} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          )}
        </Field>
        <div className="filters-submit">
          <button type="submit" className="button button-secondary" disabled={searching}>
            {searching ? t('appoint.searching') : t('appoint.searchSubmit')}
          </button>
        </div>
      </form>
      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {status}
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {results && results.length > 0 && (
        <form
          className="form"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void appoint();
          }}
        >
          <fieldset
            id={`${id}-people`}
            tabIndex={-1}
            className="choices"
            aria-invalid={missing.person && !person ? true : undefined}
            aria-describedby={missing.person && !person ? `${id}-people-error` : undefined}
          >
            <legend>{t('appoint.choose')}</legend>
            {missing.person && !person && (
              <p id={`${id}-people-error`} className="field-error">
                {t('appoint.choosePerson')}
              </p>
            )}
            {results.map((user) => (
              <div key={user.id} className="choice">
                <input
                  id={`${id}-user-${user.id}`}
                  type="radio"
                  name="person"
                  value={user.id}
                  checked={chosen === user.id}
                  onChange={() => {
                    setChosen(user.id);
                    if (user.country) {
                      setCountry(user.country);
                    }
                  }}
                />
                <label htmlFor={`${id}-user-${user.id}`}>
                  <span className="person-name">{user.displayName}</span>{' '}
                  <span className="person-email">
                    {[
                      user.email,
                      user.country ? countries.nameOf(user.country) : t('appoint.noCountry'),
                      t(`registrations.statuses.${user.status}`),
                      user.roles.includes('coordinator') ? t('appoint.isCoordinator') : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <CountryField
            id={`${id}-country`}
            label={t('appoint.country')}
            error={missing.country && !country ? t('appoint.chooseCountry') : null}
            value={country}
            emptyLabel={t('domains.chooseCountry')}
            countries={countries.list}
            onChange={setCountry}
          />
          <div>
            <button type="submit" className="button button-primary" disabled={appointing}>
              {appointing ? t('appoint.appointingShort') : t('appoint.submit')}
            </button>
          </div>
        </form>
      )}
      {results && results.length === 0 && <p className="empty">{t('appoint.none')}</p>}
    </section>
  );
}

function AppointmentsSection({ countries, version }: { countries: Countries; version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [country, setCountry] = useState('');
  const [round, setRound] = useState(0);
  const list = useLoader(
    (signal) => unwrap(api.GET('/api/admin/coordinators', { params: { query: { country } }, signal })),
    [api, country, version, round],
  );
  const [ending, setEnding] = useState<Appointment | null>(null);
  // The failure of ending an appointment is shown in the dialog.
  const action = useActionState();
  const returnFocus = useRef<HTMLElement | null>(null);

  const open = (appointment: Appointment) => {
    returnFocus.current = null;
    action.clearFailure();
    setEnding(appointment);
  };

  const confirm = async () => {
    if (!ending || action.busy) {
      return;
    }
    const names = { name: ending.displayName, country: countries.nameOf(ending.country) };
    action.start(t('appointments.ending', names));
    try {
      await unwrap(api.POST('/api/admin/coordinators/{id}/end', { params: { path: { id: ending.id } } }));
      action.stop(t('appointments.ended', names));
      returnFocus.current = action.statusRef.current;
      setEnding(null);
      setRound((value) => value + 1);
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  const items = list.data ?? [];
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('appointments.heading')}</h2>
      <div className="filters">
        <CountryField
          id={`${id}-country`}
          label={t('registrations.country')}
          value={country}
          emptyLabel={t('registrations.allCountries')}
          countries={countries.list}
          onChange={setCountry}
        />
      </div>
      <p ref={action.statusRef} className="status-text" role="status" tabIndex={-1}>
        {action.status}
      </p>
      <LoadedList list={list}>
        {() => (
          <DataTable
            caption={t('appointments.caption')}
            columns={[
              t('appointments.columns.coordinator'),
              t('registrations.columns.country'),
              t('appointments.columns.appointedBy'),
              t('appointments.columns.from'),
              t('appointments.columns.until'),
              t('registrations.columns.actions'),
            ]}
            empty={t('appointments.empty')}
            isEmpty={items.length === 0}
          >
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row" className="person">
                  <span className="person-name">{item.displayName}</span>
                  <span className="person-email">{item.email}</span>
                </th>
                <td>{countries.nameOf(item.country)}</td>
                <td>{item.appointedByName ?? t('appointments.notRecorded')}</td>
                <td>{formatDateTime(item.startsAt, language)}</td>
                <td>
                  {item.endsAt ? (
                    formatDateTime(item.endsAt, language)
                  ) : (
                    <span className="badge badge-approved">{t('appointments.active')}</span>
                  )}
                </td>
                <td className="actions-cell">
                  {!item.endsAt && (
                    <button
                      type="button"
                      className="button button-danger button-small"
                      disabled={action.busy}
                      aria-label={t('appointments.endOne', {
                        name: item.displayName,
                        country: countries.nameOf(item.country),
                      })}
                      onClick={() => open(item)}
                    >
                      {t('appointments.end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <ConfirmDialog
        open={ending !== null}
        title={t('appointments.confirmTitle')}
        body={
          ending
            ? t('appointments.confirmBody', { name: ending.displayName, country: countries.nameOf(ending.country) })
            : ''
        }
        confirmLabel={t('appointments.confirm')}
        busy={action.busy}
        busyText={t('appointments.endingShort')}
        failure={ending ? action.failure : null}
        returnFocus={returnFocus}
        onConfirm={() => void confirm()}
        onCancel={() => setEnding(null)}
      />
    </section>
  );
}

function AdminCoordinators() {
  const { t } = useTranslation();
  const countries = useCountries();
  const [version, setVersion] = useState(0);
  return (
    <Page title={t('adminCoordinators.title')} heading={t('adminCoordinators.heading')} className="wide">
      <p className="lead">{t('adminCoordinators.intro')}</p>
      <AppointSection countries={countries} onAppointed={() => setVersion((value) => value + 1)} />
      <AppointmentsSection countries={countries} version={version} />
    </Page>
  );
}

export default function AdminCoordinatorsPage() {
  return (
    <RequireAuth roles={['admin']}>
      <AdminCoordinators />
    </RequireAuth>
  );
}
