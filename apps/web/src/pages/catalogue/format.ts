import type { Language } from '../../i18n';
import { formatNumber } from '../../i18n/format';

/** The estimated hours as a number, or null when the course has none. */
export function hoursOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const hours = Number(value);
  return Number.isFinite(hours) ? hours : null;
}

export function formatHours(value: number | string | null | undefined, language: Language): string | null {
  const hours = hoursOf(value);
  return hours === null ? null : formatNumber(hours, language);
}

/** The first `max` characters of a description, cut at a word, with an ellipsis when shortened. */
export function shorten(text: string, max = 220): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= max) {
    return plain;
  }
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}
