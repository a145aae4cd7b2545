import { escapeText, foldLine, writeIcs } from './ics-writer';
import { isTimeZone, utcToZoned, zonedToUtc } from './zoned-time';

describe('workshop times', () => {
  it('turns a wall-clock time of an IANA zone into UTC and back', () => {
    expect(zonedToUtc('2027-03-15T09:00', 'Africa/Nairobi')?.toISOString()).toBe('2027-03-15T06:00:00.000Z');
    expect(zonedToUtc('2027-07-01T09:00', 'Europe/Brussels')?.toISOString()).toBe('2027-07-01T07:00:00.000Z');
    expect(zonedToUtc('2027-01-01T09:00', 'Europe/Brussels')?.toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(zonedToUtc('2027-03-15T09:00', 'America/Bogota')?.toISOString()).toBe('2027-03-15T14:00:00.000Z');
    expect(utcToZoned(new Date('2027-03-15T06:00:00Z'), 'Africa/Nairobi')).toBe('2027-03-15T09:00');
  });

  it('refuses unknown zones and impossible dates', () => {
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(zonedToUtc('2027-02-30T09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-03-15 09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-03-15T09:00', 'Nowhere/Else')).toBeNull();
  });
});

describe('the iCalendar writer', () => {
  it('escapes text values', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(escapeText('x\r\nBEGIN:VEVENT')).toBe('x\\nBEGIN:VEVENT');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('writes one event in UTC with CRLF line ends', () => {
    const ics = writeIcs({
      uid: 'w1@clearance',
      title: 'HS workshop; day 1',
      description: 'Bring your tariff\nLink: https://meet.example/x',
      startsAt: new Date('2027-03-15T06:00:00Z'),
      endsAt: new Date('2027-03-15T08:30:00Z'),
      url: 'https://meet.example/x',
      stamp: new Date('2027-01-01T00:00:00Z'),
    });
    expect(ics.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Clearance//Group workshops//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:w1@clearance',
      'DTSTAMP:20270101T000000Z',
      'DTSTART:20270315T060000Z',
      'DTEND:20270315T083000Z',
      'SUMMARY:HS workshop\\; day 1',
      'DESCRIPTION:Bring your tariff\\nLink: https://meet.example/x',
      'URL:https://meet.example/x',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });
});
