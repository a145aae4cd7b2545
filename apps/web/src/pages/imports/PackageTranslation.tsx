import { useEffect, useId, useState } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COURSE_LANGUAGES, type CourseLanguage, type ImportJob } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatNumber } from '../../i18n/format';
import { CoursePicker, type PickedCourse } from './CoursePicker';
import { useImportErrorText } from './errors';
import { JobUpload } from './JobUpload';
import { courseOfJob } from './types';

const MAX_PACKAGE_BYTES = 1024 ** 3;

interface PackageTranslationProps {
  /** Preset by a link (the stale list): the course, the language to translate into, the source's language. */
  initialCourseId?: string;
  initialLanguage?: CourseLanguage;
  initialSourceLanguage?: CourseLanguage;
  onFinished: (job: ImportJob) => void;
}

/**
 * Uploads a translated SCORM package as a language variant of a course: which course, which language,
 * and the course's package it was translated from (so a newer source version flags it stale).
 */
export function PackageTranslation({
  initialCourseId,
  initialLanguage,
  initialSourceLanguage,
  onFinished,
}: PackageTranslationProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const { api } = useAuth();
  const errorText = useImportErrorText();
  const id = useId();
  const [courses, setCourses] = useState<PickedCourse[]>([]);
  const [language, setLanguage] = useState<CourseLanguage>(initialLanguage ?? 'fr');
  const [sourceId, setSourceId] = useState('');
  const [problems, setProblems] = useState<{ course?: string; source?: string }>({});
  const courseId = courses[0]?.id ?? '';

  // A preset course: its title, so it shows as chosen.
  const preset = useLoader(
    (signal) =>
      initialCourseId
        ? unwrap(
            api.GET('/api/courses/{id}', {
              params: { path: { id: initialCourseId }, query: { lang: uiLanguage } },
              signal,
            }),
          )
        : Promise.resolve(undefined),
    [api, initialCourseId],
  );
  useEffect(() => {
    if (preset.data) {
      setCourses([{ id: preset.data.id, title: preset.data.title || preset.data.id }]);
    }
  }, [preset.data]);

  const detail = useLoader(
    (signal) =>
      courseId
        ? unwrap(
            api.GET('/api/courses/{id}', { params: { path: { id: courseId }, query: { lang: uiLanguage } }, signal }),
          )
        : Promise.resolve(undefined),
    [api, courseId, uiLanguage],
  );
  const sources = (detail.data?.id === courseId ? detail.data.packages : []).filter((pkg) => pkg.language !== language);
  // Keep the chosen source when it still fits; else the preset language's, else the first.
  useEffect(() => {
    if (sources.some((pkg) => pkg.id === sourceId)) {
      return;
    }
    const preferred = sources.find((pkg) => pkg.language === initialSourceLanguage) ?? sources[0];
    setSourceId(preferred?.id ?? '');
  }, [sources.map((pkg) => pkg.id).join(','), sourceId, initialSourceLanguage]);

  const packageName = (pkg: { language: CourseLanguage; version: number | string }) =>
    t('course.package', {
      language: t(`courseLanguages.${pkg.language}`),
      version: typeof pkg.version === 'number' ? formatNumber(pkg.version, uiLanguage) : pkg.version,
    });

  return (
    <JobUpload
      url="/api/imports/translation"
      fileLabel={t('translationImport.packageFile')}
      accept=".zip,application/zip"
      checkFile={(file) =>
        !/\.zip$/i.test(file.name)
          ? t('imports.fileNotZip')
          : file.size > MAX_PACKAGE_BYTES
            ? t('imports.fileTooLarge')
            : null
      }
      fields={() => {
        const found = {
          course: courseId ? undefined : t('translationImport.courseRequired'),
          source: !courseId || sourceId ? undefined : t('translationImport.sourceRequired'),
        };
        setProblems(found);
        if (found.course || found.source) {
          document.getElementById(found.course ? `${id}-course` : `${id}-source`)?.focus();
          return null;
        }
        return { courseId, language, sourcePackageId: sourceId };
      }}
      submitLabel={t('translationImport.packageSubmit')}
      completedText={t('translationImport.packageCompleted')}
      anotherLabel={t('translationImport.another')}
      onFinished={(job) => {
        if (job.state === 'completed') {
          detail.reload();
        }
        onFinished(job);
      }}
      renderResult={(job) => {
        const done = courseOfJob(job);
        return done ? (
          <p>
            <Link to={`/courses/${encodeURIComponent(done)}`}>{t('imports.openCourse')}</Link>
          </p>
        ) : null;
      }}
    >
      <CoursePicker
        id={`${id}-course`}
        legend={t('translationImport.course')}
        multiple={false}
        selected={courses}
        onChange={(next) => {
          setCourses(next);
          setProblems((current) => ({ ...current, course: undefined }));
        }}
        error={problems.course}
      />
      <Field id={`${id}-language`} label={t('translationImport.language')}>
        {(control) => (
          <select {...control} value={language} onChange={(event) => setLanguage(event.target.value as CourseLanguage)}>
            {COURSE_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`courseLanguages.${code}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${id}-source`}
        label={t('translationImport.source')}
        help={t('translationImport.sourceHelp')}
        error={
          problems.source ??
          (detail.error !== null
            ? errorText(detail.error)
            : courseId && detail.data && sources.length === 0
              ? t('translationImport.noSource')
              : null)
        }
      >
        {(control) => (
          <select {...control} value={sourceId} onChange={(event) => setSourceId(event.target.value)}>
            {sources.length === 0 && <option value="">{t('translationImport.chooseCourseFirst')}</option>}
            {sources.map((pkg) => (
              <option key={pkg.id} value={pkg.id}>
                {packageName(pkg)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </JobUpload>
  );
}
