import { unwrap, unwrapWithResponse, type ApiClient, type Schemas } from '../../api/client';
import type { UrlFilters } from '../../hooks/useUrlFilters';
import { fileNameOf } from '../../api/download';

/** The reports pages' calls, in one place (docs/reports.md). */
export type Summary = Schemas['ReportSummaryDto'];
export type CourseFigures = Schemas['CourseFiguresDto'];
export type LearnerRow = Schemas['LearnerRowDto'];
export type Transcript = Schemas['TranscriptDto'];
export type Secretariat = Schemas['SecretariatReportDto'];

export const OFFICER_STATUSES = ['active', 'pending', 'unverified', 'suspended', 'rejected'] as const;
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export const LEARNERS_PAGE_SIZE = 20;

/** What the dashboards filter by, as the address holds it ('' when unset). */
export interface ReportFilters {
  country: string;
  from: string;
  to: string;
  course: string;
  lang: (typeof LANGUAGES)[number] | '';
  status: (typeof OFFICER_STATUSES)[number] | '';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in the address, each kept only when well formed (a bad one is no filter). */
export function filtersOf(url: UrlFilters): ReportFilters {
  const matching = (key: string, pattern: RegExp) => (pattern.test(url.text(key)) ? url.text(key) : '');
  return {
    country: matching('country', /^[A-Z]{2}$/),
    from: matching('from', DAY),
    to: matching('to', DAY),
    course: matching('course', UUID),
    lang: url.oneOf('lang', LANGUAGES),
    status: url.oneOf('status', OFFICER_STATUSES),
  };
}

const period = (filters: ReportFilters) => ({
  country: filters.country || undefined,
  from: filters.from || undefined,
  to: filters.to || undefined,
});

const learnerQuery = (filters: ReportFilters) => ({
  ...period(filters),
  course: filters.course || undefined,
  lang: filters.lang || undefined,
  status: filters.status || undefined,
});

export type ExportFormat = 'csv' | 'xlsx';

const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const reportsApi = (api: ApiClient) => ({
  summary: (filters: ReportFilters, signal: AbortSignal) =>
    unwrap(api.GET('/api/reports/summary', { params: { query: period(filters) }, signal })),
  learners: (filters: ReportFilters, page: number, signal: AbortSignal) =>
    unwrap(
      api.GET('/api/reports/learners', {
        params: { query: { ...learnerQuery(filters), page, pageSize: LEARNERS_PAGE_SIZE } },
        signal,
      }),
    ),
  transcript: (userId: string, signal: AbortSignal) =>
    unwrap(api.GET('/api/reports/learners/{userId}', { params: { path: { userId } }, signal })),
  secretariat: (filters: ReportFilters, signal: AbortSignal) =>
    unwrap(api.GET('/api/reports/secretariat', { params: { query: period(filters) }, signal })),
  /** Every row of the learners table for these filters, as the server writes it. */
  download: async (filters: ReportFilters, format: ExportFormat): Promise<{ blob: Blob; name: string }> => {
    const options = {
      params: { query: learnerQuery(filters) },
      headers: { Accept: EXPORT_TYPES[format] },
      parseAs: 'blob' as const,
    };
    const { data, response } = await unwrapWithResponse(
      format === 'csv' ? api.GET('/api/reports/learners.csv', options) : api.GET('/api/reports/learners.xlsx', options),
    );
    return { blob: data, name: fileNameOf(response, `learners.${format}`) };
  },
});
