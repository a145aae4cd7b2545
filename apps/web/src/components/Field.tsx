import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a form control needs to be tied to its label, help text and error. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  id: string;
  label: string;
  /** Shown under the label, read after it (aria-describedby). */
  help?: ReactNode;
  /** Shown next to the control and read with it; marks the control invalid. */
  error?: string | null;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled form control with its help text and its error, each referenced by aria-describedby. */
export function Field({ id, label, help, error, optional, className, children }: FieldProps) {
  const { t } = useTranslation();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('form.optional')}</span>}
      </label>
      {help && (
        <div id={helpId} className="field-help">
          {help}
        </div>
      )}
      {error && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

export interface SummaryItem {
  /** The id of the control to go to. */
  fieldId: string;
  message: string;
}

/**
 * The list of a form's problems at its top, in role="alert", focused when it appears; each problem
 * links to its field.
 */
export function ErrorSummaryList({ items }: { items: SummaryItem[] }) {
  return (
    <ul className="error-list">
      {items.map((item) => (
        <li key={item.fieldId}>
          <a
            href={`#${item.fieldId}`}
            onClick={(event) => {
              event.preventDefault();
              document.getElementById(item.fieldId)?.focus();
            }}
          >
            {item.message}
          </a>
        </li>
      ))}
    </ul>
  );
}
