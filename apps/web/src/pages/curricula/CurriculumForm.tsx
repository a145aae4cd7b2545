import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { CountryField } from '../../components/CountryField';
import { Field } from '../../components/Field';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useTopics } from '../../hooks/useTopics';
import { useErrorText } from '../../i18n/errors';
import { listRtcs } from '../people/api';
import { CURRICULUM_LANGUAGES, languageName, type CurriculumInput } from './types';

interface CurriculumFormProps {
  initial?: CurriculumInput;
  submitLabel: string;
  onSubmit: (input: CurriculumInput) => Promise<void>;
  onCancel?: () => void;
}

const EMPTY: CurriculumInput = { title: '', country: '', rtc: '', languages: [], topics: [], summary: '' };

/** Title, country, training centre, languages, topics and summary of a curriculum. */
export function CurriculumForm({ initial = EMPTY, submitLabel, onSubmit, onCancel }: CurriculumFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const countries = useCountries();
  const topics = useTopics();
  const errorText = useErrorText();
  const id = useId();
  const [input, setInput] = useState<CurriculumInput>(initial);
  const { api } = useAuth();
  const rtcList = useLoader((signal) => listRtcs(api, signal), [api]).data ?? [];
  const [problems, setProblems] = useState<Partial<Record<'title' | 'country' | 'rtc' | 'languages', string>>>({});
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof CurriculumInput>(key: K, value: CurriculumInput[K]) =>
    setInput((current) => ({ ...current, [key]: value }));
  const toggle = <K extends 'languages' | 'topics'>(key: K, code: CurriculumInput[K][number], on: boolean) =>
    setInput((current) => ({
      ...current,
      [key]: on ? [...current[key], code] : (current[key] as string[]).filter((entry) => entry !== code),
    }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!input.title.trim()) {
      found.title = t('curricula.form.required');
    }
    if (!input.country) {
      found.country = t('curricula.form.required');
    }
    if (!input.rtc?.trim() && !input.rtcId) {
      found.rtc = t('curricula.form.required');
    }
    if (input.languages.length === 0) {
      found.languages = t('curricula.form.languagesRequired');
    }
    setProblems(found);
    const first = (['title', 'country', 'rtc', 'languages'] as const).find((key) => found[key]);
    if (first) {
      document.getElementById(first === 'languages' ? `${id}-languages-en` : `${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      // An RTC from the list names the curriculum; otherwise the centre is free text (and a cleared choice is null).
      const rtcId = input.rtcId ? input.rtcId : initial.rtcId ? null : undefined;
      await onSubmit({ ...input, title: input.title.trim(), rtc: input.rtc?.trim() ?? '', rtcId });
    } catch (caught) {
      setFailure((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form curriculum-form" noValidate onSubmit={(event) => void submit(event)}>
      {failure && <Alert key={failure.attempt}>{errorText(failure.error)}</Alert>}
      <Field id={`${id}-title`} label={t('curricula.form.title')} error={problems.title}>
        {(control) => (
          <input
            {...control}
            value={input.title}
            maxLength={300}
            required
            onChange={(event) => set('title', event.target.value)}
          />
        )}
      </Field>
      <CountryField
        id={`${id}-country`}
        label={t('curricula.form.country')}
        error={problems.country}
        value={input.country}
        required
        emptyLabel={t('curricula.form.chooseCountry')}
        countries={countries.list}
        onChange={(code) => set('country', code)}
      />
      {rtcList.length > 0 && (
        <Field
          id={`${id}-rtcId`}
          label={t('curricula.form.rtcFromList')}
          help={t('curricula.form.rtcFromListHelp')}
          optional
        >
          {(control) => (
            <select
              {...control}
              value={input.rtcId ?? ''}
              onChange={(event) => {
                const chosen = rtcList.find((rtc) => rtc.id === event.target.value);
                setInput((current) => ({ ...current, rtcId: chosen?.id ?? '', rtc: chosen?.name ?? current.rtc }));
              }}
            >
              <option value="">{t('curricula.form.rtcNone')}</option>
              {rtcList.map((rtc) => (
                <option key={rtc.id} value={rtc.id}>
                  {rtc.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id={`${id}-rtc`} label={t('curricula.form.rtc')} help={t('curricula.form.rtcHelp')} error={problems.rtc}>
        {(control) => (
          <input
            {...control}
            value={input.rtc}
            maxLength={200}
            required
            onChange={(event) => set('rtc', event.target.value)}
          />
        )}
      </Field>
      <fieldset
        className="field checkbox-group"
        aria-describedby={problems.languages ? `${id}-languages-error` : undefined}
      >
        <legend>{t('curricula.form.languages')}</legend>
        {problems.languages && (
          <p id={`${id}-languages-error`} className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {problems.languages}
          </p>
        )}
        {CURRICULUM_LANGUAGES.map((code) => (
          <label key={code} className="checkbox">
            <input
              id={`${id}-languages-${code}`}
              type="checkbox"
              checked={input.languages.includes(code)}
              onChange={(event) => toggle('languages', code, event.target.checked)}
            />{' '}
            {languageName(code, language)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field checkbox-group">
        <legend>
          {t('curricula.form.topics')} <span className="optional">{t('form.optional')}</span>
        </legend>
        {topics.list.map((topic) => (
          <label key={topic.code} className="checkbox">
            <input
              type="checkbox"
              checked={input.topics.includes(topic.code)}
              onChange={(event) => toggle('topics', topic.code, event.target.checked)}
            />{' '}
            {topic.name}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-summary`} label={t('curricula.form.summary')} optional>
        {(control) => (
          <textarea
            {...control}
            value={input.summary}
            rows={6}
            maxLength={20000}
            onChange={(event) => set('summary', event.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('curricula.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
