import type { CommunityEventSnapshotV1 } from '@diplomacy/contracts';
import { CommunityEventItemPolicy } from './community-event-item.policy';
import type { LinkFacts } from './community-event-item.policy';

const event = (overrides: Partial<CommunityEventSnapshotV1> = {}): CommunityEventSnapshotV1 => ({
  eventId: '7d3f1c2a-0b4e-4c55-9a77-2f0e6b1d9c01',
  organisationId: 'kansas-city-council',
  kind: 'potluck',
  title: 'Neighbourhood potluck',
  description: 'Bring a dish from home.',
  coHostOrganisationIds: ['kc-sister-cities'],
  venue: { name: 'Plaza Library', address: '4801 Main St, Kansas City, MO 64112' },
  startsAt: '2027-03-09T23:00:00Z',
  endsAt: '2027-03-10T01:00:00Z',
  timeZone: 'America/Chicago',
  capacity: 24,
  maxPartySize: 4,
  registrationOpensAt: null,
  registrationClosesAt: null,
  visibility: 'public',
  status: 'published',
  programIds: [],
  version: 1,
  ...overrides,
});

const planned = { status: 'planned' };
const linked = (eventVersion: number, status: 'tentative' | 'confirmed' | 'cancelled' = 'confirmed'): LinkFacts => ({ state: 'linked', eventVersion, item: { status } });

describe('CommunityEventItemPolicy.decide', () => {
  it('schedules a newly linked event on a known program, and waits for a program scheduling has not heard of', () => {
    expect(CommunityEventItemPolicy.decide(null, 1, null, planned)).toBe('schedule');
    expect(CommunityEventItemPolicy.decide(null, 1, null, null)).toBe('await-program');
    expect(CommunityEventItemPolicy.decide(null, 1, null, { status: 'cancelled' })).toBe('program-cancelled');
  });

  it('moves the item only when times, zone or venue changed', () => {
    expect(CommunityEventItemPolicy.decide(linked(1), 2, ['startsAt', 'endsAt'], planned)).toBe('move');
    expect(CommunityEventItemPolicy.decide(linked(1), 2, ['venue'], planned)).toBe('move');
    expect(CommunityEventItemPolicy.decide(linked(1), 2, ['timeZone'], planned)).toBe('move');
    expect(CommunityEventItemPolicy.decide(linked(1), 2, ['capacity', 'registrationClosesAt'], planned)).toBe('record');
  });

  it('ignores repeated and older versions', () => {
    expect(CommunityEventItemPolicy.decide(linked(3), 3, ['startsAt'], planned)).toBe('stale');
    expect(CommunityEventItemPolicy.decide(linked(3), 2, ['startsAt'], planned)).toBe('stale');
  });

  it('never revives an item a coordinator cancelled, but schedules a new one when an unlinked program is linked again', () => {
    expect(CommunityEventItemPolicy.decide(linked(1, 'cancelled'), 2, ['startsAt'], planned)).toBe('record');
    expect(CommunityEventItemPolicy.decide({ state: 'unlinked', eventVersion: 2, item: { status: 'cancelled' } }, 3, ['programIds'], planned)).toBe('schedule');
  });

  it('replays the snapshot a link kept while waiting for its program', () => {
    const waiting: LinkFacts = { state: 'program-not-known', eventVersion: 2, item: null };
    expect(CommunityEventItemPolicy.decide(waiting, 2, null, planned)).toBe('schedule');
    expect(CommunityEventItemPolicy.decide(waiting, 1, null, planned)).toBe('stale');
  });
});

describe('CommunityEventItemPolicy mapping', () => {
  it('derives one venue id per place and zone, in UUID form', () => {
    const a = CommunityEventItemPolicy.venueId(event());
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(CommunityEventItemPolicy.venueId(event({ title: 'Another event' }))).toBe(a);
    expect(CommunityEventItemPolicy.venueId(event({ venue: { name: 'Plaza Library', address: '14 W 10th St, Kansas City, MO' } }))).not.toBe(a);
    expect(CommunityEventItemPolicy.venueId(event({ timeZone: 'America/Denver' }))).not.toBe(a);
    // Resources are per organisation: another council at the same hall gets its own venue.
    expect(CommunityEventItemPolicy.venueId(event({ organisationId: 'berlin-lichtenberg' }))).not.toBe(a);
  });

  it('keeps the instants and zone, and carries the free-text address and hosts in the notes', () => {
    const fields = CommunityEventItemPolicy.itemFields(event());
    expect(fields.startsAt.toISOString()).toBe('2027-03-09T23:00:00.000Z');
    expect(fields.endsAt.toISOString()).toBe('2027-03-10T01:00:00.000Z');
    expect(fields.timeZone).toBe('America/Chicago');
    expect(fields.notes).toContain('Venue: Plaza Library, 4801 Main St, Kansas City, MO 64112.');
    expect(fields.notes).toContain('hosted by kansas-city-council, kc-sister-cities');
    expect(CommunityEventItemPolicy.notes(event({ description: 'x'.repeat(5000) })).length).toBe(4000);
  });

  it('books as confirmed and records an unbooked item as tentative, saying which rule and item objected', () => {
    expect(CommunityEventItemPolicy.statusFor(true)).toBe('confirmed');
    expect(CommunityEventItemPolicy.statusFor(false)).toBe('tentative');
    const reason = CommunityEventItemPolicy.reasonUnbooked('Community event "Potluck" linked to the program', {
      rule: 'participant-double-booked',
      message: 'overlap',
      conflictingItemId: '11111111-1111-4111-8111-111111111111',
      participantId: null,
      resourceId: null,
    });
    expect(reason).toContain('participant-double-booked with item 11111111-1111-4111-8111-111111111111');
    expect(CommunityEventItemPolicy.reasonMoved(event(), ['capacity', 'startsAt', 'venue'])).toBe('Community event "Neighbourhood potluck" changed (startsAt, venue)');
    expect(CommunityEventItemPolicy.reasonCancelled('r'.repeat(2000)).length).toBe(1000);
  });
});
