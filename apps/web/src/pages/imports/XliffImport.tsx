import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob } from '../../api/types';
import { JobUpload } from './JobUpload';
import type { XliffImportResult } from './types';

const MAX_XLIFF_BYTES = 2 * 1024 ** 2;

/** Uploads an XLIFF file (2.0 or 1.2) of a course's catalogue texts; the file names its course and languages. */
export function XliffImport({ onFinished }: { onFinished: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  return (
    <JobUpload
      url="/api/imports/translation"
      fileLabel={t('translationImport.xliffFile')}
      fileHelp={t('translationImport.xliffHelp')}
      accept=".xlf,.xliff,.xml,application/xliff+xml,application/xml,text/xml"
      checkFile={(file) =>
        !/\.(xlf|xliff|xml)$/i.test(file.name)
          ? t('translationImport.notXliff')
          : file.size > MAX_XLIFF_BYTES
            ? t('translationImport.xliffTooLarge')
            : null
      }
      submitLabel={t('translationImport.xliffSubmit')}
      completedText={t('translationImport.xliffCompleted')}
      anotherLabel={t('translationImport.another')}
      onFinished={onFinished}
      renderResult={(job) => {
        const result = job.result as XliffImportResult | null;
        if (!result?.courseId) {
          return null;
        }
        return (
          <p>
            {t('translationImport.xliffResult', {
              language: t(`courseLanguages.${result.language}`),
              source: t(`courseLanguages.${result.sourceLanguage}`),
            })}{' '}
            <Link to={`/courses/${encodeURIComponent(result.courseId)}`}>{t('imports.openCourse')}</Link>
          </p>
        );
      }}
    />
  );
}
