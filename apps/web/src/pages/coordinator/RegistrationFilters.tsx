import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../api/types';
import { CountryField } from '../../components/CountryField';
import { Field } from '../../components/Field';
import type { Scope } from '../CoordinatorPage';

export interface RegistrationFilterValues {
  q: string;
  status: AccountStatus;
  country: string;
}

export const INITIAL_FILTERS: RegistrationFilterValues = { q: '', status: 'pending', country: '' };

interface Props {
  scope: Scope;
  showCountry: boolean;
  /** Called with the filters when the form is submitted. */
  onApply: (filters: RegistrationFilterValues) => void;
}

/** Search, status and country of the registrations list; applied on submit. */
export function RegistrationFilters({ scope, showCountry, onApply }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<RegistrationFilterValues>(INITIAL_FILTERS);
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('registrations.filtersLabel')}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onApply({ ...draft });
      }}
    >
      <Field id={`${id}-q`} label={t('registrations.search')} help={t('registrations.searchHelp')}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={draft.q}
            onChange={(event) => setDraft((current) => ({ ...current, q: event.target.value }))}
          />
        )}
      </Field>
      <Field id={`${id}-status`} label={t('registrations.status')}>
        {(control) => (
          <select
            {...control}
            value={draft.status}
            onChange={(event) => setDraft((current) => ({ ...current, status: event.target.value as AccountStatus }))}
          >
            {ACCOUNT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`registrations.statuses.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {showCountry && (
        <CountryField
          id={`${id}-country`}
          label={t('registrations.country')}
          value={draft.country}
          emptyLabel={scope.isAdmin ? t('registrations.allCountries') : t('registrations.allMyCountries')}
          countries={scope.countries}
          onChange={(code) => setDraft((current) => ({ ...current, country: code }))}
        />
      )}
      <div className="filters-submit">
        <button type="submit" className="button button-secondary">
          {t('registrations.applyFilters')}
        </button>
      </div>
    </form>
  );
}
