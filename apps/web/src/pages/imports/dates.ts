/** Today as YYYY-MM-DD in UTC, as the api compares licence dates. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date as people of `language` write it, without shifting it by the time zone. */
export function formatDay(value: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) {
    return value;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
