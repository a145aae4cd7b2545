import { useEffect, useRef, useState, type ChangeEvent, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

type FileInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { ref?: Ref<HTMLInputElement> };

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') {
    ref(value);
  } else if (ref) {
    ref.current = value;
  }
}

/**
 * A file input that speaks the interface language: a "Choose a file" button and the chosen file's
 * name (or "No file chosen"), instead of the browser's own words. The real input lies over the
 * button, transparent: it keeps its label (from Field), the keyboard (Space or Enter opens the
 * picker), the form data and the drop of a file; the button and the name are what is seen.
 */
export function FileInput({ ref, onChange, className, ...input }: FileInputProps) {
  const { t } = useTranslation();
  const own = useRef<HTMLInputElement | null>(null);
  const [names, setNames] = useState<string[]>([]);

  // A form's reset empties the input without a change event.
  useEffect(() => {
    const form = own.current?.form;
    if (!form) {
      return undefined;
    }
    const clear = () => setNames([]);
    form.addEventListener('reset', clear);
    return () => form.removeEventListener('reset', clear);
  }, []);

  const changed = (event: ChangeEvent<HTMLInputElement>) => {
    setNames(Array.from(event.currentTarget.files ?? [], (file) => file.name));
    onChange?.(event);
  };

  return (
    <div className={className ? `file-input ${className}` : 'file-input'}>
      <span className="file-input-control">
        <input
          {...input}
          ref={(element) => {
            own.current = element;
            setRef(ref, element);
          }}
          type="file"
          onChange={changed}
        />
        <span className="button button-secondary file-input-button" aria-hidden="true">
          {t(input.multiple ? 'fileInput.chooseMany' : 'fileInput.choose')}
        </span>
      </span>
      <span className="file-input-name" aria-hidden="true">
        {names.length > 0 ? names.join(', ') : t('fileInput.none')}
      </span>
    </div>
  );
}
