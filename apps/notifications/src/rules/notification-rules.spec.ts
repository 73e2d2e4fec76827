import { randomUUID } from 'node:crypto';
import {
  AgendaItemAttendeesChanged,
  AgendaItemCancelled,
  AgendaItemRescheduled,
  AgendaItemScheduled,
  CommunityEventCancelled,
  CommunityEventUpdated,
  ProgramStatusChanged,
  RegistrationCancelled,
  RegistrationPromoted,
} from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, EventEnvelope, ScheduleChangeV1 } from '@diplomacy/contracts';
import { NOTIFICATION_RULES, NotificationRulebook, startsWithin } from './notification-rules';
import type { PlannedMessage, RuleFacts } from './notification-rules';

const programId = randomUUID();
const [amina, jorge, interpreter, newcomer] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const NOW = '2027-03-08T12:00:00.000Z';

const facts: RuleFacts = {
  program: async () => ({ title: 'Digital government', startDate: '2027-03-20', organisationId: 'kc-council' }),
  communityEvent: async () => ({ title: 'Community potluck', startsAt: '2027-03-10T23:00:00.000Z', timeZone: 'America/Chicago', place: 'Library' }),
};

function envelope<P>(definition: EventDefinition<P>, payload: P, occurredAt = NOW): EventEnvelope {
  return { id: randomUUID(), type: definition.type, version: 1, occurredAt, producer: 'x', key: programId, organisationId: 'kc-council', correlationId: 'c', causationId: null, payload };
}

function item(overrides: Partial<AgendaItemStateV1> = {}): AgendaItemStateV1 {
  return {
    itemId: randomUUID(),
    programId,
    kind: 'resource-meeting',
    title: 'Meeting with the election board',
    status: 'confirmed',
    startsAt: '2027-03-10T19:00:00.000Z',
    endsAt: '2027-03-10T20:00:00.000Z',
    timeZone: 'America/Chicago',
    venue: null,
    resource: { resourceId: randomUUID(), name: 'Election Board' },
    attendees: { wholeDelegation: false, participantIds: [amina, jorge], interpreterIds: [interpreter] },
    notes: null,
    travelBufferMinutes: 30,
    outsideProgramDates: false,
    cancellationReason: null,
    version: 1,
    ...overrides,
  };
}

function change(before: AgendaItemStateV1 | null, after: AgendaItemStateV1): ScheduleChangeV1 {
  return {
    programId,
    itemId: after.itemId,
    version: after.version,
    cause: 'coordinator',
    reason: null,
    before,
    after,
    affectedParticipantIds: [...new Set([...(before?.attendees.participantIds ?? []), ...after.attendees.participantIds])],
    resourceContact: { name: 'Pat Lee', role: 'Clerk', email: 'pat@election.example', phone: null },
  };
}

const book = new NotificationRulebook();
const ruleMessages = (messages: PlannedMessage[]) => messages.filter((m) => m.to.kind !== 'webhook-subscribers');
const selectors = (messages: PlannedMessage[]) => ruleMessages(messages).map((m) => m.to);

describe('notification rules', () => {
  it('tells the attendees, the interpreter, the resource contact and the coordinators of a reschedule, spelled out from before to after', async () => {
    const before = item();
    const after = { ...before, startsAt: '2027-03-10T20:00:00.000Z', endsAt: '2027-03-10T21:00:00.000Z', version: 2 };
    const messages = await book.plan(envelope(AgendaItemRescheduled, change(before, after)), facts);
    expect(selectors(messages)).toEqual([
      { kind: 'participants', programId, participantIds: [amina, jorge, interpreter] },
      { kind: 'contact', contact: expect.objectContaining({ email: 'pat@election.example' }), timeZone: 'America/Chicago' },
      { kind: 'coordinators', programId },
    ]);
    expect(ruleMessages(messages)[0]).toMatchObject({
      template: 'agenda-item.rescheduled',
      category: 'schedule',
      critical: false,
      digestKey: programId,
      variables: { previousStartsAt: before.startsAt, startsAt: after.startsAt, withWhom: 'Election Board' },
    });
  });

  it('tells a removed attendee that they are no longer expected, and only them', async () => {
    const before = item();
    const after = { ...before, attendees: { ...before.attendees, participantIds: [amina, newcomer] }, version: 2 };
    const messages = ruleMessages(await book.plan(envelope(AgendaItemAttendeesChanged, change(before, after)), facts));
    expect(messages.map((m) => [m.template, m.to])).toEqual([
      ['agenda-item.attendee-removed', { kind: 'participants', programId, participantIds: [jorge] }],
      ['agenda-item.attendee-added', { kind: 'participants', programId, participantIds: [newcomer] }],
    ]);
  });

  it('makes a cancellation within 24 hours critical, and one next week not', async () => {
    const soon = item({ startsAt: '2027-03-09T10:00:00.000Z', status: 'cancelled', cancellationReason: 'Speaker ill' });
    const later = item({ startsAt: '2027-03-15T10:00:00.000Z', status: 'cancelled' });
    const [urgent] = ruleMessages(await book.plan(envelope(AgendaItemCancelled, change(item(), soon)), facts));
    const [relaxed] = ruleMessages(await book.plan(envelope(AgendaItemCancelled, change(item(), later)), facts));
    expect(urgent).toMatchObject({ template: 'agenda-item.cancelled', critical: true, variables: { reason: 'Speaker ill' } });
    expect(relaxed.critical).toBe(false);
  });

  it('does not announce a tentative item', async () => {
    expect(ruleMessages(await book.plan(envelope(AgendaItemScheduled, change(null, item({ status: 'tentative' }))), facts))).toEqual([]);
    expect(ruleMessages(await book.plan(envelope(AgendaItemScheduled, change(null, item())), facts))).toHaveLength(2);
  });

  it('tells every registrant of a cancelled community event, critically when it was about to start', async () => {
    const cancelled = { eventId: randomUUID(), organisationId: 'kc', title: 'Potluck', startsAt: '2027-03-08T20:00:00.000Z', timeZone: 'America/Chicago', programIds: [], reason: 'Storm', activeRegistrations: 3, version: 2 };
    const [message] = ruleMessages(await book.plan(envelope(CommunityEventCancelled, cancelled), facts));
    expect(message).toMatchObject({ to: { kind: 'event-registrants', eventId: cancelled.eventId }, template: 'event.cancelled', critical: true });
  });

  it('tells registrants of a moved community event but not of a resized one', async () => {
    const base = {
      eventId: randomUUID(), organisationId: 'kc', kind: 'potluck' as const, title: 'Potluck', description: null, coHostOrganisationIds: [], venue: { name: 'Hall', address: '1 Main St' },
      startsAt: '2027-03-20T20:00:00.000Z', endsAt: '2027-03-20T22:00:00.000Z', timeZone: 'America/Chicago', capacity: 50, maxPartySize: 4, registrationOpensAt: null,
      registrationClosesAt: null, visibility: 'public' as const, status: 'published' as const, programIds: [], version: 3, unlinkedProgramIds: [],
    };
    expect(ruleMessages(await book.plan(envelope(CommunityEventUpdated, { ...base, changedFields: ['startsAt'] }), facts))).toHaveLength(1);
    expect(ruleMessages(await book.plan(envelope(CommunityEventUpdated, { ...base, changedFields: ['capacity'] }), facts))).toHaveLength(0);
  });

  it('tells a promoted registrant the claim deadline, as a critical message', async () => {
    const registrationId = randomUUID();
    const [message] = ruleMessages(
      await book.plan(envelope(RegistrationPromoted, { eventId: randomUUID(), registrationId, partySize: 2, status: 'offered', claimDeadline: '2027-03-09T18:00:00.000Z', trigger: 'cancellation' }), facts),
    );
    expect(message).toMatchObject({ to: { kind: 'registration', registrationId }, template: 'registration.promoted', critical: true, variables: { deadline: '2027-03-09T18:00:00.000Z', title: 'Community potluck' } });
  });

  it('tells a registrant whose offer lapsed, but not one who cancelled themselves', async () => {
    const payload = { eventId: randomUUID(), registrationId: randomUUID(), partySize: 2, previousStatus: 'offered' as const };
    expect(ruleMessages(await book.plan(envelope(RegistrationCancelled, { ...payload, reason: 'claim-expired' }), facts))).toHaveLength(1);
    expect(ruleMessages(await book.plan(envelope(RegistrationCancelled, { ...payload, reason: 'registrant' }), facts))).toHaveLength(0);
  });

  it('tells the delegation of a confirmed program, and the delegation and coordinators of a cancelled one', async () => {
    const confirmed = ruleMessages(await book.plan(envelope(ProgramStatusChanged, { programId, from: 'planned', to: 'confirmed', reason: null, version: 3 }), facts));
    expect(confirmed.map((m) => m.to)).toEqual([{ kind: 'delegation', programId }]);
    expect(confirmed[0].variables).toMatchObject({ programTitle: 'Digital government', startDate: '2027-03-20' });
    const cancelled = ruleMessages(await book.plan(envelope(ProgramStatusChanged, { programId, from: 'confirmed', to: 'cancelled', reason: 'Visa', version: 4 }), facts));
    expect(cancelled.map((m) => m.to.kind)).toEqual(['delegation', 'coordinators']);
    expect(ruleMessages(await book.plan(envelope(ProgramStatusChanged, { programId, from: 'draft', to: 'planned', reason: null, version: 2 }), facts))).toEqual([]);
  });

  it('sends every event, with or without a rule, to matching webhook subscribers', async () => {
    const messages = await book.plan(envelope(ProgramStatusChanged, { programId, from: 'draft', to: 'planned', reason: null, version: 2 }), facts);
    expect(messages).toEqual([expect.objectContaining({ to: { kind: 'webhook-subscribers', eventType: 'program.status-changed', organisationId: 'kc-council' }, template: 'webhook.event' })]);
  });

  it('refuses two rules for one event type', () => {
    expect(() => new NotificationRulebook([NOTIFICATION_RULES[0], NOTIFICATION_RULES[0]])).toThrow(/Two notification rules/);
    expect(new Set(book.handledTypes()).size).toBe(NOTIFICATION_RULES.length);
  });

  it('counts "within 24 hours" from the event, not the past', () => {
    expect(startsWithin('2027-03-09T11:59:00.000Z', NOW)).toBe(true);
    expect(startsWithin('2027-03-09T12:01:00.000Z', NOW)).toBe(false);
    expect(startsWithin('2027-03-08T11:00:00.000Z', NOW)).toBe(false);
    expect(startsWithin(null, NOW)).toBe(false);
  });
});
