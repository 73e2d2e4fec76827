import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const COMMUNITY_EVENT_KINDS = ['potluck', 'festival', 'pop-up', 'reception', 'panel', 'conference', 'youth-summit', 'other'] as const;
export type CommunityEventKind = (typeof COMMUNITY_EVENT_KINDS)[number];

export const COMMUNITY_EVENT_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type CommunityEventStatus = (typeof COMMUNITY_EVENT_STATUSES)[number];

export const COMMUNITY_EVENT_VISIBILITIES = ['public', 'invite-only'] as const;
export type CommunityEventVisibility = (typeof COMMUNITY_EVENT_VISIBILITIES)[number];

/** What scheduling, notifications and impact need to know about a community event, as one snapshot. */
export interface CommunityEventSnapshotV1 {
  eventId: string;
  organisationId: string;
  kind: CommunityEventKind;
  title: string;
  description: string | null;
  coHostOrganisationIds: string[];
  venue: { name: string; address: string };
  /** ISO-8601 instants; `timeZone` (IANA) says how to show them. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: number;
  maxPartySize: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  visibility: CommunityEventVisibility;
  status: CommunityEventStatus;
  /** Programs whose delegations attend; scheduling puts the event on each one's itinerary. */
  programIds: string[];
  /** The event's version after the change, so consumers can drop stale copies. */
  version: number;
}

const UUID = { type: 'string', format: 'uuid' } as const;
const INSTANT = { type: 'string', format: 'date-time' } as const;

export const COMMUNITY_EVENT_SNAPSHOT_PROPERTIES = {
  eventId: UUID,
  organisationId: { type: 'string', minLength: 1, maxLength: 100 },
  kind: { type: 'string', enum: [...COMMUNITY_EVENT_KINDS] },
  title: { type: 'string', minLength: 1, maxLength: 300 },
  description: { type: 'string', nullable: true, maxLength: 5000 },
  coHostOrganisationIds: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 } },
  venue: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'address'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, address: { type: 'string', minLength: 1, maxLength: 500 } },
  },
  startsAt: INSTANT,
  endsAt: INSTANT,
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  capacity: { type: 'integer', minimum: 0 },
  maxPartySize: { type: 'integer', minimum: 1 },
  registrationOpensAt: { ...INSTANT, nullable: true },
  registrationClosesAt: { ...INSTANT, nullable: true },
  visibility: { type: 'string', enum: [...COMMUNITY_EVENT_VISIBILITIES] },
  status: { type: 'string', enum: [...COMMUNITY_EVENT_STATUSES] },
  programIds: { type: 'array', uniqueItems: true, items: UUID },
  version: { type: 'integer', minimum: 1 },
} as const;

const SNAPSHOT_REQUIRED = Object.keys(COMMUNITY_EVENT_SNAPSHOT_PROPERTIES);

export type CommunityEventPublishedV1 = CommunityEventSnapshotV1;

export const CommunityEventPublished = defineEvent<CommunityEventPublishedV1>({
  type: 'event.published',
  version: 1,
  topic: Topics.communityEvents,
  description:
    'A community event was published and opens for registration. Carries the whole event, including the programs whose delegations attend. Keyed by event id.',
  schema: { type: 'object', additionalProperties: false, required: SNAPSHOT_REQUIRED, properties: COMMUNITY_EVENT_SNAPSHOT_PROPERTIES },
});

export const COMMUNITY_EVENT_UPDATABLE_FIELDS = [
  'title',
  'kind',
  'description',
  'coHostOrganisationIds',
  'venue',
  'startsAt',
  'endsAt',
  'timeZone',
  'capacity',
  'maxPartySize',
  'registrationOpensAt',
  'registrationClosesAt',
  'visibility',
  'programIds',
  'claimWindowHours',
] as const;
export type CommunityEventUpdatableField = (typeof COMMUNITY_EVENT_UPDATABLE_FIELDS)[number];

export interface CommunityEventUpdatedV1 extends CommunityEventSnapshotV1 {
  changedFields: CommunityEventUpdatableField[];
  /** Programs no longer linked: scheduling takes the event off their itineraries. */
  unlinkedProgramIds: string[];
}

export const CommunityEventUpdated = defineEvent<CommunityEventUpdatedV1>({
  type: 'event.updated',
  version: 1,
  topic: Topics.communityEvents,
  description:
    'A published community event changed (moved, resized, re-linked…). Carries the whole event after the change, the names of the changed fields and the programs that were unlinked. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...SNAPSHOT_REQUIRED, 'changedFields', 'unlinkedProgramIds'],
    properties: {
      ...COMMUNITY_EVENT_SNAPSHOT_PROPERTIES,
      changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...COMMUNITY_EVENT_UPDATABLE_FIELDS] } },
      unlinkedProgramIds: { type: 'array', uniqueItems: true, items: UUID },
    },
  },
});

export interface CommunityEventCancelledV1 {
  eventId: string;
  organisationId: string;
  title: string;
  startsAt: string;
  timeZone: string;
  programIds: string[];
  reason: string;
  /** Registrations (confirmed, offered or waitlisted) that notifications tells about the cancellation. */
  activeRegistrations: number;
  version: number;
}

export const CommunityEventCancelled = defineEvent<CommunityEventCancelledV1>({
  type: 'event.cancelled',
  version: 1,
  topic: Topics.communityEvents,
  description:
    'An organiser cancelled a whole community event. One event for the whole event: notifications fans it out to every registrant it knows from registration.* events. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'organisationId', 'title', 'startsAt', 'timeZone', 'programIds', 'reason', 'activeRegistrations', 'version'],
    properties: {
      eventId: UUID,
      organisationId: COMMUNITY_EVENT_SNAPSHOT_PROPERTIES.organisationId,
      title: COMMUNITY_EVENT_SNAPSHOT_PROPERTIES.title,
      startsAt: INSTANT,
      timeZone: COMMUNITY_EVENT_SNAPSHOT_PROPERTIES.timeZone,
      programIds: COMMUNITY_EVENT_SNAPSHOT_PROPERTIES.programIds,
      reason: { type: 'string', minLength: 1, maxLength: 1000 },
      activeRegistrations: { type: 'integer', minimum: 0 },
      version: { type: 'integer', minimum: 1 },
    },
  },
});
