import { defineEvent } from '../event-definition';
import type { EventDefinition } from '../event-definition';
import { Topics } from '../topics';

export const AGENDA_ITEM_KINDS = [
  'resource-meeting',
  'site-visit',
  'ride-along',
  'workshop-panel',
  'cultural-activity',
  'home-hospitality',
  'community-event',
  'travel-leg',
  'free-time',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_STATUSES = ['tentative', 'confirmed', 'cancelled'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

/** Why a change happened: a coordinator's request, or this service reacting to a programs event. */
export const SCHEDULE_CHANGE_CAUSES = ['coordinator', 'participant-added', 'participant-removed', 'program-cancelled', 'community-event'] as const;
export type ScheduleChangeCause = (typeof SCHEDULE_CHANGE_CAUSES)[number];

export interface ScheduleAddressV1 {
  line1: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ScheduleContactV1 {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** An agenda item as it stood at one version: everything a transport or catering service needs, with no call back. */
export interface AgendaItemStateV1 {
  itemId: string;
  programId: string;
  kind: AgendaItemKind;
  title: string;
  status: AgendaItemStatus;
  /** UTC instants (ISO 8601, `Z`); the item occupies [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
  /** IANA zone of where it happens; render local times in it. */
  timeZone: string;
  venue: { venueId: string; name: string; address: ScheduleAddressV1 | null; capacity: number | null } | null;
  resource: { resourceId: string; name: string } | null;
  attendees: {
    wholeDelegation: boolean;
    /** Every participant attending, resolved (for a whole-delegation item: the delegation at that version). */
    participantIds: string[];
    interpreterIds: string[];
  };
  notes: string | null;
  /** Minutes kept free before and after the item for travel from or to another venue. */
  travelBufferMinutes: number;
  /** True when the item falls outside the program's dates (after the program's dates changed). */
  outsideProgramDates: boolean;
  cancellationReason: string | null;
  version: number;
}

/** The payload every `agenda-item.*` event carries. */
export interface ScheduleChangeV1 {
  programId: string;
  itemId: string;
  /** The item's version after the change; consumers drop a copy whose version is not greater than the one they hold. */
  version: number;
  cause: ScheduleChangeCause;
  /** Free text given with a cancellation (and with changes this service makes on its own). */
  reason: string | null;
  /** null for `agenda-item.scheduled`. */
  before: AgendaItemStateV1 | null;
  after: AgendaItemStateV1;
  /** Participants attending before or after the change: the people to tell. */
  affectedParticipantIds: string[];
  /** Contact at the resource organisation the item is with, if any. */
  resourceContact: ScheduleContactV1 | null;
}

const UUID = { type: 'string', format: 'uuid' } as const;
const UUIDS = { type: 'array', uniqueItems: true, items: UUID } as const;

const ADDRESS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['line1', 'city', 'region', 'postalCode', 'country'],
  properties: {
    line1: { type: 'string', nullable: true, maxLength: 200 },
    city: { type: 'string', minLength: 1, maxLength: 200 },
    region: { type: 'string', nullable: true, maxLength: 200 },
    postalCode: { type: 'string', nullable: true, maxLength: 20 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
} as const;

const CONTACT_SCHEMA = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['name', 'role', 'email', 'phone'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    role: { type: 'string', nullable: true, maxLength: 200 },
    email: { type: 'string', nullable: true, format: 'email' },
    phone: { type: 'string', nullable: true, maxLength: 40 },
  },
} as const;

export const AGENDA_ITEM_STATE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'itemId',
    'programId',
    'kind',
    'title',
    'status',
    'startsAt',
    'endsAt',
    'timeZone',
    'venue',
    'resource',
    'attendees',
    'notes',
    'travelBufferMinutes',
    'outsideProgramDates',
    'cancellationReason',
    'version',
  ],
  properties: {
    itemId: UUID,
    programId: UUID,
    kind: { type: 'string', enum: [...AGENDA_ITEM_KINDS] },
    title: { type: 'string', minLength: 1, maxLength: 300 },
    status: { type: 'string', enum: [...AGENDA_ITEM_STATUSES] },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    venue: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['venueId', 'name', 'address', 'capacity'],
      properties: {
        venueId: UUID,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        address: { ...ADDRESS_SCHEMA, nullable: true },
        capacity: { type: 'integer', nullable: true, minimum: 1 },
      },
    },
    resource: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['resourceId', 'name'],
      properties: { resourceId: UUID, name: { type: 'string', minLength: 1, maxLength: 300 } },
    },
    attendees: {
      type: 'object',
      additionalProperties: false,
      required: ['wholeDelegation', 'participantIds', 'interpreterIds'],
      properties: { wholeDelegation: { type: 'boolean' }, participantIds: UUIDS, interpreterIds: UUIDS },
    },
    notes: { type: 'string', nullable: true, maxLength: 4000 },
    travelBufferMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
    outsideProgramDates: { type: 'boolean' },
    cancellationReason: { type: 'string', nullable: true, maxLength: 1000 },
    version: { type: 'integer', minimum: 1 },
  },
} as const;

const SCHEDULE_CHANGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['programId', 'itemId', 'version', 'cause', 'reason', 'before', 'after', 'affectedParticipantIds', 'resourceContact'],
  properties: {
    programId: UUID,
    itemId: UUID,
    version: { type: 'integer', minimum: 1 },
    cause: { type: 'string', enum: [...SCHEDULE_CHANGE_CAUSES] },
    reason: { type: 'string', nullable: true, maxLength: 1000 },
    before: { ...AGENDA_ITEM_STATE_SCHEMA, nullable: true },
    after: AGENDA_ITEM_STATE_SCHEMA,
    affectedParticipantIds: UUIDS,
    resourceContact: CONTACT_SCHEMA,
  },
};

const COMMON =
  ' Keyed by program id, so one program\'s changes share a partition and arrive in commit order. Carries the item before and after the change, the affected participant ids and the resource contact.';

export const AgendaItemScheduled = defineEvent<ScheduleChangeV1>({
  type: 'agenda-item.scheduled',
  version: 1,
  topic: Topics.scheduleChanges,
  description: `An agenda item was added to a program's itinerary (before is null).${COMMON}`,
  schema: SCHEDULE_CHANGE_SCHEMA,
});

export const AgendaItemRescheduled = defineEvent<ScheduleChangeV1>({
  type: 'agenda-item.rescheduled',
  version: 1,
  topic: Topics.scheduleChanges,
  description: `An agenda item moved in time, zone or venue, or its travel buffer changed.${COMMON}`,
  schema: SCHEDULE_CHANGE_SCHEMA,
});

export const AgendaItemAttendeesChanged = defineEvent<ScheduleChangeV1>({
  type: 'agenda-item.attendees-changed',
  version: 1,
  topic: Topics.scheduleChanges,
  description: `Who attends an agenda item changed (by a coordinator, or because a participant joined or left the program).${COMMON}`,
  schema: SCHEDULE_CHANGE_SCHEMA,
});

export const AgendaItemConfirmed = defineEvent<ScheduleChangeV1>({
  type: 'agenda-item.confirmed',
  version: 1,
  topic: Topics.scheduleChanges,
  description: `A tentative agenda item was confirmed.${COMMON}`,
  schema: SCHEDULE_CHANGE_SCHEMA,
});

export const AgendaItemCancelled = defineEvent<ScheduleChangeV1>({
  type: 'agenda-item.cancelled',
  version: 1,
  topic: Topics.scheduleChanges,
  description: `An agenda item was cancelled, with a reason (by a coordinator, or because its program was cancelled).${COMMON}`,
  schema: SCHEDULE_CHANGE_SCHEMA,
});

export const AGENDA_ITEM_EVENTS: readonly EventDefinition<ScheduleChangeV1>[] = [
  AgendaItemScheduled,
  AgendaItemRescheduled,
  AgendaItemAttendeesChanged,
  AgendaItemConfirmed,
  AgendaItemCancelled,
];
