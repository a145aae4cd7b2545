import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';

export interface PickedCourse {
  id: string;
  title: string;
}

const SEARCH_DELAY_MS = 300;
const RESULTS = 20;

interface CoursePickerProps {
  /** The fieldset's id (an error summary links to it). */
  id: string;
  legend: string;
  /** Checkboxes (several courses) or radio buttons (one). */
  multiple: boolean;
  selected: PickedCourse[];
  onChange: (selected: PickedCourse[]) => void;
  error?: string | null;
  disabled?: boolean;
}

/**
 * Chooses courses of the catalogue (every status: admins only): a search box that filters as one
 * types, and the matching courses as checkboxes or radio buttons. Chosen courses stay listed when a
 * new search no longer finds them, so they can be unchosen.
 */
export function CoursePicker({ id, legend, multiple, selected, onChange, error, disabled }: CoursePickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const inner = useId();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(draft.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const found = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/courses', {
          params: { query: { q: query, display: language, sort: query ? 'relevance' : 'title', pageSize: RESULTS } },
          signal,
        }),
      ),
    [api, query, language],
  );
  const results = found.data?.items ?? [];
  const shown: PickedCourse[] = [
    ...selected.filter((course) => !results.some((result) => result.id === course.id)),
    ...results.map((course) => ({ id: course.id, title: course.title || course.id })),
  ];
  const statusOf = (courseId: string) => results.find((course) => course.id === courseId)?.status;
  const isChosen = (courseId: string) => selected.some((course) => course.id === courseId);
  const toggle = (course: PickedCourse, checked: boolean) => {
    if (!multiple) {
      onChange(checked ? [course] : []);
      return;
    }
    onChange(checked ? [...selected, course] : selected.filter((entry) => entry.id !== course.id));
  };
  const errorId = error ? `${id}-error` : undefined;

  return (
    <fieldset
      id={id}
      className="choices course-picker"
      tabIndex={-1}
      aria-describedby={errorId}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      {error && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      <Field id={`${inner}-q`} label={t('importSections.courseSearch')}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={draft}
            maxLength={200}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              // Enter searches now rather than submitting the surrounding form.
              if (event.key === 'Enter') {
                event.preventDefault();
                setQuery(draft.trim());
              }
            }}
          />
        )}
      </Field>
      <p className="status-text" role="status">
        {found.loading ? t('loading') : multiple ? t('importSections.coursesChosen', { count: selected.length }) : ''}
      </p>
      {found.error !== null && <p className="field-error">{errorText(found.error)}</p>}
      {shown.length === 0 && !found.loading ? (
        <p className="empty">{t('importSections.noCourseFound')}</p>
      ) : (
        <ul className="picker-list">
          {shown.map((course) => {
            const status = statusOf(course.id);
            return (
              <li key={course.id}>
                <label className="choice">
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name={`${inner}-course`}
                    value={course.id}
                    checked={isChosen(course.id)}
                    onChange={(event) => toggle(course, event.target.checked)}
                  />
                  <span>
                    {course.title}
                    {status && <span className="picker-status"> ({t(`courseStatuses.${status}`)})</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
