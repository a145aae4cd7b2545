import { Field } from './Field';

interface CountryFieldProps {
  id: string;
  label: string;
  value: string;
  /** The first choice, with the empty value ("All countries", "Choose a country"). */
  emptyLabel: string;
  countries: readonly { code: string; name: string }[];
  error?: string | null;
  required?: boolean;
  disabled?: boolean;
  onChange: (code: string) => void;
}

/** A labelled choice of one country (or none), as in the filters and forms of the admin pages. */
export function CountryField({
  id,
  label,
  value,
  emptyLabel,
  countries,
  error,
  required,
  disabled,
  onChange,
}: CountryFieldProps) {
  return (
    <Field id={id} label={label} error={error}>
      {(control) => (
        <select
          {...control}
          value={value}
          required={required}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{emptyLabel}</option>
          {countries.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
