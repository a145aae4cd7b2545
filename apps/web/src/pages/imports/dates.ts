/** Today as YYYY-MM-DD in UTC, as the api compares licence dates. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
