import { randomUUID } from 'node:crypto';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { DayByDayItinerary } from './day-by-day-itinerary';

const VENUE_A = { venueId: randomUUID(), name: 'City Hall', address: null, capacity: null };
const VENUE_B = { venueId: randomUUID(), name: 'Public Library', address: null, capacity: null };

function item(title: string, startsAt: string, endsAt: string, timeZone: string, venue: AgendaItemStateV1['venue'] = null): AgendaItemStateV1 {
  return {
    itemId: randomUUID(),
    programId: randomUUID(),
    kind: 'workshop-panel',
    title,
    status: 'confirmed',
    startsAt,
    endsAt,
    timeZone,
    venue,
    resource: null,
    attendees: { wholeDelegation: true, participantIds: [], interpreterIds: [] },
    notes: null,
    travelBufferMinutes: 30,
    outsideProgramDates: false,
    cancellationReason: null,
    version: 1,
  };
}

const summary = (days: ReturnType<typeof DayByDayItinerary.build>) =>
  days.map((day) => ({ date: day.date, items: day.entries.map((e) => `${e.item.title} ${e.localStartTime}-${e.localEndTime} ${e.utcOffset}`) }));

describe('DayByDayItinerary', () => {
  it('keeps 09:00 at 09:00 across the US spring-forward change (8 → 9 a.m. UTC offset moves)', () => {
    const days = DayByDayItinerary.build([
      item('Saturday briefing', '2027-03-13T15:00:00Z', '2027-03-13T16:00:00Z', 'America/Chicago'),
      item('Sunday briefing', '2027-03-14T14:00:00Z', '2027-03-14T15:00:00Z', 'America/Chicago'),
    ]);
    expect(summary(days)).toEqual([
      { date: '2027-03-13', items: ['Saturday briefing 09:00-10:00 -06:00'] },
      { date: '2027-03-14', items: ['Sunday briefing 09:00-10:00 -05:00'] },
    ]);
  });

  it('shows an item over the skipped hour with its real length', () => {
    // 01:30 CST to 03:30 CDT on 14 March is one hour of real time.
    const [day] = DayByDayItinerary.build([item('Night ride-along', '2027-03-14T07:30:00Z', '2027-03-14T08:30:00Z', 'America/Chicago')]);
    expect(day.entries[0]).toMatchObject({ localStartTime: '01:30', localEndTime: '03:30', utcOffset: '-06:00' });
  });

  it('tells the two 01:30s of the fall-back night apart and keeps them in time order', () => {
    const days = DayByDayItinerary.build([
      item('Second 01:30', '2027-11-07T07:30:00Z', '2027-11-07T07:45:00Z', 'America/Chicago'),
      item('First 01:30', '2027-11-07T06:30:00Z', '2027-11-07T06:45:00Z', 'America/Chicago'),
    ]);
    expect(summary(days)).toEqual([{ date: '2027-11-07', items: ['First 01:30 01:30-01:45 -05:00', 'Second 01:30 01:30-01:45 -06:00'] }]);
  });

  it('puts each leg of a two-zone program on its own local dates, not UTC dates', () => {
    const days = DayByDayItinerary.build([
      item('Washington wrap-up', '2027-03-10T14:00:00Z', '2027-03-10T15:00:00Z', 'America/New_York'),
      item('Flight to Los Angeles', '2027-03-10T18:00:00Z', '2027-03-10T23:30:00Z', 'America/New_York'),
      // 20:00 on the 10th in Los Angeles is 04:00 on the 11th in UTC.
      item('Welcome dinner', '2027-03-11T04:00:00Z', '2027-03-11T05:30:00Z', 'America/Los_Angeles'),
      item('Port of LA site visit', '2027-03-11T16:00:00Z', '2027-03-11T18:00:00Z', 'America/Los_Angeles'),
    ]);
    expect(summary(days)).toEqual([
      { date: '2027-03-10', items: ['Washington wrap-up 09:00-10:00 -05:00', 'Flight to Los Angeles 13:00-18:30 -05:00', 'Welcome dinner 20:00-21:30 -08:00'] },
      { date: '2027-03-11', items: ['Port of LA site visit 08:00-10:00 -08:00'] },
    ]);
    expect(days[0].timeZones).toEqual(['America/New_York', 'America/Los_Angeles']);
  });

  it('reports the time between items at different venues and notes an overnight end', () => {
    const [first, second] = DayByDayItinerary.build([
      item('At city hall', '2027-03-09T15:00:00Z', '2027-03-09T16:00:00Z', 'America/Chicago', VENUE_A),
      item('At the library', '2027-03-09T16:45:00Z', '2027-03-09T17:30:00Z', 'America/Chicago', VENUE_B),
      item('Night bus', '2027-03-10T04:00:00Z', '2027-03-10T08:00:00Z', 'America/Chicago'),
    ]);
    expect(first.entries.map((e) => e.minutesSincePreviousItem)).toEqual([null, 45, null]);
    expect(first.entries[2].localEndDate).toBe('2027-03-10');
    expect(second).toBeUndefined();
  });
});
