import type { CountryScope } from '@app/accounts';

/** A period of days, as the API takes it: `from` inclusive, `to` inclusive (stored as the next midnight, exclusive). */
export interface ReportPeriod {
  from: Date | null;
  toExclusive: Date | null;
}

export type SqlPart = [sql: string, params: unknown[]];

/**
 * The scope as SQL on a country column. `all` still leaves out accounts with no country (the
 * Secretariat's own), which are nobody's officers.
 */
export function scopeSql(scope: CountryScope, column: string): SqlPart {
  if (scope.kind === 'all') {
    return [`${column} IS NOT NULL`, []];
  }
  if (scope.countries.length === 0) {
    return ['1 = 0', []];
  }
  return [`${column} IN (?)`, [scope.countries]];
}

export function periodSql(period: ReportPeriod, column: string): SqlPart {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (period.from) {
    parts.push(`${column} >= ?`);
    params.push(period.from);
  }
  if (period.toExclusive) {
    parts.push(`${column} < ?`);
    params.push(period.toExclusive);
  }
  return [parts.length > 0 ? parts.join(' AND ') : '1 = 1', params];
}

/** Joins parts with AND, parameters in order. */
export function and(...parts: SqlPart[]): SqlPart {
  return [parts.map(([sql]) => `(${sql})`).join(' AND '), parts.flatMap(([, params]) => params)];
}
