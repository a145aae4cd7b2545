import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ALL_COUNTRIES, AuthenticatedUser, countriesScope, CountryScope, UserRole } from '@app/accounts';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { QueueName, QueueService } from '@app/queue';
import type { LearnerFilterDto, LearnerQueryDto, ReportQueryDto } from '../dto/report-query.dto';
import type { LearnerPageDto, ReportSummaryDto, TranscriptDto } from '../dto/report-views.dto';
import type { SecretariatReportDto } from '../dto/secretariat-views.dto';
import { regionOf, WCO_REGIONS, WcoRegion } from '../regions/wco-regions';
import { LearnerFilter, ReportRepository } from '../repositories/report.repository';
import { ReportPeriod } from '../repositories/report-scope';
import { learnersCsv, learnersXlsx } from './learner-export';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The coordinator and Secretariat reports (docs/reports.md). The scope comes from the caller's
 * appointments on this very request and goes into every repository call: a coordinator sees their
 * own countries only, and asking for another country is refused.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  scopeFor(caller: AuthenticatedUser, country: string | undefined): CountryScope {
    if (caller.roles.includes(UserRole.Admin)) {
      return country ? countriesScope([country]) : ALL_COUNTRIES;
    }
    if (country) {
      if (!caller.coordinatorCountries.includes(country)) {
        throw DomainException.forbidden('You can see the reports of your own country only', ErrorCode.Forbidden);
      }
      return countriesScope([country]);
    }
    return countriesScope(caller.coordinatorCountries);
  }

  periodOf(query: ReportQueryDto): ReportPeriod {
    const from = query.from ? new Date(`${query.from}T00:00:00.000Z`) : null;
    const to = query.to ? new Date(`${query.to}T00:00:00.000Z`) : null;
    if (from && to && from > to) {
      throw DomainException.badRequest('The period starts after it ends', ErrorCode.ValidationFailed);
    }
    return { from, toExclusive: to ? new Date(to.getTime() + DAY_MS) : null };
  }

  async summary(caller: AuthenticatedUser, query: ReportQueryDto): Promise<ReportSummaryDto> {
    const scope = this.scopeFor(caller, query.country);
    const period = this.periodOf(query);
    const [byStatus, perMonth, totals, completions, courses] = await Promise.all([
      this.reports.officersByStatus(scope, period),
      this.reports.registrationsPerMonth(scope, period),
      this.reports.enrolmentTotals(scope, period),
      this.reports.completions(scope, period),
      this.reports.courseFigures(scope, period),
    ]);
    const count = (status: string): number => byStatus[status] ?? 0;
    return {
      registrations: {
        pending: count('pending'),
        approved: count('active') + count('suspended'),
        rejected: count('rejected'),
      },
      learners: totals.learners,
      enrolments: totals.enrolments,
      completions,
      officersByStatus: {
        unverified: count('unverified'),
        pending: count('pending'),
        active: count('active'),
        rejected: count('rejected'),
        suspended: count('suspended'),
      },
      registrationsPerMonth: perMonth,
      courses,
    };
  }

  learners(caller: AuthenticatedUser, query: LearnerQueryDto): Promise<LearnerPageDto> {
    return this.reports.learnerPage(this.scopeFor(caller, query.country), this.periodOf(query), filterOf(query), {
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  async learnersCsv(caller: AuthenticatedUser, query: LearnerFilterDto): Promise<Readable> {
    const scope = this.scopeFor(caller, query.country);
    await this.recordExport(query, 'csv');
    return learnersCsv(await this.reports.streamLearners(scope, this.periodOf(query), filterOf(query)));
  }

  async learnersXlsx(caller: AuthenticatedUser, query: LearnerFilterDto): Promise<Readable> {
    const scope = this.scopeFor(caller, query.country);
    await this.recordExport(query, 'xlsx');
    return learnersXlsx(await this.reports.streamLearners(scope, this.periodOf(query), filterOf(query)));
  }

  private recordExport(query: LearnerFilterDto, format: 'csv' | 'xlsx'): Promise<void> {
    return this.audit.record(null, {
      action: AuditAction.ExportLearners,
      targetType: 'export',
      targetId: query.country ?? 'all',
      targetCountry: query.country ?? null,
      details: { format },
    });
  }

  /** One officer's courses, read-only; an officer outside the caller's scope is not found. */
  async transcript(caller: AuthenticatedUser, userId: string): Promise<TranscriptDto> {
    const scope = this.scopeFor(caller, undefined);
    const officer = await this.reports.officer(scope, userId);
    if (!officer) {
      throw DomainException.notFound('Officer');
    }
    const courses = await this.reports.officerCourses(scope, userId);
    return {
      officer: {
        id: String(officer.id),
        displayName: String(officer.display_name),
        email: String(officer.email),
        country: String(officer.country),
        administration: String(officer.administration ?? ''),
        language: String(officer.preferred_language),
        status: String(officer.status),
        registeredAt: (officer.created_at as Date).toISOString(),
        lastSignInAt: officer.last_sign_in ? (officer.last_sign_in as Date).toISOString() : null,
      },
      courses,
    };
  }

  /** The Secretariat's figures: every country (or one), by WCO region, usage, funnel and queues. */
  async secretariat(caller: AuthenticatedUser, query: ReportQueryDto): Promise<SecretariatReportDto> {
    const scope = this.scopeFor(caller, query.country);
    const period = this.periodOf(query);
    const [registeredUsers, perDay, perMonth, newPerMonth, courses, countries, queues] = await Promise.all([
      this.reports.registeredUsers(scope),
      this.reports.activeUsers(scope, period, 'day'),
      this.reports.activeUsers(scope, period, 'month'),
      this.reports.registrationsPerMonth(scope, period),
      this.reports.courseFigures(scope, period),
      this.reports.countryFigures(scope, period),
      this.queueHealth(),
    ]);
    const regions = new Map<WcoRegion | 'other', SecretariatReportDto['regions'][number]>();
    for (const row of countries) {
      const region = regionOf(row.country) ?? 'other';
      const entry = regions.get(region) ?? {
        region,
        countries: 0,
        registered: 0,
        active: 0,
        enrolments: 0,
        started: 0,
        completions: 0,
        passed: 0,
      };
      entry.countries += 1;
      entry.registered += row.registered;
      entry.active += row.active;
      entry.enrolments += row.enrolments;
      entry.started += row.started;
      entry.completions += row.completions;
      entry.passed += row.passed;
      regions.set(region, entry);
    }
    const order = [...WCO_REGIONS, 'other'];
    const sum = (key: 'enrolments' | 'started' | 'completions' | 'passed'): number =>
      countries.reduce((total, row) => total + row[key], 0);
    return {
      usage: {
        registeredUsers,
        activeUsersPerDay: perDay.map(({ key, count }) => ({ day: key, count })),
        activeUsersPerMonth: perMonth.map(({ key, count }) => ({ month: key, count })),
        newRegistrationsPerMonth: newPerMonth,
      },
      funnel: {
        enrolled: sum('enrolments'),
        started: sum('started'),
        completed: sum('completions'),
        passed: sum('passed'),
      },
      regions: [...regions.values()].sort((a, b) => order.indexOf(a.region) - order.indexOf(b.region)),
      countries: countries.map((row) => ({ ...row, region: regionOf(row.country) ?? 'other' })),
      courses,
      queues,
    };
  }

  /** Waiting, active and failed jobs per queue, from BullMQ. */
  async queueHealth(): Promise<SecretariatReportDto['queues']> {
    return Promise.all(
      Object.values(QueueName).map(async (name) => {
        const counts = await this.queues
          .queue(name)
          .getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
        return {
          queue: name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
          active: counts.active ?? 0,
          failed: counts.failed ?? 0,
        };
      }),
    );
  }
}

function filterOf(query: LearnerFilterDto): LearnerFilter {
  return { course: query.course, lang: query.lang, status: query.status };
}
