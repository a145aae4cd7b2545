import type { Schemas } from './client';

/*
 * Names the pages use for the API's schemas. Every shape here is generated from the OpenAPI document
 * (schema.d.ts, `npm run contract`); only the lists the UI iterates over are written out, and they are
 * checked against the generated types.
 */

export type Me = Schemas['MeView'];
export type Role = Me['roles'][number];
export type AccountStatus = Schemas['AccountStatus'];
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['pending', 'active', 'rejected', 'unverified', 'suspended'];
export type PreferredLanguage = Me['preferredLanguage'];
export type Country = Schemas['CountryDto'];

export type Registration = Schemas['RegistrationView'];
export type RegistrationPage = Schemas['RegistrationPage'];
export type Decision = Schemas['DecisionView'];
export type DecisionPage = Schemas['DecisionPage'];
export type DecisionOutcome = Decision['outcome'];
export type BulkResult = Schemas['BulkResultView'];
export type BulkOutcome = BulkResult['results'][number]['outcome'];
export type AdminUser = Schemas['UserSummaryView'];
export type Appointment = Schemas['AppointmentView'];

export type CourseLanguage = Schemas['CourseLanguage'];
export const COURSE_LANGUAGES: readonly CourseLanguage[] = ['en', 'fr', 'es'];
export type CourseStatus = Schemas['CourseStatus'];
export const COURSE_STATUSES: readonly CourseStatus[] = ['draft', 'published', 'archived'];
export type CourseSort = NonNullable<
  NonNullable<import('./schema').operations['CoursesController_search']['parameters']['query']>['sort']
>;
export type Topic = Schemas['TopicView'];
export type CourseSummary = Schemas['CourseSummaryView'];
export type CoursePage = Schemas['CoursePage'];
export type CourseText = Schemas['CourseTextView'];
export type PackageItem = Schemas['PackageItemView'];
export type CoursePackage = Schemas['CoursePackageView'];
export type CourseDetail = Schemas['CourseDetailView'];

export type ImportState = Schemas['ImportState'];
export type ImportJob = Schemas['ImportJobView'];
export type ImportJobPage = Schemas['ImportJobPage'];
