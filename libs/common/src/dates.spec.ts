import { isCalendarDate, isLocalDateTime } from './dates';

describe('accepted dates', () => {
  it.each(['1970-01-01', '2026-02-28', '2028-02-29', '9999-12-30'])('accepts the day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '0000-01-01',
    '0099-06-01',
    '1969-12-31',
    '9999-12-31',
    '2026-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-1-1',
  ])('refuses the day %s', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('checks wall-clock times the same way, and their hours and minutes', () => {
    expect(isLocalDateTime('2027-03-15T09:00')).toBe(true);
    expect(isLocalDateTime('0000-01-01T00:00')).toBe(false);
    expect(isLocalDateTime('2027-03-15T24:00')).toBe(false);
    expect(isLocalDateTime('2027-03-15T09:60')).toBe(false);
    expect(isLocalDateTime(20270315)).toBe(false);
  });
});
