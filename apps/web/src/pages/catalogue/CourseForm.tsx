import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { COURSE_LANGUAGES, type CourseDetail, type CourseLanguage } from '../../api/types';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { ErrorSummaryList, Field, type SummaryItem } from '../../components/Field';
import { useLanguage } from '../../hooks/useLanguage';
import { useTopics } from '../../hooks/useTopics';
import { useErrorText } from '../../i18n/errors';
import { formatHours, hoursOf } from './format';

const TITLE_MAX = 300;
const DESCRIPTION_MAX = 20000;
const HOURS_PATTERN = /^\d{1,4}(?:[.,]\d)?$/;

type Texts = Record<CourseLanguage, { title: string; description: string }>;

function textsOf(course: CourseDetail | undefined): Texts {
  const texts = {} as Texts;
  for (const language of COURSE_LANGUAGES) {
    const text = course?.texts.find((entry) => entry.language === language);
    texts[language] = { title: text?.title ?? '', description: text?.description ?? '' };
  }
  return texts;
}

interface CourseFormProps {
  /** The course to edit; none: a new course. */
  course?: CourseDetail;
  onSaved: (course: CourseDetail) => void;
}

/** Creates a course (POST /api/courses) or edits one (PATCH /api/courses/:id, once per changed language). */
export function CourseForm({ course, onSaved }: CourseFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const topics = useTopics();
  const id = useId();
  const editing = course !== undefined;

  const [topic, setTopic] = useState(course?.topic ?? '');
  const [hours, setHours] = useState(course ? (formatHours(course.estimatedHours, 'en') ?? '') : '');
  const [texts, setTexts] = useState<Texts>(() => textsOf(course));
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const name = (code: CourseLanguage) => t(`courseLanguages.${code}`);
  const fieldId = (field: string) => `${id}-${field}`;
  const problemOf = (field: string) => problems.find((item) => item.fieldId === fieldId(field))?.message ?? null;
  const fail = (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));

  const validate = (): SummaryItem[] => {
    const found: SummaryItem[] = [];
    if (!topic && !editing) {
      found.push({ fieldId: fieldId('topic'), message: t('courseForm.errors.topicRequired') });
    }
    if (hours.trim() && !HOURS_PATTERN.test(hours.trim())) {
      found.push({ fieldId: fieldId('hours'), message: t('courseForm.errors.hoursInvalid') });
    }
    let any = false;
    for (const code of COURSE_LANGUAGES) {
      const title = texts[code].title.trim();
      if (title) {
        any = true;
        if (title.length > TITLE_MAX) {
          found.push({
            fieldId: fieldId(`title-${code}`),
            message: t('courseForm.errors.titleTooLong', { language: name(code) }),
          });
        }
      } else if (texts[code].description.trim()) {
        found.push({
          fieldId: fieldId(`title-${code}`),
          message: t('courseForm.errors.titleRequired', { language: name(code) }),
        });
      }
    }
    if (!any && !found.some((item) => item.fieldId.startsWith(fieldId('title')))) {
      found.push({ fieldId: fieldId(`title-${COURSE_LANGUAGES[0]}`), message: t('courseForm.errors.textRequired') });
    }
    return found;
  };

  const save = async () => {
    const found = validate();
    setProblems(found);
    if (found.length > 0) {
      setStatus('');
      fail('');
      return;
    }
    setFailure(null);
    const estimatedHours = hours.trim() ? Number(hours.trim().replace(',', '.')) : undefined;
    setBusy(true);
    setStatus(editing ? t('courseForm.saving') : t('courseForm.creating'));
    try {
      if (!course) {
        const created = await unwrap(
          api.POST('/api/courses', {
            body: {
              topic,
              ...(estimatedHours !== undefined ? { estimatedHours } : {}),
              texts: COURSE_LANGUAGES.filter((code) => texts[code].title.trim()).map((code) => ({
                language: code,
                title: texts[code].title.trim(),
                description: texts[code].description,
              })),
            },
          }),
        );
        onSaved(created);
        return;
      }
      const original = textsOf(course);
      const general: Record<string, unknown> = {};
      if (topic && topic !== (course.topic ?? '')) {
        general.topic = topic;
      }
      if (estimatedHours !== undefined && estimatedHours !== hoursOf(course.estimatedHours)) {
        general.estimatedHours = estimatedHours;
      }
      const changes: Record<string, unknown>[] = COURSE_LANGUAGES.filter(
        (code) =>
          texts[code].title.trim() &&
          (texts[code].title.trim() !== original[code].title || texts[code].description !== original[code].description),
      ).map((code) => ({ language: code, title: texts[code].title.trim(), description: texts[code].description }));
      if (Object.keys(general).length > 0) {
        changes[0] = { ...changes[0], ...general };
      }
      if (changes.length === 0) {
        setStatus(t('courseForm.noChange'));
        return;
      }
      let saved: CourseDetail | undefined;
      for (const change of changes) {
        saved = await unwrap(
          api.PATCH('/api/courses/{id}', { params: { path: { id: course.id } }, body: { language, ...change } }),
        );
      }
      setStatus(t('courseForm.saved'));
      if (saved) {
        onSaved(saved);
      }
    } catch (caught) {
      setStatus('');
      if (caught instanceof ApiError && caught.code === 'UNKNOWN_TOPIC') {
        setProblems([{ fieldId: fieldId('topic'), message: t('errors.UNKNOWN_TOPIC') }]);
      }
      fail(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form course-form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void save();
      }}
    >
      {failure && (
        <Alert key={failure.attempt}>
          {failure.message ? (
            <p>{failure.message}</p>
          ) : (
            <>
              <p className="alert-title">{t('courseForm.errorsTitle')}</p>
              <ErrorSummaryList items={problems} />
            </>
          )}
        </Alert>
      )}
      <Field id={fieldId('topic')} label={t('courseForm.topic')} error={problemOf('topic')}>
        {(control) => (
          <select {...control} required={!editing} value={topic} onChange={(event) => setTopic(event.target.value)}>
            <option value="">{t('courseForm.chooseTopic')}</option>
            {topics.list.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={fieldId('hours')}
        label={t('courseForm.hours')}
        help={t('courseForm.hoursHelp')}
        error={problemOf('hours')}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="input-short"
            value={hours}
            onChange={(event) => setHours(event.target.value)}
          />
        )}
      </Field>
      <p className="form-note">{t('courseForm.textsHelp')}</p>
      {COURSE_LANGUAGES.map((code) => (
        <fieldset key={code} className="text-group">
          <legend>{t('courseForm.textLegend', { language: name(code) })}</legend>
          <Field
            id={fieldId(`title-${code}`)}
            label={t('courseForm.titleIn', { language: name(code) })}
            error={problemOf(`title-${code}`)}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                lang={code}
                maxLength={TITLE_MAX}
                value={texts[code].title}
                onChange={(event) =>
                  setTexts((previous) => ({ ...previous, [code]: { ...previous[code], title: event.target.value } }))
                }
              />
            )}
          </Field>
          <Field id={fieldId(`description-${code}`)} label={t('courseForm.descriptionIn', { language: name(code) })}>
            {(control) => (
              <textarea
                {...control}
                lang={code}
                rows={5}
                maxLength={DESCRIPTION_MAX}
                value={texts[code].description}
                onChange={(event) =>
                  setTexts((previous) => ({
                    ...previous,
                    [code]: { ...previous[code], description: event.target.value },
                  }))
                }
              />
            )}
          </Field>
        </fieldset>
      ))}
      <p className="status-text" role="status">
        {status}
      </p>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {editing ? t('courseForm.save') : t('courseForm.create')}
        </button>
      </div>
    </form>
  );
}
