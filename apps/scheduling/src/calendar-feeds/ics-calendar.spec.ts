import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { buildIcsCalendar, uidOf } from './ics-calendar';

function state(overrides: Partial<AgendaItemStateV1>): AgendaItemStateV1 {
  return {
    itemId: randomUUID(),
    programId: randomUUID(),
    kind: 'resource-meeting',
    title: 'Meeting',
    status: 'confirmed',
    startsAt: '2027-03-15T14:00:00.000Z',
    endsAt: '2027-03-15T15:30:00.000Z',
    timeZone: 'America/Chicago',
    venue: { venueId: randomUUID(), name: 'Police HQ', address: { line1: '1125 Locust St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' }, capacity: null },
    resource: { resourceId: randomUUID(), name: 'KCPD' },
    attendees: { wholeDelegation: true, participantIds: [], interpreterIds: [] },
    notes: null,
    travelBufferMinutes: 30,
    outsideProgramDates: false,
    cancellationReason: null,
    version: 3,
    ...overrides,
  };
}

describe('buildIcsCalendar (parsed back by ical.js)', () => {
  it('writes local times with TZID, a VTIMEZONE, the UID, SEQUENCE and status, and ical.js reads back the same instants', () => {
    const meeting = state({});
    const cancelled = state({ title: 'Ride-along', status: 'cancelled', cancellationReason: 'Storm', startsAt: '2027-03-12T15:00:00.000Z', endsAt: '2027-03-12T17:00:00.000Z', version: 5 });
    const text = buildIcsCalendar('Delegation', [
      { state: meeting, resourceContact: { name: 'Sgt. Reyes', role: null, email: 'reyes@kcpd.example', phone: null }, lastModified: new Date('2027-01-01T00:00:00Z') },
      { state: cancelled, resourceContact: null, lastModified: new Date('2027-01-02T00:00:00Z') },
    ]);
    expect(text).toContain('DTSTART;TZID=America/Chicago:20270315T090000');
    expect(text).toContain('DTSTART;TZID=America/Chicago:20270312T090000');

    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(events.map((e) => [e.uid, e]));

    const first = byUid.get(uidOf(meeting.itemId))!;
    expect(first.startDate.toJSDate().toISOString()).toBe(meeting.startsAt);
    expect(first.endDate.toJSDate().toISOString()).toBe(meeting.endsAt);
    expect(first.sequence).toBe(3);
    expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(first.location).toBe('Police HQ, 1125 Locust St, Kansas City, MO, 64106, US');
    expect(first.description).toContain('Contact: Sgt. Reyes, reyes@kcpd.example');

    const second = byUid.get(uidOf(cancelled.itemId))!;
    // Before the spring-forward change: CST, UTC-6.
    expect(second.startDate.toJSDate().toISOString()).toBe(cancelled.startsAt);
    expect(second.sequence).toBe(5);
    expect(second.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    ICAL.TimezoneService.reset();
  });
});
