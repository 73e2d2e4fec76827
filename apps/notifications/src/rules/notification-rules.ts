import {
  AgendaItemAttendeesChanged,
  AgendaItemCancelled,
  AgendaItemConfirmed,
  AgendaItemRescheduled,
  AgendaItemScheduled,
  CommunityEventCancelled,
  CommunityEventUpdated,
  ProgramStatusChanged,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationWaitlisted,
} from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, EventEnvelope, RegistrantContactV1, ScheduleChangeV1, ScheduleContactV1 } from '@diplomacy/contracts';
import type { NotificationCategory } from '../recipients/recipient';
import type { MessageVariables, TemplateId } from '../templates/message-templates';

/**
 * THE place that says who hears about what. Each rule maps one event type to
 * messages: who receives them (a selector the projections resolve), which
 * template, which category people may opt out of, whether it is critical
 * (goes out regardless of opt-outs and digests), and what it may be merged with.
 *
 * To notify on a new event type: add one `rule(...)` line below and, if it needs
 * new wording, a template in templates/message-templates.ts. Every event also
 * goes to the webhook subscribers that asked for its type (see `webhookFanOut`).
 */

/** Who a message is for, in terms of what the projections know. */
export type RecipientSelector =
  | { kind: 'participants'; programId: string; participantIds: string[] }
  | { kind: 'delegation'; programId: string }
  | { kind: 'coordinators'; programId: string }
  | { kind: 'contact'; contact: ScheduleContactV1; timeZone: string }
  | { kind: 'registration'; registrationId: string; contact: RegistrantContactV1 | null }
  | { kind: 'event-registrants'; eventId: string }
  | { kind: 'webhook-subscribers'; eventType: string; organisationId: string | null };

export interface PlannedMessage {
  to: RecipientSelector;
  template: TemplateId;
  category: NotificationCategory;
  critical: boolean;
  /** Non-critical messages with the same key to one recipient may be merged into a digest (the program id). */
  digestKey: string | null;
  variables: MessageVariables;
}

/** Read-only facts from this service's projections that some rules need. */
export interface RuleFacts {
  program(programId: string): Promise<{ title: string; startDate: string; organisationId: string } | null>;
  communityEvent(eventId: string): Promise<{ title: string; startsAt: string; timeZone: string; place: string | null } | null>;
}

export interface NotificationRule<P = unknown> {
  definition: EventDefinition<P>;
  plan(event: EventEnvelope<P>, facts: RuleFacts): PlannedMessage[] | Promise<PlannedMessage[]>;
}

function rule<P>(definition: EventDefinition<P>, plan: NotificationRule<P>['plan']): NotificationRule {
  return { definition, plan } as NotificationRule;
}

/** How close to its start a cancellation or move must be to override opt-outs and digests. */
export const CRITICAL_WINDOW_MS = 24 * 3600 * 1000;

export function startsWithin(startsAt: string | null | undefined, from: string, windowMs = CRITICAL_WINDOW_MS): boolean {
  if (!startsAt) return false;
  const lead = Date.parse(startsAt) - Date.parse(from);
  return lead >= 0 && lead <= windowMs;
}

const placeOf = (state: AgendaItemStateV1): string | null => {
  if (!state.venue) return null;
  const address = state.venue.address;
  return address ? [state.venue.name, address.line1, address.city].filter(Boolean).join(', ') : state.venue.name;
};

const itemVariables = (state: AgendaItemStateV1, before: AgendaItemStateV1 | null = null): MessageVariables => ({
  title: state.title,
  withWhom: state.resource?.name ?? null,
  startsAt: state.startsAt,
  timeZone: state.timeZone,
  place: placeOf(state),
  reason: state.cancellationReason,
  previousStartsAt: before?.startsAt ?? null,
  previousTimeZone: before?.timeZone ?? null,
  previousPlace: before ? placeOf(before) : null,
});

const attendeesOf = (state: AgendaItemStateV1 | null): string[] => (state ? [...state.attendees.participantIds, ...state.attendees.interpreterIds] : []);

/** The people an agenda item change concerns: attendees before and after, interpreters included. */
function concerned(change: ScheduleChangeV1): string[] {
  return [...new Set([...change.affectedParticipantIds, ...attendeesOf(change.before), ...attendeesOf(change.after)])];
}

function scheduleMessages(
  change: ScheduleChangeV1,
  template: TemplateId,
  options: { people: string[]; resourceContact: boolean; coordinators: boolean; critical: boolean },
): PlannedMessage[] {
  const base = { template, category: 'schedule' as const, critical: options.critical, digestKey: change.programId, variables: itemVariables(change.after, change.before) };
  const messages: PlannedMessage[] = [];
  if (options.people.length > 0) messages.push({ ...base, to: { kind: 'participants', programId: change.programId, participantIds: options.people } });
  if (options.resourceContact && change.resourceContact) messages.push({ ...base, to: { kind: 'contact', contact: change.resourceContact, timeZone: change.after.timeZone } });
  if (options.coordinators) messages.push({ ...base, to: { kind: 'coordinators', programId: change.programId } });
  return messages;
}

const REGISTRANTS_TOLD_OF_CHANGES = ['startsAt', 'endsAt', 'venue', 'timeZone'];

async function registrationVariables(facts: RuleFacts, eventId: string, extra: MessageVariables): Promise<MessageVariables> {
  const event = await facts.communityEvent(eventId);
  return { title: event?.title ?? '—', startsAt: event?.startsAt ?? null, timeZone: event?.timeZone ?? null, place: event?.place ?? null, ...extra };
}

export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  // Itinerary. Tentative items are not announced: people hear of them when they are confirmed.
  rule(AgendaItemScheduled, ({ payload: c }) =>
    c.after.status === 'confirmed' ? scheduleMessages(c, 'agenda-item.scheduled', { people: attendeesOf(c.after), resourceContact: true, coordinators: false, critical: false }) : [],
  ),
  rule(AgendaItemRescheduled, ({ payload: c, occurredAt }) =>
    scheduleMessages(c, 'agenda-item.rescheduled', {
      people: concerned(c),
      resourceContact: true,
      coordinators: true,
      critical: startsWithin(c.before?.startsAt, occurredAt) || startsWithin(c.after.startsAt, occurredAt),
    }),
  ),
  rule(AgendaItemConfirmed, ({ payload: c }) => scheduleMessages(c, 'agenda-item.confirmed', { people: attendeesOf(c.after), resourceContact: true, coordinators: false, critical: false })),
  rule(AgendaItemCancelled, ({ payload: c, occurredAt }) =>
    scheduleMessages(c, 'agenda-item.cancelled', { people: concerned(c), resourceContact: true, coordinators: true, critical: startsWithin(c.after.startsAt, occurredAt) }),
  ),
  rule(AgendaItemAttendeesChanged, ({ payload: c }) => {
    const before = new Set(attendeesOf(c.before));
    const after = new Set(attendeesOf(c.after));
    return [
      ...scheduleMessages(c, 'agenda-item.attendee-removed', { people: [...before].filter((id) => !after.has(id)), resourceContact: false, coordinators: false, critical: false }),
      ...scheduleMessages(c, 'agenda-item.attendee-added', { people: [...after].filter((id) => !before.has(id)), resourceContact: false, coordinators: false, critical: false }),
    ];
  }),

  // Programs.
  rule(ProgramStatusChanged, async ({ payload: p, occurredAt }, facts) => {
    if (p.to !== 'confirmed' && p.to !== 'cancelled') return [];
    const program = await facts.program(p.programId);
    const variables = { programTitle: program?.title ?? null, startDate: program?.startDate ?? null, reason: p.reason };
    if (p.to === 'confirmed') {
      return [{ to: { kind: 'delegation', programId: p.programId }, template: 'program.confirmed', category: 'program', critical: false, digestKey: null, variables }];
    }
    const critical = program ? Date.parse(`${program.startDate}T00:00:00Z`) - Date.parse(occurredAt) <= CRITICAL_WINDOW_MS : true;
    return (['delegation', 'coordinators'] as const).map((kind) => ({
      to: { kind, programId: p.programId },
      template: 'program.cancelled' as const,
      category: 'program' as const,
      critical,
      digestKey: null,
      variables,
    }));
  }),

  // Community events and registrations.
  rule(CommunityEventUpdated, ({ payload: e, occurredAt }) =>
    e.changedFields.some((field) => REGISTRANTS_TOLD_OF_CHANGES.includes(field))
      ? [
          {
            to: { kind: 'event-registrants', eventId: e.eventId },
            template: 'event.updated',
            category: 'community-event',
            critical: startsWithin(e.startsAt, occurredAt),
            digestKey: null,
            variables: { title: e.title, startsAt: e.startsAt, timeZone: e.timeZone, place: `${e.venue.name}, ${e.venue.address}` },
          },
        ]
      : [],
  ),
  rule(CommunityEventCancelled, ({ payload: e, occurredAt }) => [
    {
      to: { kind: 'event-registrants', eventId: e.eventId },
      template: 'event.cancelled',
      category: 'community-event',
      critical: startsWithin(e.startsAt, occurredAt),
      digestKey: null,
      variables: { title: e.title, startsAt: e.startsAt, timeZone: e.timeZone, reason: e.reason },
    },
  ]),
  rule(RegistrationConfirmed, async ({ payload: r }, facts) => [
    {
      to: { kind: 'registration', registrationId: r.registrationId, contact: r.registrant },
      template: 'registration.confirmed',
      category: 'registration',
      critical: false,
      digestKey: null,
      variables: await registrationVariables(facts, r.eventId, { partySize: r.partySize }),
    },
  ]),
  rule(RegistrationWaitlisted, async ({ payload: r }, facts) => [
    {
      to: { kind: 'registration', registrationId: r.registrationId, contact: r.registrant },
      template: 'registration.waitlisted',
      category: 'registration',
      critical: false,
      digestKey: null,
      variables: await registrationVariables(facts, r.eventId, { partySize: r.partySize, position: r.waitlistPosition }),
    },
  ]),
  // A claim deadline is a promise that lapses: it is told even to people who opted out.
  rule(RegistrationPromoted, async ({ payload: r }, facts) => [
    {
      to: { kind: 'registration', registrationId: r.registrationId, contact: null },
      template: 'registration.promoted',
      category: 'registration',
      critical: r.claimDeadline !== null,
      digestKey: null,
      variables: await registrationVariables(facts, r.eventId, { partySize: r.partySize, deadline: r.claimDeadline }),
    },
  ]),
  rule(RegistrationCancelled, async ({ payload: r }, facts) =>
    r.reason === 'claim-expired'
      ? [
          {
            to: { kind: 'registration', registrationId: r.registrationId, contact: null },
            template: 'registration.expired',
            category: 'registration',
            critical: false,
            digestKey: null,
            variables: await registrationVariables(facts, r.eventId, {}),
          },
        ]
      : [],
  ),
];

/** Every consumed event also goes, as it is, to the webhook subscribers that asked for its type. */
export function webhookFanOut(event: EventEnvelope): PlannedMessage {
  return {
    to: { kind: 'webhook-subscribers', eventType: event.type, organisationId: event.organisationId },
    template: 'webhook.event',
    category: 'integration',
    critical: false,
    digestKey: null,
    variables: { title: event.type },
  };
}

/** Looks rules up by event type; refuses two rules for one type, which would double every message. */
export class NotificationRulebook {
  private readonly byType = new Map<string, NotificationRule>();

  constructor(rules: readonly NotificationRule[] = NOTIFICATION_RULES) {
    for (const entry of rules) {
      if (this.byType.has(entry.definition.type)) throw new Error(`Two notification rules for ${entry.definition.type}`);
      this.byType.set(entry.definition.type, entry);
    }
  }

  handledTypes(): string[] {
    return [...this.byType.keys()];
  }

  async plan(event: EventEnvelope, facts: RuleFacts): Promise<PlannedMessage[]> {
    const entry = this.byType.get(event.type);
    const messages = entry ? await entry.plan(event, facts) : [];
    return [...messages, webhookFanOut(event)];
  }
}
