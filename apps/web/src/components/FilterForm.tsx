import { useId } from 'react';
import type { UrlFilters } from '../hooks/useUrlFilters';
import { FilterSelect, SearchField } from './FilterFields';

export interface FilterSpec {
  /** The filter's name in the address. */
  key: string;
  label: string;
  value: string;
  /** The first option, meaning "no filter"; none when every value is a choice. */
  allLabel?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

interface FilterFormProps {
  /** The search landmark's name. */
  label: string;
  className?: string;
  filters: UrlFilters;
  searchLabel: string;
  selects: FilterSpec[];
  submitLabel: string;
}

/**
 * A list's search landmark: the search box (submitted), then selects applied as soon as they change,
 * all kept in the address by {@link UrlFilters}.
 */
export function FilterForm({ label, className, filters, searchLabel, selects, submitLabel }: FilterFormProps) {
  const id = useId();
  return (
    <div role="search" aria-label={label}>
      <form className={className ? `filters ${className}` : 'filters'} noValidate onSubmit={filters.onSubmit}>
        <SearchField id={`${id}-q`} label={searchLabel} value={filters.draft} onChange={filters.setDraft} />
        {selects.map((select) => (
          <FilterSelect
            key={select.key}
            id={`${id}-${select.key}`}
            label={select.label}
            value={select.value}
            allLabel={select.allLabel}
            options={select.options}
            onChange={(value) => filters.update({ [select.key]: value })}
          />
        ))}
        <div className="filters-submit">
          <button type="submit" className="button button-primary">
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** How many a list found, in a live region, with "Loading…" while it loads again. */
export function ResultCount({ text, loading, loadingText }: { text: string; loading: boolean; loadingText: string }) {
  return (
    <p className="result-count" role="status">
      {text}
      {loading && <span className="loading"> {loadingText}</span>}
    </p>
  );
}
