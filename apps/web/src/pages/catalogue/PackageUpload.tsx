import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COURSE_LANGUAGES, type CourseLanguage, type ImportJob } from '../../api/types';
import { Field } from '../../components/Field';
import { useLanguage } from '../../hooks/useLanguage';
import { JobUpload } from '../imports/JobUpload';

/** The api's limit on an uploaded package (docs/architecture.md, package limits). */
const MAX_BYTES = 1024 ** 3;

interface PackageUploadProps {
  /** Adds a version to this course instead of creating one. */
  courseId?: string;
  /** After an import ended, either way. */
  onFinished?: (job: ImportJob) => void;
}

/** Uploads a SCORM package in a language, showing the upload's progress, then the import job's until it ends. */
export function PackageUpload({ courseId, onFinished }: PackageUploadProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const id = useId();
  const [language, setLanguage] = useState<CourseLanguage>(uiLanguage);
  return (
    <JobUpload
      url="/api/courses/packages"
      fileLabel={t('imports.file')}
      accept=".zip,application/zip"
      checkFile={(file) =>
        !/\.zip$/i.test(file.name) ? t('imports.fileNotZip') : file.size > MAX_BYTES ? t('imports.fileTooLarge') : null
      }
      fields={() => ({ language, ...(courseId ? { courseId } : {}) })}
      submitLabel={t('imports.submit')}
      completedText={t('imports.completed')}
      anotherLabel={t('imports.another')}
      onFinished={onFinished}
      renderResult={(job) =>
        job.result &&
        'warnings' in job.result && (
          <>
            <p>
              <Link to={`/courses/${encodeURIComponent(job.result.courseId)}`}>{t('imports.openCourse')}</Link>
            </p>
            {job.result.warnings.length > 0 && (
              <>
                <h3>{t('imports.warnings')}</h3>
                <ul className="warning-list">
                  {job.result.warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )
      }
    >
      <Field id={`${id}-language`} label={t('imports.language')}>
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
    </JobUpload>
  );
}
