import { randomUUID } from 'node:crypto';
import { EventCatalog } from '../event-catalog';
import type { EventDefinition } from '../event-definition';
import { Topics } from '../topics';
import { CommunityEventCancelled, CommunityEventPublished, CommunityEventUpdated } from './community-event-events';
import type { CommunityEventSnapshotV1 } from './community-event-events';
import { COMMUNITY_EVENTS_EVENTS } from './community-events.events';
import { RegistrationCheckedIn, RegistrationConfirmed, RegistrationPromoted } from './registration-events';
import { SlotReleased } from './slot-events';

const catalog = new EventCatalog();
const eventId = randomUUID();
const programId = randomUUID();

function envelope<T>(definition: EventDefinition<T>, payload: T) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: 'community-events',
    key: eventId,
    organisationId: 'kansas-city-council',
    correlationId: 'c-1',
    causationId: null,
    payload,
  };
}

const snapshot = (): CommunityEventSnapshotV1 => ({
  eventId,
  organisationId: 'kansas-city-council',
  kind: 'potluck',
  title: 'Neighbourhood potluck with the delegation',
  description: null,
  coHostOrganisationIds: ['westside-library'],
  venue: { name: 'Westside library', address: '1 Main St' },
  startsAt: '2027-03-09T23:00:00.000Z',
  endsAt: '2027-03-10T01:00:00.000Z',
  timeZone: 'America/Chicago',
  capacity: 50,
  maxPartySize: 4,
  registrationOpensAt: null,
  registrationClosesAt: null,
  visibility: 'public',
  status: 'published',
  programIds: [programId],
  version: 2,
});

describe('community-events contracts', () => {
  it('puts every community-events event on the community-events topic, each type once', () => {
    expect(COMMUNITY_EVENTS_EVENTS.every((d) => d.topic === Topics.communityEvents)).toBe(true);
    expect(new Set(COMMUNITY_EVENTS_EVENTS.map((d) => d.type)).size).toBe(COMMUNITY_EVENTS_EVENTS.length);
    for (const definition of COMMUNITY_EVENTS_EVENTS) expect(catalog.find(definition.type, definition.version)).toBe(definition);
  });

  it('accepts an event.published snapshot carrying the linked programs', () => {
    expect(catalog.validate(envelope(CommunityEventPublished, snapshot())).ok).toBe(true);
  });

  it('refuses an event.updated without its changed fields, naming the field', () => {
    const result = catalog.validate(envelope(CommunityEventUpdated, { ...snapshot(), changedFields: [], unlinkedProgramIds: [] }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid-payload' });
    if (!result.ok) expect(result.detail).toContain('/changedFields');
  });

  it('accepts one event.cancelled for the whole event', () => {
    const payload = { eventId, organisationId: 'kansas-city-council', title: 'Potluck', startsAt: '2027-03-09T23:00:00.000Z', timeZone: 'America/Chicago', programIds: [programId], reason: 'storm', activeRegistrations: 12, version: 3 };
    expect(catalog.validate(envelope(CommunityEventCancelled, payload)).ok).toBe(true);
  });

  it('keeps accessibility needs off the wire: a registrant with them is refused', () => {
    const registrant = { name: 'Ana', email: 'ana@example.org', phone: null, preferredLanguage: 'es-MX', accessibilityNeeds: 'wheelchair' };
    const result = catalog.validate(
      envelope(RegistrationConfirmed, { eventId, registrationId: randomUUID(), partySize: 2, confirmedBy: 'registered', registrant } as never),
    );
    expect(result).toMatchObject({ ok: false, reason: 'invalid-payload' });
    if (!result.ok) expect(result.detail).toContain('additional properties');
  });

  it('requires a claim deadline field on promotions and a party size on check-ins', () => {
    const promoted = { eventId, registrationId: randomUUID(), partySize: 3, status: 'offered', claimDeadline: '2027-03-01T12:00:00.000Z', trigger: 'cancellation' };
    expect(catalog.validate(envelope(RegistrationPromoted, promoted as never)).ok).toBe(true);
    const { partySize: _partySize, ...withoutParty } = { eventId, registrationId: randomUUID(), partySize: 3, programIds: [programId], checkedInAt: new Date().toISOString(), method: 'token' };
    expect(catalog.validate(envelope(RegistrationCheckedIn, withoutParty as never))).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });

  it('refuses a slot release without its reason', () => {
    const payload = { eventId, slotId: randomUUID(), label: 'main dish', registrationId: randomUUID(), quantity: 1, claimed: 0, capacity: 10 };
    expect(catalog.validate(envelope(SlotReleased, payload as never))).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(catalog.validate(envelope(SlotReleased, { ...payload, reason: 'registrant' })).ok).toBe(true);
  });
});
