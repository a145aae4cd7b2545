import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_LANGUAGES, type CourseDetail, type CourseLanguage } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { unwrap } from '../../api/client';
import { downloadAnswer } from '../groups/files';
import { useImportErrorText } from './errors';

const PRESET = /^(en|fr|es)-(en|fr|es)$/;

interface XliffExportProps {
  course: CourseDetail;
  /** "en-fr": the pair to preselect (from a link of the stale list). */
  preset?: string | null;
}

/** Downloads a course's texts as XLIFF 2.0, from one language to another, for translators. */
export function XliffExport({ course, preset }: XliffExportProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useImportErrorText();
  const id = useId();
  const withText = COURSE_LANGUAGES.filter((code) => course.texts.some((text) => text.language === code && text.title));
  const match = preset ? PRESET.exec(preset) : null;
  const [source, setSource] = useState<CourseLanguage>(
    (match?.[1] as CourseLanguage | undefined) ?? withText[0] ?? 'en',
  );
  const [target, setTarget] = useState<CourseLanguage>(
    (match?.[2] as CourseLanguage | undefined) ?? COURSE_LANGUAGES.find((code) => !withText.includes(code)) ?? 'fr',
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const exportTexts = async () => {
    if (source === target) {
      setProblem(t('course.xliffSameLanguage'));
      document.getElementById(`${id}-target`)?.focus();
      return;
    }
    setProblem(null);
    setFailure(null);
    setBusy(true);
    try {
      await downloadAnswer(
        unwrap(
          api.GET('/api/courses/{id}/xliff', {
            params: { path: { id: course.id }, query: { source, target } },
            headers: { Accept: 'application/xliff+xml' },
            parseAs: 'blob',
          }),
        ),
        `course-${course.id.slice(0, 8)}-${source}-${target}.xlf`,
      );
    } catch (caught) {
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xliff-export">
      <div className="field-row">
        <Field id={`${id}-source`} label={t('course.xliffSource')}>
          {(control) => (
            <select {...control} value={source} onChange={(event) => setSource(event.target.value as CourseLanguage)}>
              {COURSE_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`courseLanguages.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-target`} label={t('course.xliffTarget')} error={problem}>
          {(control) => (
            <select {...control} value={target} onChange={(event) => setTarget(event.target.value as CourseLanguage)}>
              {COURSE_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`courseLanguages.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void exportTexts()}>
          {t('course.xliffExport')}
        </button>
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
    </div>
  );
}
