import type { Language } from './index';

/** A date and time as people of the interface language write it, e.g. "12 Mar 2025, 14:05". */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date alone, e.g. "12 Mar 2025". */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

/** A wait such as "45 seconds" or "3 minutes", with the language's own plural forms. */
export function formatWait(seconds: number, language: Language): string {
  const [amount, unit] = seconds < 90 ? [Math.max(1, seconds), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** A number with the language's grouping, e.g. "1 234" in French. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}

/** A YYYY-MM-DD day as people of the language write it, without shifting it by the time zone. */
export function formatDay(value: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) {
    return value;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A date in full, e.g. "12 March 2025" (certificates). */
export function formatLongDate(value: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(value));
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size with the language's unit symbols and decimals, e.g. "1.5 MB", "1,5 Mo" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, language: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    // "12 bytes", "12 octets"; then "1.5 kB", "1,5 ko".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A share of 0–100 as a percentage, e.g. "42%", "42 %" in French. */
export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent' }).format(value / 100);
}

/** A duration such as "1 h 05 min" or "3 min 20 s", in the language's units. */
export function formatDuration(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  if (hours > 0) {
    return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
  }
  if (minutes > 0) {
    return `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
  }
  return unit(rest, 'second');
}

/** A scaled score (−1…1) as a percentage, e.g. "80 %". */
export function formatScore(scaled: number | null | undefined, language: Language): string | null {
  if (scaled === null || scaled === undefined || Number.isNaN(scaled)) {
    return null;
  }
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(scaled);
}
