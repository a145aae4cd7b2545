import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * The dates the API accepts (docs/api-input.md): from 1970-01-01 to 9999-12-30, which MariaDB's
 * DATE and DATETIME hold whatever the time zone (a day of margin below 10000), and which JavaScript
 * never reads as a two-digit year (`Date.UTC(0, …)` is 1900).
 */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '9999-12-30';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** True for a day that exists (no 31 April, 29 February only in leap years) within the accepted range. */
export function isAcceptedDate(year: number, month: number, day: number): boolean {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    return false;
  }
  const text = at.toISOString().slice(0, 10);
  return text >= EARLIEST_DATE && text <= LATEST_DATE;
}

/** "YYYY-MM-DD", a real day within the accepted range. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  return match !== null && isAcceptedDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** "YYYY-MM-DDTHH:mm" (a wall-clock time), a real day within the accepted range and a real time. */
export function isLocalDateTime(value: unknown): value is string {
  const match = typeof value === 'string' ? LOCAL_DATE_TIME.exec(value) : null;
  return (
    match !== null &&
    isAcceptedDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) <= 23 &&
    Number(match[5]) <= 59
  );
}

function dateDecorator(
  name: string,
  test: (value: unknown) => boolean,
  shape: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be a date ${shape} from ${EARLIEST_DATE} to ${LATEST_DATE}`,
        ...options,
      },
      validator: { validate: test },
    });
}

/** A day "YYYY-MM-DD" from {@link EARLIEST_DATE} to {@link LATEST_DATE}. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  dateDecorator('isCalendarDate', isCalendarDate, 'YYYY-MM-DD', options);

/** A wall-clock time "YYYY-MM-DDTHH:mm" on a day from {@link EARLIEST_DATE} to {@link LATEST_DATE}. */
export const IsLocalDateTime = (options?: ValidationOptions): PropertyDecorator =>
  dateDecorator('isLocalDateTime', isLocalDateTime, 'and time YYYY-MM-DDTHH:mm', options);
