import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob } from '../../api/types';
import { useLanguage } from '../../hooks/useLanguage';
import { formatNumber } from '../../i18n/format';
import { JobUpload } from './JobUpload';
import { licenceResultOf } from './types';
import { useCourseTitles } from './useCourseTitles';

const MAX_BUNDLE_BYTES = 8 * 1024 ** 3;

/** What an imported bundle brought: its courses, by title. */
function LicenceResult({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const result = licenceResultOf(job);
  const titles = useCourseTitles(result?.courseIds ?? []);
  if (!result) {
    return null;
  }
  return (
    <>
      <p>
        {result.alreadyImported
          ? t('licenceImport.alreadyImported')
          : t('licenceImport.summary', {
              courses: formatNumber(result.courseIds.length, language),
              packages: formatNumber(result.addedPackages, language),
            })}
      </p>
      <ul className="plain-list" aria-label={t('licenceImport.coursesLabel')}>
        {result.courseIds.map((courseId) => (
          <li key={courseId}>
            <Link to={`/courses/${encodeURIComponent(courseId)}`}>{titles.get(courseId) || courseId}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** National side: uploads a hub's signed licence bundle and follows its import. */
export function LicenceImport({ onFinished }: { onFinished: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  return (
    <JobUpload
      url="/api/imports/licence"
      fileLabel={t('licenceImport.file')}
      fileHelp={t('licenceImport.fileHelp')}
      accept=".zip,application/zip"
      checkFile={(file) =>
        !/\.zip$/i.test(file.name)
          ? t('licenceImport.fileNotZip')
          : file.size > MAX_BUNDLE_BYTES
            ? t('licenceImport.fileTooLarge')
            : null
      }
      submitLabel={t('licenceImport.submit')}
      completedText={t('licenceImport.completed')}
      anotherLabel={t('licenceImport.another')}
      onFinished={onFinished}
      renderResult={(job) => <LicenceResult job={job} />}
    />
  );
}
