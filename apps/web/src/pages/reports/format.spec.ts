import { describe, expect, it } from '@jest/globals';
import { formatDay, formatDuration, formatMonth, formatShare, orDash } from './format';

describe('reports formats', () => {
  it('names UTC months and days in the interface language', () => {
    expect(formatMonth('2021-03', 'en')).toBe('Mar 2021');
    expect(formatMonth('2021-12', 'es')).toMatch(/^dic 2021$/);
    expect(formatMonth('not a month', 'en')).toBe('not a month');
    expect(formatDay('2021-03-01', 'en')).toBe('Mar 1, 2021');
    expect(formatDay('2021-03-01', 'fr')).toBe('1 mars 2021');
  });

  it('shows shares as percentages and none as a dash', () => {
    expect(formatShare(0.5, 'en')).toBe('50%');
    expect(formatShare(2 / 3, 'en')).toBe('66.7%');
    expect(formatShare(0.65, 'fr').replace(/\s/g, ' ')).toBe('65 %');
    expect(formatShare(null, 'en')).toBe('–');
    expect(formatShare(0, 'en')).toBe('0%');
  });

  it('shows time in whole minutes, in hours past ten hours', () => {
    expect(formatDuration(950, 'en')).toBe('16 min');
    expect(formatDuration(29, 'en')).toBe('0 min');
    expect(formatDuration(12 * 3600 + 1800, 'en')).toBe('12.5 hr');
    expect(formatDuration(null, 'en')).toBe('–');
    expect(orDash('')).toBe('–');
    expect(orDash('x')).toBe('x');
  });
});
