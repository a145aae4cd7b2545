import { Field } from './Field';

interface SearchFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A list's search box (submitted with its filter form). */
export function SearchField({ id, label, value, onChange }: SearchFieldProps) {
  return (
    <Field id={id} label={label} className="field-grow">
      {(control) => (
        <input
          {...control}
          type="search"
          value={value}
          maxLength={200}
          enterKeyHint="search"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  /** The first option, meaning "no filter" (value ''); none when every value is a choice. */
  allLabel?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
}

/** One of a list's filters, applied as soon as it changes. */
export function FilterSelect({ id, label, value, allLabel, options, onChange }: FilterSelectProps) {
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {allLabel !== undefined && <option value="">{allLabel}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
