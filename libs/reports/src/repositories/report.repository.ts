import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { CountryScope } from '@app/accounts';
import { and, periodSql, ReportPeriod, scopeSql, SqlPart } from './report-scope';
import { countersUnion, cutPeriod, daysSql } from './summary-periods';

export interface LearnerFilter {
  course?: string;
  lang?: string;
  status?: string;
}

export interface LearnerRow {
  userId: string;
  displayName: string;
  email: string;
  country: string;
  administration: string;
  language: string;
  status: string;
  courseId: string | null;
  courseTitle: string | null;
  enrolledAt: string | null;
  completionStatus: string | null;
  successStatus: string | null;
  scoreScaled: number | null;
  partsDone: number | null;
  partsTotal: number | null;
  timeSeconds: number | null;
  lastActivityAt: string | null;
}

export interface CourseFigures {
  courseId: string;
  title: string | null;
  enrolments: number;
  started: number;
  inProgress: number;
  completions: number;
  passed: number;
  failed: number;
  passRate: number | null;
  averageScore: number | null;
  averageTimeSeconds: number | null;
}

export interface CountryFigures {
  country: string;
  registered: number;
  active: number;
  enrolments: number;
  started: number;
  completions: number;
  passed: number;
}

type Raw = Record<string, string | number | Date | null | undefined>;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
/** Stored times are UTC (the connection's time zone is Z); a computed one may come back as text. */
const iso = (value: unknown): string | null => {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string') {
    return new Date(/[zZ]$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString();
  }
  return (value as Date).toISOString();
};
/** Means and rates to 4 decimals (scores are 5-decimal in storage): the page, CSV and XLSX show these. */
const round4 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10_000) / 10_000);

/**
 * The columns of a learners row: the officer, the enrolment, its stored course result
 * (docs/course-results.md), and from the attempts (one index range per row: IDX_attempts_user_course)
 * the time spent and the last activity.
 */
const LEARNER_COLUMNS = `u.id AS userId, u.display_name AS displayName, u.email AS email, u.country AS country,
  u.administration AS administration, u.preferred_language AS language, u.status AS status,
  e.course_id AS courseId, cs.sort_en AS courseTitle, e.created_at AS enrolledAt,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE COALESCE(r.completion_status, 'not attempted') END AS completionStatus,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE COALESCE(r.success_status, 'unknown') END AS successStatus,
  r.score_scaled AS scoreScaled,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE COALESCE(r.parts_done, 0) END AS partsDone,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE COALESCE(r.parts_total, 0) END AS partsTotal,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE (SELECT COALESCE(SUM(a.total_seconds), 0) FROM attempts a
    WHERE a.user_id = e.user_id AND a.course_id = e.course_id) END AS timeSeconds,
  CASE WHEN e.course_id IS NULL THEN NULL ELSE GREATEST(e.created_at, COALESCE((SELECT MAX(COALESCE(a.last_commit_at, a.launched_at))
    FROM attempts a WHERE a.user_id = e.user_id AND a.course_id = e.course_id), e.created_at)) END AS lastActivityAt`;

const LEARNER_DETAIL_JOINS = `LEFT JOIN course_results r ON r.user_id = e.user_id AND r.course_id = e.course_id
  LEFT JOIN course_search cs ON cs.course_id = e.course_id`;

const LEARNER_ORDER = 'u.display_name, u.id, e.course_id';

/**
 * Every figure of the reports (docs/reports.md), computed by SQL on indexed columns: no attempt is
 * ever loaded into memory. Each method takes the caller's country scope, so no query can forget it.
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async rows(sql: string, params: unknown[]): Promise<Raw[]> {
    return this.dataSource.query<Raw[]>(sql, params);
  }

  /** Officers (accounts with a country in scope) registered in the period, by account status. */
  async officersByStatus(scope: CountryScope, period: ReportPeriod): Promise<Record<string, number>> {
    const [where, params] = and(scopeSql(scope, 'u.country'), periodSql(period, 'u.created_at'));
    const rows = await this.rows(
      `SELECT u.status AS status, COUNT(*) AS n FROM users u WHERE ${where} GROUP BY u.status`,
      params,
    );
    return Object.fromEntries(rows.map((row) => [String(row.status), num(row.n)]));
  }

  async registrationsPerMonth(
    scope: CountryScope,
    period: ReportPeriod,
  ): Promise<Array<{ month: string; count: number }>> {
    const [where, params] = and(scopeSql(scope, 'u.country'), periodSql(period, 'u.created_at'));
    const rows = await this.rows(
      `SELECT DATE_FORMAT(u.created_at, '%Y-%m') AS month, COUNT(*) AS n FROM users u WHERE ${where}
       GROUP BY month ORDER BY month`,
      params,
    );
    return rows.map((row) => ({ month: String(row.month), count: num(row.n) }));
  }

  /**
   * Enrolments made in the period and the officers who made them, from the summary tables (docs/reports.md,
   * "Summary tables"): a country scope reads its rows of `report_learning`; all countries read the
   * counters and each officer's first and last enrolment.
   */
  async enrolmentTotals(scope: CountryScope, period: ReportPeriod): Promise<{ enrolments: number; learners: number }> {
    if (scope.kind !== 'all') {
      const [where, params] = and(scopeSql(scope, 'l.country'), periodSql(period, 'l.enrolled_at'));
      const [row] = await this.rows(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT l.user_id) AS learners FROM report_learning l
         WHERE l.enrolled_at IS NOT NULL AND ${where}`,
        params,
      );
      return { enrolments: num(row?.n), learners: num(row?.learners) };
    }
    const [union, params] = countersUnion('report_country', 'enrolments', cutPeriod(period), ['1 = 1', []]);
    const [[enrolments], learners] = await Promise.all([
      this.rows(`SELECT SUM(enrolments) AS n FROM (${union}) t`, params),
      this.allLearners(period),
    ]);
    return { enrolments: num(enrolments?.n), learners };
  }

  /**
   * Officers (of every country) with an enrolment made in the period. An officer has one in
   * [from, to) when their last enrolment is on or after `from` and none is made after `to`, or
   * their first is before `to` and none before `from`: one index range on report_learners. A
   * period with enrolments on both sides counts them distinct.
   */
  private async allLearners(period: ReportPeriod): Promise<number> {
    const exists = async (sql: string, value: Date): Promise<boolean> =>
      (await this.rows(`SELECT 1 AS x FROM report_learning WHERE ${sql} LIMIT 1`, [value])).length > 0;
    const after = period.toExclusive ? await exists('enrolled_at >= ?', period.toExclusive) : false;
    const before = period.from ? await exists('enrolled_at < ?', period.from) : false;
    if (!after || !before) {
      const [where, params]: SqlPart = !after
        ? period.from
          ? ['last_enrolled_at >= ?', [period.from]]
          : ['1 = 1', []]
        : ['first_enrolled_at < ?', [period.toExclusive]];
      const [row] = await this.rows(
        `SELECT COUNT(*) AS n FROM report_learners WHERE ${where} AND country IS NOT NULL`,
        params,
      );
      return num(row?.n);
    }
    const [where, params] = periodSql(period, 'l.enrolled_at');
    const [row] = await this.rows(
      `SELECT COUNT(DISTINCT l.user_id) AS n FROM report_learning l WHERE l.country IS NOT NULL AND ${where}`,
      params,
    );
    return num(row?.n);
  }

  /** Course results that reached `completed` in the period. */
  async completions(scope: CountryScope, period: ReportPeriod): Promise<number> {
    if (scope.kind !== 'all') {
      const [where, params] = and(scopeSql(scope, 'l.country'), periodSql(period, 'l.completed_at'));
      const [row] = await this.rows(
        `SELECT COUNT(*) AS n FROM report_learning l WHERE l.completion_status = 'completed' AND ${where}`,
        params,
      );
      return num(row?.n);
    }
    const [union, params] = countersUnion('report_country', 'completed', cutPeriod(period), ['1 = 1', []]);
    const [row] = await this.rows(`SELECT SUM(completed) AS n FROM (${union}) t`, params);
    return num(row?.n);
  }

  /**
   * Per course, the enrolments made in the period and where their results stand now; the time is
   * the mean of what each learner who launched the course spent in it (all attempts).
   */
  async courseFigures(scope: CountryScope, period: ReportPeriod): Promise<CourseFigures[]> {
    let sql: string;
    let params: unknown[];
    if (scope.kind !== 'all') {
      const [where, whereParams] = and(scopeSql(scope, 'l.country'), periodSql(period, 'l.enrolled_at'));
      sql = `SELECT l.course_id AS courseId, COUNT(*) AS enrolments,
          SUM(l.completion_status IN ('incomplete', 'completed')) AS started,
          SUM(l.completion_status = 'incomplete') AS inProgress, SUM(l.completion_status = 'completed') AS completions,
          SUM(l.success_status = 'passed') AS passed, SUM(l.success_status = 'failed') AS failed,
          AVG(l.score_scaled) AS averageScore,
          SUM(IF(l.attempts > 0, l.time_seconds, 0)) / NULLIF(SUM(l.attempts > 0), 0) AS averageTime
        FROM report_learning l WHERE l.enrolled_at IS NOT NULL AND ${where} GROUP BY l.course_id`;
      params = whereParams;
    } else {
      const [union, unionParams] = countersUnion(
        'report_course',
        'course_id, enrolments, started, in_progress, completions, passed, failed, score_sum, scores, time_sum, launched',
        cutPeriod(period),
        ['1 = 1', []],
      );
      sql = `SELECT course_id AS courseId, SUM(enrolments) AS enrolments, SUM(started) AS started,
          SUM(in_progress) AS inProgress, SUM(completions) AS completions, SUM(passed) AS passed, SUM(failed) AS failed,
          SUM(score_sum) / NULLIF(SUM(scores), 0) AS averageScore, SUM(time_sum) / NULLIF(SUM(launched), 0) AS averageTime
        FROM (${union}) t GROUP BY course_id HAVING SUM(enrolments) > 0`;
      params = unionParams;
    }
    const rows = await this.rows(
      `SELECT g.*, (SELECT MAX(cs.sort_en) FROM course_search cs WHERE cs.course_id = g.courseId) AS title
       FROM (${sql}) g ORDER BY g.enrolments DESC, g.courseId`,
      params,
    );
    return rows.map((row) => {
      const passed = num(row.passed);
      const failed = num(row.failed);
      return {
        courseId: String(row.courseId),
        title: row.title === null || row.title === undefined ? null : String(row.title),
        enrolments: num(row.enrolments),
        started: num(row.started),
        inProgress: num(row.inProgress),
        completions: num(row.completions),
        passed,
        failed,
        passRate: passed + failed > 0 ? round4(passed / (passed + failed)) : null,
        averageScore: round4(numOrNull(row.averageScore)),
        averageTimeSeconds: round4(numOrNull(row.averageTime)),
      };
    });
  }

  /** Per country in scope: officers registered in the period (all, active), and their enrolments' results. */
  async countryFigures(scope: CountryScope, period: ReportPeriod): Promise<CountryFigures[]> {
    const [userWhere, userParams] = and(scopeSql(scope, 'u.country'), periodSql(period, 'u.created_at'));
    let learningSql: string;
    let learningParams: unknown[];
    if (scope.kind !== 'all') {
      const [where, params] = and(scopeSql(scope, 'l.country'), periodSql(period, 'l.enrolled_at'));
      learningSql = `SELECT l.country AS country, COUNT(*) AS enrolments,
          SUM(l.completion_status IN ('incomplete', 'completed')) AS started,
          SUM(l.completion_status = 'completed') AS completions, SUM(l.success_status = 'passed') AS passed
        FROM report_learning l WHERE l.enrolled_at IS NOT NULL AND ${where} GROUP BY l.country`;
      learningParams = params;
    } else {
      const [union, params] = countersUnion(
        'report_country',
        'country, enrolments, started, completions, passed',
        cutPeriod(period),
        ['1 = 1', []],
      );
      learningSql = `SELECT country, SUM(enrolments) AS enrolments, SUM(started) AS started,
          SUM(completions) AS completions, SUM(passed) AS passed
        FROM (${union}) t GROUP BY country HAVING SUM(enrolments) > 0`;
      learningParams = params;
    }
    const [users, learning] = await Promise.all([
      this.rows(
        `SELECT u.country AS country, COUNT(*) AS registered, SUM(u.status = 'active') AS active
         FROM users u WHERE ${userWhere} GROUP BY u.country`,
        userParams,
      ),
      this.rows(learningSql, learningParams),
    ]);
    const byCountry = new Map<string, CountryFigures>();
    const entry = (country: string): CountryFigures => {
      let found = byCountry.get(country);
      if (!found) {
        found = { country, registered: 0, active: 0, enrolments: 0, started: 0, completions: 0, passed: 0 };
        byCountry.set(country, found);
      }
      return found;
    };
    for (const row of users) {
      Object.assign(entry(String(row.country)), { registered: num(row.registered), active: num(row.active) });
    }
    for (const row of learning) {
      Object.assign(entry(String(row.country)), {
        enrolments: num(row.enrolments),
        started: num(row.started),
        completions: num(row.completions),
        passed: num(row.passed),
      });
    }
    return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
  }

  /** Officers whose account is active now (registered at any time). */
  async registeredUsers(scope: CountryScope): Promise<number> {
    const [where, params] = scopeSql(scope, 'u.country');
    const [row] = await this.rows(`SELECT COUNT(*) AS n FROM users u WHERE ${where} AND u.status = 'active'`, params);
    return num(row?.n);
  }

  /**
   * Distinct officers who signed in, per UTC day or month of the period (recorded sign-ins), from
   * the counters of the sign-ins' first per officer, day (month) and country; the days at either end
   * of a period that do not fill a month are counted from the sign-ins themselves.
   */
  async activeUsers(
    scope: CountryScope,
    period: ReportPeriod,
    unit: 'day' | 'month',
  ): Promise<Array<{ key: string; count: number }>> {
    const counterScope: SqlPart = scope.kind === 'all' ? ["country <> ''", []] : scopeSql(scope, 'country');
    if (unit === 'day') {
      const [range, rangeParams] = daysSql({ from: period.from, toExclusive: period.toExclusive }, 'day');
      const rows = await this.rows(
        `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS k, SUM(users) AS n FROM report_active_days
         WHERE (${range}) AND (${counterScope[0]}) GROUP BY day HAVING SUM(users) > 0 ORDER BY day`,
        [...rangeParams, ...counterScope[1]],
      );
      return rows.map((row) => ({ key: String(row.k), count: num(row.n) }));
    }
    const cut = cutPeriod(period);
    const parts: Array<Promise<Raw[]>> = [];
    if (cut.months) {
      const [range, rangeParams] = countersUnion(
        'report_active',
        'month, users',
        { months: cut.months, days: [] },
        counterScope,
      );
      parts.push(
        this.rows(
          `SELECT month AS k, SUM(users) AS n FROM (${range}) t GROUP BY month HAVING SUM(users) > 0`,
          rangeParams,
        ),
      );
    }
    for (const range of cut.days) {
      const [where, params] = and(scopeSql(scope, 's.country'), periodSql(range, 's.signed_in_at'));
      parts.push(
        this.rows(
          `SELECT DATE_FORMAT(s.signed_in_at, '%Y-%m') AS k, COUNT(DISTINCT s.user_id) AS n
           FROM sign_ins s ${scope.kind === 'all' ? 'FORCE INDEX (IDX_sign_ins_at)' : ''} WHERE ${where} GROUP BY k`,
          params,
        ),
      );
    }
    const rows = (await Promise.all(parts)).flat();
    return rows
      .map((row) => ({ key: String(row.k), count: num(row.n) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private learnerWhere(
    scope: CountryScope,
    period: ReportPeriod,
    filter: LearnerFilter,
  ): { join: SqlPart; where: SqlPart } {
    const joinParts: SqlPart[] = [['e.user_id = u.id', []]];
    if (filter.course) {
      joinParts.push(['e.course_id = ?', [filter.course]]);
    }
    if (period.from || period.toExclusive) {
      joinParts.push(periodSql(period, 'e.created_at'));
    }
    const whereParts: SqlPart[] = [scopeSql(scope, 'u.country')];
    if (filter.lang) {
      whereParts.push(['u.preferred_language = ?', [filter.lang]]);
    }
    if (filter.status) {
      whereParts.push(['u.status = ?', [filter.status]]);
    }
    if (filter.course || period.from || period.toExclusive) {
      // A course or a period asks about enrolments: officers with none in it are not rows.
      whereParts.push(['e.course_id IS NOT NULL', []]);
    }
    return { join: and(...joinParts), where: and(...whereParts) };
  }

  /** One row per officer and enrolled course (an officer with no enrolment: one row without a course). */
  async learnerPage(
    scope: CountryScope,
    period: ReportPeriod,
    filter: LearnerFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: LearnerRow[]; total: number }> {
    const { join, where } = this.learnerWhere(scope, period, filter);
    const from = `FROM users u LEFT JOIN enrolments e ON ${join[0]} WHERE ${where[0]}`;
    const params = [...join[1], ...where[1]];
    const [totalRows, keys] = await Promise.all([
      this.rows(`SELECT COUNT(*) AS n ${from}`, params),
      this.rows(`SELECT u.id AS uid, e.course_id AS cid ${from} ORDER BY ${LEARNER_ORDER} LIMIT ? OFFSET ?`, [
        ...params,
        page.pageSize,
        (page.page - 1) * page.pageSize,
      ]),
    ]);
    const total = num(totalRows[0]?.n);
    if (keys.length === 0) {
      return { items: [], total };
    }
    // The page's details, computed for its officers only (primary key), then kept to the page's pairs.
    const wanted = new Map(keys.map((key, index) => [`${String(key.uid)}|${String(key.cid ?? '')}`, index]));
    const rows = await this.rows(
      `SELECT ${LEARNER_COLUMNS} FROM users u LEFT JOIN enrolments e ON e.user_id = u.id ${LEARNER_DETAIL_JOINS}
       WHERE u.id IN (?)`,
      [[...new Set(keys.map((key) => String(key.uid)))]],
    );
    const items = rows
      .map((row) => ({ row, index: wanted.get(`${String(row.userId)}|${String(row.courseId ?? '')}`) }))
      .filter((entry): entry is { row: Raw; index: number } => entry.index !== undefined)
      .sort((a, b) => a.index - b.index)
      .map((entry) => toLearnerRow(entry.row));
    return { items, total };
  }

  /**
   * Every row of the learners table for these filters, in the page's order, as a stream: the
   * exports never hold the table in memory. The caller must consume or destroy it (it holds a
   * connection until then).
   */
  async streamLearners(scope: CountryScope, period: ReportPeriod, filter: LearnerFilter): Promise<Readable> {
    const { join, where } = this.learnerWhere(scope, period, filter);
    const runner = this.dataSource.createQueryRunner('slave');
    let raw: Readable;
    try {
      raw = await runner.stream(
        `SELECT ${LEARNER_COLUMNS} FROM users u LEFT JOIN enrolments e ON ${join[0]} ${LEARNER_DETAIL_JOINS}
         WHERE ${where[0]} ORDER BY ${LEARNER_ORDER}`,
        [...join[1], ...where[1]],
      );
    } catch (error) {
      await runner.release();
      throw error;
    }
    const rows = raw.map((row: Raw) => toLearnerRow(row));
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        raw.destroy();
        void runner.release();
      }
    };
    rows.once('close', release);
    rows.once('end', release);
    rows.once('error', release);
    return rows;
  }

  /** The officer, if in scope; null otherwise (the caller answers 404). */
  async officer(scope: CountryScope, userId: string): Promise<Raw | null> {
    const [where, params] = and(scopeSql(scope, 'u.country'), ['u.id = ?', [userId]]);
    const [row] = await this.rows(
      `SELECT u.id, u.display_name, u.email, u.country, u.administration, u.preferred_language, u.status, u.created_at,
         (SELECT MAX(s.signed_in_at) FROM sign_ins s WHERE s.user_id = u.id) AS last_sign_in
       FROM users u WHERE ${where}`,
      params,
    );
    return row ?? null;
  }

  async officerCourses(scope: CountryScope, userId: string): Promise<LearnerRow[]> {
    const [where, params] = and(scopeSql(scope, 'u.country'), ['u.id = ?', [userId]], ['e.course_id IS NOT NULL', []]);
    const rows = await this.rows(
      `SELECT ${LEARNER_COLUMNS} FROM users u LEFT JOIN enrolments e ON e.user_id = u.id ${LEARNER_DETAIL_JOINS}
       WHERE ${where} ORDER BY e.created_at, e.course_id`,
      params,
    );
    return rows.map(toLearnerRow);
  }
}

function toLearnerRow(row: Raw): LearnerRow {
  return {
    userId: String(row.userId),
    displayName: String(row.displayName),
    email: String(row.email),
    country: String(row.country),
    administration: String(row.administration ?? ''),
    language: String(row.language),
    status: String(row.status),
    courseId: row.courseId === null ? null : String(row.courseId),
    courseTitle: row.courseTitle === null || row.courseTitle === undefined ? null : String(row.courseTitle),
    enrolledAt: iso(row.enrolledAt),
    completionStatus: row.completionStatus === null ? null : String(row.completionStatus),
    successStatus: row.successStatus === null ? null : String(row.successStatus),
    scoreScaled: numOrNull(row.scoreScaled),
    partsDone: numOrNull(row.partsDone),
    partsTotal: numOrNull(row.partsTotal),
    timeSeconds: numOrNull(row.timeSeconds),
    lastActivityAt: iso(row.lastActivityAt),
  };
}
