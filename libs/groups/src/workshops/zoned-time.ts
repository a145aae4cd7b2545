import { isAcceptedDate } from '@app/common';

/** True for a time zone name this runtime knows (IANA, e.g. "Africa/Nairobi"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length <= 64 && zone !== '';
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Offset of `zone` from UTC at instant `at`, in milliseconds. */
function offsetAt(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `zone` shows `local` ("2027-03-15T09:00"). In a gap (the
 * clock jumps forward) the time after the jump is used; in an overlap, the first of the two.
 */
export function zonedToUtc(local: string, zone: string): Date | null {
  const match = LOCAL.exec(local);
  if (!match || !isTimeZone(zone)) {
    return null;
  }
  const [, y, mo, d, h, mi, s] = match.map(Number);
  // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999. Days outside the accepted range are refused.
  if (!isAcceptedDate(y, mo, d) || h > 23 || mi > 59) {
    return null;
  }
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  check.setUTCHours(h, mi, Number.isNaN(s) ? 0 : s, 0);
  const wall = check.getTime();
  // Two passes settle the offset (it can differ between the wall time read as UTC and the answer).
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return new Date(guess);
}

/** The wall-clock time of `at` in `zone`, as "YYYY-MM-DDTHH:mm". */
export function utcToZoned(at: Date, zone: string): string {
  const shifted = new Date(at.getTime() + offsetAt(at.getTime(), zone));
  return shifted.toISOString().slice(0, 16);
}
