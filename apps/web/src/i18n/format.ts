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
