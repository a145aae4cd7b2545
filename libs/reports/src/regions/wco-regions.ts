/**
 * The six WCO regions (docs/reports.md), as the WCO groups its Members for regional structures
 * (Vice-Chairs, Regional Offices for Capacity Building). Kept in code: a country's region changes
 * only by a WCO decision, the reports aggregate per country in SQL and fold the countries into regions.
 */
export const WCO_REGIONS = [
  'east-southern-africa',
  'west-central-africa',
  'mena',
  'europe',
  'americas-caribbean',
  'asia-pacific',
] as const;
export type WcoRegion = (typeof WCO_REGIONS)[number];

/** Members of each region, ISO 3166-1 alpha-2 (XK: Kosovo; EU: the European Union, a WCO Member). */
export const WCO_REGION_MEMBERS: Record<WcoRegion, string> = {
  'east-southern-africa': 'AO BW BI KM CD DJ ER SZ ET KE LS MG MW MU MZ NA RW SC SO ZA SS SD TZ UG ZM ZW',
  'west-central-africa': 'BJ BF CV CM CF TD CG CI GQ GA GM GH GN GW LR ML MR NE NG ST SN SL TG',
  mena: 'DZ BH EG IQ JO KW LB LY MA OM PS QA SA SY TN AE YE',
  europe:
    'AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IL IT KZ XK KG LV LT LU MT MD ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TJ TR TM UA GB UZ EU',
  'americas-caribbean':
    'AG AR AW BS BB BZ BM BO BR CA KY CL CO CR CU CW DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SX SR TT US UY VE',
  'asia-pacific':
    'AF AU BD BT BN KH CN FJ HK IN ID IR JP KI KR LA MO MY MV MN MM NR NP NZ PK PG PH WS SG SB LK TH TL TO TV VU VN FM PW MH KP NU CK',
};

/** Country (ISO 3166-1 alpha-2) → WCO region. */
export const COUNTRY_REGION: ReadonlyMap<string, WcoRegion> = new Map(
  WCO_REGIONS.flatMap((region) => WCO_REGION_MEMBERS[region].split(/\s+/).map((country) => [country, region] as const)),
);

/** The region of a country, or null for a country outside the mapping. */
export function regionOf(country: string | null | undefined): WcoRegion | null {
  return (country && COUNTRY_REGION.get(country)) || null;
}
