import type { ReportPeriod, SqlPart } from './report-scope';

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const isoMonth = (date: Date): string => date.toISOString().slice(0, 7);
const monthStart = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const nextMonth = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));

/**
 * A period cut for the summary tables (docs/reports.md, "Summary tables"): the whole UTC months it
 * covers, read from the monthly counters, and the days left at either end, read from the daily ones.
 * `months` is null when no whole month is covered; `days` holds up to two [from, toExclusive) ranges.
 */
export interface PeriodCut {
  months: { from: string | null; toExclusive: string | null } | null;
  days: Array<{ from: Date | null; toExclusive: Date | null }>;
}

export function cutPeriod(period: ReportPeriod): PeriodCut {
  const { from, toExclusive } = period;
  const wholeFrom = from ? (from.getTime() === monthStart(from).getTime() ? from : nextMonth(from)) : null;
  const wholeTo = toExclusive ? monthStart(toExclusive) : null;
  if (wholeFrom && wholeTo && wholeFrom >= wholeTo) {
    return { months: null, days: [{ from, toExclusive }] };
  }
  const days: PeriodCut['days'] = [];
  if (from && wholeFrom && from < wholeFrom) {
    days.push({ from, toExclusive: wholeFrom });
  }
  if (toExclusive && wholeTo && wholeTo < toExclusive) {
    days.push({ from: wholeTo, toExclusive });
  }
  return {
    months: { from: wholeFrom ? isoMonth(wholeFrom) : null, toExclusive: wholeTo ? isoMonth(wholeTo) : null },
    days,
  };
}

/** The monthly part as SQL on a `char(7)` month column ('YYYY-MM'). */
export function monthsSql(months: NonNullable<PeriodCut['months']>, column: string): SqlPart {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (months.from) {
    parts.push(`${column} >= ?`);
    params.push(months.from);
  }
  if (months.toExclusive) {
    parts.push(`${column} < ?`);
    params.push(months.toExclusive);
  }
  return [parts.length > 0 ? parts.join(' AND ') : '1 = 1', params];
}

/** A daily range as SQL on a `date` column. */
export function daysSql(range: PeriodCut['days'][number], column: string): SqlPart {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (range.from) {
    parts.push(`${column} >= ?`);
    params.push(isoDay(range.from));
  }
  if (range.toExclusive) {
    parts.push(`${column} < ?`);
    params.push(isoDay(range.toExclusive));
  }
  return [parts.length > 0 ? parts.join(' AND ') : '1 = 1', params];
}

/**
 * `SELECT <columns> FROM <table>_months WHERE … UNION ALL SELECT <columns> FROM <table>_days WHERE …`
 * over the cut, for an outer query to sum; `extra` narrows every branch.
 */
export function countersUnion(table: string, columns: string, cut: PeriodCut, extra: SqlPart): SqlPart {
  const branches: SqlPart[] = [];
  if (cut.months) {
    const [sql, params] = monthsSql(cut.months, 'month');
    branches.push([
      `SELECT ${columns} FROM ${table}_months WHERE (${sql}) AND (${extra[0]})`,
      [...params, ...extra[1]],
    ]);
  }
  for (const range of cut.days) {
    const [sql, params] = daysSql(range, 'day');
    branches.push([`SELECT ${columns} FROM ${table}_days WHERE (${sql}) AND (${extra[0]})`, [...params, ...extra[1]]]);
  }
  return [branches.map(([sql]) => sql).join(' UNION ALL '), branches.flatMap(([, params]) => params)];
}
