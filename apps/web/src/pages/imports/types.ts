import type { Schemas } from '../../api/client';
import type { CourseLanguage, ImportJob } from '../../api/types';

export type ImportKind = Schemas['ImportKind'];

export const IMPORT_KINDS: readonly ImportKind[] = ['scorm_package', 'licence_bundle', 'translation', 'officers'];

export type LicenceImportResult = Schemas['LicenceImportResultView'];
export type XliffImportResult = Schemas['XliffImportResultView'];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** The course a finished job brought or changed, whatever its kind (null for a licence or a failure). */
export function courseOfJob(job: ImportJob): string | null {
  const result = job.result as { courseId?: unknown } | null;
  return typeof result?.courseId === 'string' ? result.courseId : null;
}

export function licenceResultOf(job: ImportJob): LicenceImportResult | null {
  const result = job.result as Partial<LicenceImportResult> | null;
  return job.kind === 'licence_bundle' && result && Array.isArray(result.courseIds)
    ? (result as LicenceImportResult)
    : null;
}

/** A licence the hub granted (GET /api/licences). */
export type Licence = Schemas['LicenceGrantView'];
export type LicenceRecord = Schemas['LicenceRecordView'];
export type LicenceRevision = Schemas['LicenceRevisionView'];

/** A course's title in `language`, else English, else any it has. */
export function licenceCourseTitle(titles: Partial<Record<CourseLanguage, string>>, language: string): string {
  return titles[language as CourseLanguage] ?? titles.en ?? Object.values(titles)[0] ?? '';
}

/** A translation whose source changed since it was made (GET /api/translations/stale). */
export type StaleTranslation = Schemas['StaleTranslationView'];
