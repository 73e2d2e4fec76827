import { AvailabilityPolicy } from './availability.policy';
import type { AvailabilityWindow } from './availability.policy';

const weekdayMornings: AvailabilityWindow[] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }];
const police = { timeZone: 'America/Chicago', availability: weekdayMornings };
const at = (iso: string) => new Date(iso);

describe('AvailabilityPolicy', () => {
  it('accepts a weekday morning and refuses the afternoon and the weekend', () => {
    // Tuesday 2027-03-09, CST (UTC-6): 09:00–10:30 local.
    expect(AvailabilityPolicy.check(police, at('2027-03-09T15:00:00Z'), at('2027-03-09T16:30:00Z')).available).toBe(true);
    // 11:30–12:30 local runs past the window.
    expect(AvailabilityPolicy.check(police, at('2027-03-09T17:30:00Z'), at('2027-03-09T18:30:00Z')).available).toBe(false);
    // Saturday 2027-03-13 09:00 local.
    expect(AvailabilityPolicy.check(police, at('2027-03-13T15:00:00Z'), at('2027-03-13T16:00:00Z')).available).toBe(false);
  });

  it('reads the window in the resource zone across the spring-forward change', () => {
    // 13:30Z is 07:30 CST on Friday 12 March (before the window) but 08:30 CDT on Monday 15 March.
    expect(AvailabilityPolicy.check(police, at('2027-03-12T13:30:00Z'), at('2027-03-12T14:30:00Z')).available).toBe(false);
    const monday = AvailabilityPolicy.check(police, at('2027-03-15T13:30:00Z'), at('2027-03-15T14:30:00Z'));
    expect(monday).toEqual({ available: true, localStart: 'Mon 2027-03-15 08:30 -05:00', localEnd: 'Mon 2027-03-15 09:30 -05:00' });
  });

  it('reads the window in the resource zone across the fall-back change', () => {
    // Friday 5 Nov 2027 (CDT) 08:00 local = 13:00Z; Monday 8 Nov (CST) 13:00Z = 07:00 local.
    expect(AvailabilityPolicy.check(police, at('2027-11-05T13:00:00Z'), at('2027-11-05T14:00:00Z')).available).toBe(true);
    expect(AvailabilityPolicy.check(police, at('2027-11-08T13:00:00Z'), at('2027-11-08T14:00:00Z')).available).toBe(false);
    expect(AvailabilityPolicy.check(police, at('2027-11-08T14:00:00Z'), at('2027-11-08T15:00:00Z')).available).toBe(true);
  });

  it('uses the resource zone, not the caller\'s: the same instant is morning in Chicago and afternoon in Berlin', () => {
    const berlin = { timeZone: 'Europe/Berlin', availability: weekdayMornings };
    expect(AvailabilityPolicy.check(police, at('2027-03-09T15:00:00Z'), at('2027-03-09T16:00:00Z')).available).toBe(true);
    expect(AvailabilityPolicy.check(berlin, at('2027-03-09T15:00:00Z'), at('2027-03-09T16:00:00Z')).available).toBe(false);
  });

  it('treats no windows as always available and an item over midnight as outside any day window', () => {
    expect(AvailabilityPolicy.check({ timeZone: 'UTC', availability: [] }, at('2027-03-13T23:00:00Z'), at('2027-03-14T02:00:00Z')).available).toBe(true);
    const allDay = { timeZone: 'UTC', availability: [{ days: ['sat', 'sun'], from: '00:00', to: '24:00' } as AvailabilityWindow] };
    expect(AvailabilityPolicy.check(allDay, at('2027-03-13T23:00:00Z'), at('2027-03-14T00:00:00Z')).available).toBe(true);
    expect(AvailabilityPolicy.check(allDay, at('2027-03-13T23:00:00Z'), at('2027-03-14T01:00:00Z')).available).toBe(false);
  });

  it('reports windows that end before they start', () => {
    expect(AvailabilityPolicy.problems([{ days: ['mon'], from: '12:00', to: '08:00' }, ...weekdayMornings])).toEqual([
      { index: 0, message: 'availability.0.to must be after from' },
    ]);
  });
});
