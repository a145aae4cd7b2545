import type { Language } from '../../i18n';

const EMPTY = '–';

/** "Mar 2026" for the month "2026-03" (UTC, as the server counts). */
export function formatMonth(month: string, language: Language): string {
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) {
    return month;
  }
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, number - 1, 1),
  );
}

/** "14 Mar 2026" for the UTC day "2026-03-14". */
export function formatDay(day: string, language: Language): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return day;
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A share (0–1) as a percentage, e.g. "65%" or "65 %"; a dash when there is none. */
export function formatShare(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) {
    return EMPTY;
  }
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Time spent, in whole minutes ("16 min"), or hours past 10 hours ("12.5 hr"); a dash when none. */
export function formatDuration(seconds: number | null | undefined, language: Language): string {
  if (seconds === null || seconds === undefined) {
    return EMPTY;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 600) {
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(seconds / 3600);
}

export function orDash(value: string | null | undefined): string {
  return value ? value : EMPTY;
}
