/** The shapes the API answers with (see /api/docs). */

export type Role = 'learner' | 'coordinator' | 'rtc_staff' | 'admin';

export type AccountStatus = 'unverified' | 'pending' | 'active' | 'rejected' | 'suspended';

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['pending', 'active', 'rejected', 'unverified', 'suspended'];

export type PreferredLanguage = 'en' | 'fr' | 'es';

export interface Country {
  code: string;
  name: string;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  roles: string[];
  status: AccountStatus;
  administration: string;
  jobTitle: string;
  preferredLanguage: PreferredLanguage;
  coordinatorCountries: string[];
}

export interface Registration {
  id: string;
  email: string;
  displayName: string;
  country: string;
  administration: string;
  jobTitle: string;
  status: AccountStatus;
  preferredLanguage: PreferredLanguage;
  registeredAt: string;
  pendingSince: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type DecisionOutcome = 'approved' | 'rejected';

export interface Decision {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  country: string;
  outcome: DecisionOutcome;
  reason: string | null;
  decidedBy: string | null;
  /** null: decided automatically by the system (auto-approved email domain). */
  deciderName: string | null;
  decidedAt: string;
}

export type BulkOutcome = 'approved' | 'rejected' | 'not_found' | 'not_pending';

export interface BulkResult {
  results: { userId: string; outcome: BulkOutcome }[];
}

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  status: AccountStatus;
  roles: string[];
}

export interface Appointment {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  country: string;
  appointedBy: string | null;
  appointedByName: string | null;
  startsAt: string;
  /** null while the appointment is active. */
  endsAt: string | null;
}

export type CourseLanguage = 'en' | 'fr' | 'es';

export const COURSE_LANGUAGES: readonly CourseLanguage[] = ['en', 'fr', 'es'];

export type CourseStatus = 'draft' | 'published' | 'archived';

export const COURSE_STATUSES: readonly CourseStatus[] = ['draft', 'published', 'archived'];

export type CourseSort = 'relevance' | 'title' | 'newest';

export interface Topic {
  code: string;
  nameEn: string;
  nameFr: string;
  nameEs: string;
  sortOrder: number;
}

export interface CourseSummary {
  id: string;
  title: string;
  description: string;
  /** A topic code; null for an imported course not yet classified. */
  topic: string | null;
  status: CourseStatus;
  origin: string;
  estimatedHours: number | string | null;
  languages: CourseLanguage[];
}

export interface CourseText {
  language: CourseLanguage;
  title: string;
  description: string;
}

export interface PackageItem {
  id: string;
  title: string;
  type: 'sco' | 'asset';
}

export interface CoursePackage {
  id: string;
  language: CourseLanguage;
  version: number | string;
  standard: string;
  edition: string | null;
  items: PackageItem[];
}

export interface CourseDetail extends CourseSummary {
  texts: CourseText[];
  packages: CoursePackage[];
}

export type ImportState = 'waiting' | 'active' | 'completed' | 'failed';

export interface ImportJob {
  id: string;
  kind: string;
  state: ImportState;
  progress: number;
  result: { courseId: string; packageId: string; warnings: string[] } | null;
  /** A sentence for people, when the import failed. */
  error: string | null;
  errorCode: string | null;
  fileName: string;
  /** A translated package: the package it was translated from. */
  sourcePackageId?: string | null;
  createdAt: string;
  finishedAt: string | null;
}
