import {
  formatIsoDuration,
  formatScorm12Timespan,
  MAX_SECONDS,
  parseIsoDuration,
  parseScorm12Timespan,
} from './scorm-time';

describe('SCORM time values', () => {
  it('reads SCORM 2004 durations', () => {
    expect(parseIsoDuration('PT1H2M3.5S')).toBe(3723.5);
    expect(parseIsoDuration('PT0H0M0S')).toBe(0);
    expect(parseIsoDuration('PT45S')).toBe(45);
    expect(parseIsoDuration('P1DT1S')).toBe(86_401);
    expect(parseIsoDuration('P1Y')).toBe(31_536_000);
    expect(parseIsoDuration('PT0.01S')).toBe(0.01);
  });

  it('refuses what is not a duration, and caps absurd ones', () => {
    for (const bad of ['', 'P', 'PT', '1H', 'PT-5S', 'PT1.2.3S', '00:00:10', 12, null, undefined, {}]) {
      expect(parseIsoDuration(bad)).toBeNull();
    }
    expect(parseIsoDuration('PT99999999999999H')).toBe(MAX_SECONDS);
  });

  it('reads SCORM 1.2 timespans', () => {
    expect(parseScorm12Timespan('00:00:10')).toBe(10);
    expect(parseScorm12Timespan('0001:02:03.45')).toBe(3723.45);
    expect(parseScorm12Timespan('9999:59:59.99')).toBe(35_999_999.99);
    for (const bad of ['', '1:2', '00:60:00', '00:00:60', 'PT1S', '00:00:10.123', 7]) {
      expect(parseScorm12Timespan(bad)).toBeNull();
    }
  });

  it('writes totals in each version’s format, readable back', () => {
    expect(formatIsoDuration(0)).toBe('PT0H0M0S');
    expect(formatIsoDuration(3723.5)).toBe('PT1H2M3.50S');
    expect(parseIsoDuration(formatIsoDuration(3723.5))).toBe(3723.5);
    expect(formatScorm12Timespan(0)).toBe('00:00:00');
    expect(formatScorm12Timespan(3723.45)).toBe('01:02:03.45');
    expect(formatScorm12Timespan(360_000)).toBe('100:00:00');
    expect(formatScorm12Timespan(50_000 * 3600)).toBe('9999:59:59.99');
    expect(parseScorm12Timespan(formatScorm12Timespan(1234.56))).toBe(1234.56);
  });
});
