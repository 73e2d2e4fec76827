import { isIanaTimeZone, isInstant } from './time-zone';

describe('isIanaTimeZone', () => {
  it.each(['America/Chicago', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '+05:00', 'CST', '', 'America/', 42, null])('refuses %p', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('isInstant', () => {
  it.each(['2027-03-14T14:00:00Z', '2027-03-14T09:00:00-05:00', '2027-03-14T09:00Z', '2027-03-14T09:00:00.250+01:00'])('accepts %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each(['2027-03-14T09:00:00', '2027-03-14', '2027-02-30T10:00:00Z', '2027-13-01T10:00:00Z', 'tomorrow', 1700000000])('refuses %p', (value) => {
    expect(isInstant(value)).toBe(false);
  });
});
