/**
 * Whose registrations a caller may see: the Secretariat sees every country, a coordinator the
 * countries of their active appointments. Repository methods take it as a parameter, so the scope
 * is part of every query and cannot be forgotten.
 */
export type CountryScope = { kind: 'all' } | { kind: 'countries'; countries: readonly string[] };

export const ALL_COUNTRIES: CountryScope = { kind: 'all' };

export function countriesScope(countries: readonly string[]): CountryScope {
  return { kind: 'countries', countries };
}
