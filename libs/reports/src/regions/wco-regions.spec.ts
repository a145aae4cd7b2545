import { COUNTRY_REGION, regionOf, WCO_REGION_MEMBERS, WCO_REGIONS } from './wco-regions';

describe('WCO regions', () => {
  it('has the six regions, each with members', () => {
    expect(WCO_REGIONS).toHaveLength(6);
    for (const region of WCO_REGIONS) {
      expect([...COUNTRY_REGION.values()].filter((r) => r === region).length).toBeGreaterThan(10);
    }
  });

  it('places each country in exactly one region, as ISO alpha-2 codes', () => {
    const all = WCO_REGIONS.flatMap((region) => WCO_REGION_MEMBERS[region].split(/\s+/));
    expect(new Set(all).size).toBe(all.length);
    expect(COUNTRY_REGION.size).toBe(all.length);
    for (const code of all) {
      expect(code).toMatch(/^[A-Z]{2}$/);
    }
  });

  it.each([
    ['KE', 'east-southern-africa'],
    ['ZA', 'east-southern-africa'],
    ['NG', 'west-central-africa'],
    ['CM', 'west-central-africa'],
    ['MA', 'mena'],
    ['SA', 'mena'],
    ['FR', 'europe'],
    ['TR', 'europe'],
    ['BR', 'americas-caribbean'],
    ['US', 'americas-caribbean'],
    ['JP', 'asia-pacific'],
    ['AU', 'asia-pacific'],
  ])('%s is in %s', (country, region) => {
    expect(regionOf(country)).toBe(region);
  });

  it('answers null for a country outside the mapping and for none', () => {
    expect(regionOf('ZZ')).toBeNull();
    expect(regionOf(null)).toBeNull();
  });
});
