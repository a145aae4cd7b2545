/** Sessions longer than this (about 3 years) are not believed: the value is capped. */
export const MAX_SECONDS = 100_000_000;

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const SCORM12_TIMESPAN = /^(\d{1,4}):(\d{1,2}):(\d{1,2}(?:\.\d{1,2})?)$/;

function capped(seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return null;
  }
  return Math.min(Math.round(seconds * 100) / 100, MAX_SECONDS);
}

/**
 * Seconds of a SCORM 2004 `timeinterval (second,10,2)` (ISO 8601 duration: `PT1H2M3.5S`), or null
 * when it is not one. Years and months count as 365 and 30 days, as scorm-again does.
 */
export function parseIsoDuration(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 64 || value === 'P' || value.endsWith('T')) {
    return null;
  }
  const match = ISO_DURATION.exec(value);
  if (!match) {
    return null;
  }
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return capped(y * 31_536_000 + mo * 2_592_000 + w * 604_800 + d * 86_400 + h * 3600 + mi * 60 + s);
}

/** Seconds of a SCORM 1.2 `CMITimespan` (`HHHH:MM:SS.SS`), or null when it is not one. */
export function parseScorm12Timespan(value: unknown): number | null {
  if (typeof value !== 'string') {
    return null;
  }
  const match = SCORM12_TIMESPAN.exec(value);
  if (!match) {
    return null;
  }
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (minutes > 59 || seconds >= 60) {
    return null;
  }
  return capped(Number(match[1]) * 3600 + minutes * 60 + seconds);
}

function splitSeconds(total: number): { hours: number; minutes: number; seconds: string } {
  const centis = Math.round(Math.max(0, Math.min(total, MAX_SECONDS)) * 100);
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const rest = centis % 6000;
  const whole = Math.floor(rest / 100);
  const fraction = rest % 100;
  return { hours, minutes, seconds: fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0')}` };
}

/** `PT{h}H{m}M{s}S` (SCORM 2004 `cmi.total_time`). */
export function formatIsoDuration(total: number): string {
  const { hours, minutes, seconds } = splitSeconds(total);
  return `PT${hours}H${minutes}M${seconds}S`;
}

/**
 * `HHHH:MM:SS.SS` (SCORM 1.2 `cmi.core.total_time`); hours take 2 to 4 digits, so totals from
 * 10,000 hours up are written as 9999:59:59.99, the largest value the format holds.
 */
export function formatScorm12Timespan(total: number): string {
  if (total >= 10_000 * 3600) {
    return '9999:59:59.99';
  }
  const { hours, minutes, seconds } = splitSeconds(total);
  const [whole, fraction] = seconds.split('.');
  const pad = (n: number | string): string => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(whole)}${fraction ? `.${fraction}` : ''}`;
}
