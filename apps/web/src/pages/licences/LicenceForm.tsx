import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { COURSE_LANGUAGES, type CourseLanguage } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { CountryField } from '../../components/CountryField';
import { ErrorSummaryList, Field, type SummaryItem } from '../../components/Field';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { CoursePicker, type PickedCourse } from '../imports/CoursePicker';
import { useImportErrorText } from '../imports/errors';
import { todayUtc } from '../imports/dates';
import { licenceCourseTitle, type Licence, type LicenceRecord } from '../imports/types';
import { useLicenceErrorText } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEAT_CAP_MAX = 10_000_000;

function inAYear(from: string): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

interface LicenceFormProps {
  /** Edit mode: the licence to change, prefilled (its licensee cannot change). Absent: grant a new one. */
  licence?: Licence;
  /** The licence as granted or changed. */
  onDone: (licence: LicenceRecord) => void;
  /** Edit mode: leave without saving. */
  onCancel?: () => void;
}

/**
 * Grants a licence (POST /api/licences): licensee, courses, languages, dates, seat cap, translation;
 * or, given a licence, changes its terms (PATCH /api/licences/:id, a new revision).
 */
export function LicenceForm({ licence, onDone, onCancel }: LicenceFormProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const countries = useCountries();
  const language = useLanguage();
  const importErrorText = useImportErrorText();
  const errorText = useLicenceErrorText(importErrorText);
  const id = useId();
  const fieldId = (field: string) => `${id}-${field}`;
  const editing = licence !== undefined;

  const [country, setCountry] = useState(licence?.licenseeCountry ?? '');
  const [administration, setAdministration] = useState(licence?.licenseeAdministration ?? '');
  const [courses, setCourses] = useState<PickedCourse[]>(
    () =>
      licence?.courses.map((course) => ({ id: course.id, title: licenceCourseTitle(course.titles, language) })) ?? [],
  );
  const [languages, setLanguages] = useState<CourseLanguage[]>(licence?.languages ?? ['en']);
  const [validFrom, setValidFrom] = useState(licence?.validFrom ?? todayUtc);
  const [validUntil, setValidUntil] = useState(() => licence?.validUntil ?? inAYear(todayUtc()));
  const [seatCap, setSeatCap] = useState(licence?.seatCap ? String(licence.seatCap) : '');
  const [translationAllowed, setTranslationAllowed] = useState(licence?.translationAllowed ?? false);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const fail = (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
  const problemOf = (field: string) => problems.find((item) => item.fieldId === fieldId(field))?.message ?? null;

  const validate = (): SummaryItem[] => {
    const found: SummaryItem[] = [];
    const add = (field: string, message: string) => found.push({ fieldId: fieldId(field), message });
    if (!country) {
      add('country', t('licences.errors.countryRequired'));
    }
    if (!administration.trim()) {
      add('administration', t('licences.errors.administrationRequired'));
    } else if (administration.trim().length > 200) {
      add('administration', t('licences.errors.administrationTooLong'));
    }
    if (courses.length === 0) {
      add('courses', t('licences.errors.coursesRequired'));
    }
    if (languages.length === 0) {
      add('languages', t('licences.errors.languagesRequired'));
    }
    if (!DATE.test(validFrom)) {
      add('from', t('licences.errors.dateInvalid'));
    }
    if (!DATE.test(validUntil)) {
      add('until', t('licences.errors.dateInvalid'));
    } else if (DATE.test(validFrom) && validUntil < validFrom) {
      add('until', t('licences.errors.untilBeforeFrom'));
    }
    const cap = seatCap.trim();
    if (cap && (!/^\d+$/.test(cap) || Number(cap) < 1 || Number(cap) > SEAT_CAP_MAX)) {
      add('seats', t('licences.errors.seatCapInvalid'));
    }
    return found;
  };

  const submit = async () => {
    const found = validate();
    setProblems(found);
    if (found.length > 0) {
      fail('');
      return;
    }
    setFailure(null);
    setBusy(true);
    const terms = {
      courseIds: courses.map((course) => course.id),
      languages: COURSE_LANGUAGES.filter((code) => languages.includes(code)),
      validFrom,
      validUntil,
      seatCap: seatCap.trim() ? Number(seatCap.trim()) : null,
      translationAllowed,
    };
    try {
      if (licence) {
        const changed = await unwrap(
          api.PATCH('/api/licences/{id}', {
            params: { path: { id: licence.id } },
            body: { revision: licence.revision, ...terms },
          }),
        );
        onDone(changed);
        return;
      }
      const created = await unwrap(
        api.POST('/api/licences', {
          body: { licenseeCountry: country, licenseeAdministration: administration.trim(), ...terms },
        }),
      );
      setCountry('');
      setAdministration('');
      setCourses([]);
      setSeatCap('');
      setTranslationAllowed(false);
      setFormKey((value) => value + 1);
      onDone(created);
    } catch (caught) {
      fail(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      key={formKey}
      className="form licence-form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!busy) {
          void submit();
        }
      }}
    >
      {failure && (
        <Alert key={failure.attempt}>
          {problems.length > 0 ? (
            <>
              <p className="alert-title">{t('form.problemHeading')}</p>
              <ErrorSummaryList items={problems} />
            </>
          ) : (
            failure.message
          )}
        </Alert>
      )}
      <CountryField
        id={fieldId('country')}
        label={t('licences.fields.country')}
        error={problemOf('country')}
        value={country}
        disabled={busy || editing}
        emptyLabel={t('licences.fields.chooseCountry')}
        countries={countries.list}
        onChange={setCountry}
      />
      <Field
        id={fieldId('administration')}
        label={t('licences.fields.administration')}
        help={editing ? t('licences.fields.licenseeFixed') : t('licences.fields.administrationHelp')}
        error={problemOf('administration')}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={administration}
            maxLength={200}
            autoComplete="organization"
            disabled={busy}
            readOnly={editing}
            onChange={(event) => setAdministration(event.target.value)}
          />
        )}
      </Field>
      <CoursePicker
        id={fieldId('courses')}
        legend={t('licences.fields.courses')}
        multiple
        selected={courses}
        onChange={setCourses}
        error={problemOf('courses')}
        disabled={busy}
      />
      <fieldset
        id={fieldId('languages')}
        className="choices"
        tabIndex={-1}
        disabled={busy}
        aria-describedby={problemOf('languages') ? `${fieldId('languages')}-error` : undefined}
      >
        <legend>{t('licences.fields.languages')}</legend>
        {problemOf('languages') && (
          <p id={`${fieldId('languages')}-error`} className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {problemOf('languages')}
          </p>
        )}
        {COURSE_LANGUAGES.map((code) => (
          <label key={code} className="choice">
            <input
              type="checkbox"
              value={code}
              checked={languages.includes(code)}
              onChange={(event) =>
                setLanguages((current) =>
                  event.target.checked ? [...current, code] : current.filter((entry) => entry !== code),
                )
              }
            />
            <span>{t(`courseLanguages.${code}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <Field id={fieldId('from')} label={t('licences.fields.validFrom')} error={problemOf('from')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={validFrom}
              disabled={busy}
              onChange={(event) => setValidFrom(event.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('until')} label={t('licences.fields.validUntil')} error={problemOf('until')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={validUntil}
              disabled={busy}
              onChange={(event) => setValidUntil(event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        id={fieldId('seats')}
        label={t('licences.fields.seatCap')}
        help={t('licences.fields.seatCapHelp')}
        optional
        error={problemOf('seats')}
      >
        {(control) => (
          <input
            {...control}
            className="input-short"
            type="text"
            inputMode="numeric"
            value={seatCap}
            disabled={busy}
            onChange={(event) => setSeatCap(event.target.value)}
          />
        )}
      </Field>
      <div className="choice">
        <input
          id={fieldId('translation')}
          type="checkbox"
          checked={translationAllowed}
          disabled={busy}
          onChange={(event) => setTranslationAllowed(event.target.checked)}
        />
        <label htmlFor={fieldId('translation')}>{t('licences.fields.translationAllowed')}</label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {editing
            ? busy
              ? t('licences.saving')
              : t('licences.save')
            : busy
              ? t('licences.creating')
              : t('licences.create')}
        </button>
        {editing && onCancel && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel}>
            {t('licences.cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
