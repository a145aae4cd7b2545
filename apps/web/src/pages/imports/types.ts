import type { CourseLanguage, ImportJob } from '../../api/types';

export type ImportKind = 'scorm_package' | 'licence_bundle' | 'translation';

export const IMPORT_KINDS: readonly ImportKind[] = ['scorm_package', 'licence_bundle', 'translation'];

/** The result of a licence bundle's import. */
export interface LicenceImportResult {
  licenceId: string;
  revision: number;
  courseIds: string[];
  addedPackages: number;
  alreadyImported: boolean;
}

/** The result of an XLIFF translation's import. */
export interface XliffImportResult {
  courseId: string;
  language: CourseLanguage;
  sourceLanguage: CourseLanguage;
  units: string[];
}

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
export interface Licence {
  id: string;
  revision: number;
  licenseeCountry: string;
  licenseeAdministration: string;
  courseIds: string[];
  languages: CourseLanguage[];
  validFrom: string;
  validUntil: string;
  seatCap: number | null;
  translationAllowed: boolean;
  createdAt: string;
  updatedAt: string;
  /** The licence's courses with their titles per language (in courseIds' order). */
  courses: Array<{ id: string; titles: Partial<Record<CourseLanguage, string>> }>;
  /** The change that made the current revision (null for licences older than the change log). */
  lastChange: { revision: number; kind: 'created' | 'edited' | 'ended'; changedBy: string; changedAt: string } | null;
}

/** A course's title in `language`, else English, else any it has. */
export function licenceCourseTitle(titles: Partial<Record<CourseLanguage, string>>, language: string): string {
  return titles[language as CourseLanguage] ?? titles.en ?? Object.values(titles)[0] ?? '';
}

/** A translation whose source changed since it was made (GET /api/translations/stale). */
export interface StaleTranslation {
  courseId: string;
  kind: 'text' | 'package';
  language: CourseLanguage;
  sourceLanguage: CourseLanguage;
  packageId: string | null;
  sourceVersion: number | null;
  currentSourceVersion: number | null;
}
