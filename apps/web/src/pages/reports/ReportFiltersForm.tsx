import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CountryField } from '../../components/CountryField';
import { Field } from '../../components/Field';
import { FilterSelect } from '../../components/FilterFields';
import type { UrlFilters } from '../../hooks/useUrlFilters';
import { LANGUAGES, OFFICER_STATUSES, type ReportFilters } from './api';

interface Props {
  url: UrlFilters;
  filters: ReportFilters;
  /** The countries one may narrow to, with the "all" choice's label; none: no country filter. */
  countries?: { list: readonly { code: string; name: string }[]; allLabel: string };
  /** The courses of the course filter; none: only the period (and country). */
  courses?: ReadonlyArray<{ value: string; label: string }>;
}

/** The dashboards' filters, applied as soon as one changes and kept in the address. */
export function ReportFiltersForm({ url, filters, countries, courses }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('reports.filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <Field id={`${id}-from`} label={t('reports.filters.from')}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => url.update({ from: event.target.value })}
          />
        )}
      </Field>
      <Field id={`${id}-to`} label={t('reports.filters.to')}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => url.update({ to: event.target.value })}
          />
        )}
      </Field>
      {countries && (
        <CountryField
          id={`${id}-country`}
          label={t('reports.filters.country')}
          value={filters.country}
          emptyLabel={countries.allLabel}
          countries={countries.list}
          onChange={(country) => url.update({ country })}
        />
      )}
      {courses && (
        <>
          <FilterSelect
            id={`${id}-course`}
            label={t('reports.filters.course')}
            value={filters.course}
            allLabel={t('reports.filters.allCourses')}
            options={courses}
            onChange={(course) => url.update({ course })}
          />
          <FilterSelect
            id={`${id}-lang`}
            label={t('reports.filters.language')}
            value={filters.lang}
            allLabel={t('reports.filters.allLanguages')}
            options={LANGUAGES.map((code) => ({ value: code, label: t(`reports.languages.${code}`) }))}
            onChange={(lang) => url.update({ lang })}
          />
          <FilterSelect
            id={`${id}-status`}
            label={t('reports.filters.status')}
            value={filters.status}
            allLabel={t('reports.filters.allStatuses')}
            options={OFFICER_STATUSES.map((status) => ({ value: status, label: t(`reports.statuses.${status}`) }))}
            onChange={(status) => url.update({ status })}
          />
        </>
      )}
      {(filters.from || filters.to || filters.country || filters.course || filters.lang || filters.status) && (
        <div className="filters-submit">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => url.update({ from: '', to: '', country: '', course: '', lang: '', status: '' })}
          >
            {t('reports.filters.clear')}
          </button>
        </div>
      )}
    </form>
  );
}
