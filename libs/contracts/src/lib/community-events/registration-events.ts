import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * How to reach a registrant. It travels only on the events that create or confirm a
 * registration, so notifications can keep its own copy; accessibility needs never travel.
 */
export interface RegistrantContactV1 {
  name: string;
  email: string;
  phone: string | null;
  /** BCP 47 language tag, e.g. `es-MX`. */
  preferredLanguage: string;
}

const UUID = { type: 'string', format: 'uuid' } as const;
const INSTANT = { type: 'string', format: 'date-time' } as const;
const PARTY_SIZE = { type: 'integer', minimum: 1, maximum: 50 } as const;

const CONTACT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'phone', 'preferredLanguage'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 320 },
    phone: { type: 'string', nullable: true, maxLength: 40 },
    preferredLanguage: { type: 'string', minLength: 2, maxLength: 35 },
  },
} as const;

export interface RegistrationConfirmedV1 {
  eventId: string;
  registrationId: string;
  partySize: number;
  /** `registered`: seats were free at registration; `claimed`: a promoted party confirmed its offer. */
  confirmedBy: 'registered' | 'claimed';
  registrant: RegistrantContactV1;
}

export const RegistrationConfirmed = defineEvent<RegistrationConfirmedV1>({
  type: 'registration.confirmed',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A party holds confirmed seats: at registration while seats remained, or when a promoted party claimed its offer. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'partySize', 'confirmedBy', 'registrant'],
    properties: {
      eventId: UUID,
      registrationId: UUID,
      partySize: PARTY_SIZE,
      confirmedBy: { type: 'string', enum: ['registered', 'claimed'] },
      registrant: CONTACT_SCHEMA,
    },
  },
});

export interface RegistrationWaitlistedV1 {
  eventId: string;
  registrationId: string;
  partySize: number;
  /** 1-based place among the waiting parties when it joined. */
  waitlistPosition: number;
  registrant: RegistrantContactV1;
}

export const RegistrationWaitlisted = defineEvent<RegistrationWaitlistedV1>({
  type: 'registration.waitlisted',
  version: 1,
  topic: Topics.communityEvents,
  description: 'No seats were left for the whole party, so it joined the waitlist together. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'partySize', 'waitlistPosition', 'registrant'],
    properties: { eventId: UUID, registrationId: UUID, partySize: PARTY_SIZE, waitlistPosition: { type: 'integer', minimum: 1 }, registrant: CONTACT_SCHEMA },
  },
});

export interface RegistrationPromotedV1 {
  eventId: string;
  registrationId: string;
  partySize: number;
  /** `confirmed` when the event has no claim deadline; `offered` when the party must claim before `claimDeadline`. */
  status: 'confirmed' | 'offered';
  claimDeadline: string | null;
  /** Why seats came free. */
  trigger: 'cancellation' | 'party-size-reduced' | 'capacity-increased' | 'claim-expired';
}

export const RegistrationPromoted = defineEvent<RegistrationPromotedV1>({
  type: 'registration.promoted',
  version: 1,
  topic: Topics.communityEvents,
  description:
    'Seats came free and a waiting party was moved up, in waitlist order, skipping parties too large for the free seats. With a claim deadline the party holds the seats until then. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'partySize', 'status', 'claimDeadline', 'trigger'],
    properties: {
      eventId: UUID,
      registrationId: UUID,
      partySize: PARTY_SIZE,
      status: { type: 'string', enum: ['confirmed', 'offered'] },
      claimDeadline: { ...INSTANT, nullable: true },
      trigger: { type: 'string', enum: ['cancellation', 'party-size-reduced', 'capacity-increased', 'claim-expired'] },
    },
  },
});

export interface RegistrationPartySizeChangedV1 {
  eventId: string;
  registrationId: string;
  previousPartySize: number;
  partySize: number;
  status: 'confirmed' | 'waitlisted' | 'offered';
}

export const RegistrationPartySizeChanged = defineEvent<RegistrationPartySizeChangedV1>({
  type: 'registration.party-size-changed',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A registrant changed the size of their party through their self-service link. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'previousPartySize', 'partySize', 'status'],
    properties: {
      eventId: UUID,
      registrationId: UUID,
      previousPartySize: PARTY_SIZE,
      partySize: PARTY_SIZE,
      status: { type: 'string', enum: ['confirmed', 'waitlisted', 'offered'] },
    },
  },
});

export interface RegistrationCancelledV1 {
  eventId: string;
  registrationId: string;
  partySize: number;
  previousStatus: 'confirmed' | 'waitlisted' | 'offered';
  /** `registrant`: cancelled through the self-service link; `claim-expired`: an offer was not claimed in time. */
  reason: 'registrant' | 'claim-expired';
}

export const RegistrationCancelled = defineEvent<RegistrationCancelledV1>({
  type: 'registration.cancelled',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A registration ended: the registrant cancelled, or a promoted party let its claim deadline pass. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'partySize', 'previousStatus', 'reason'],
    properties: {
      eventId: UUID,
      registrationId: UUID,
      partySize: PARTY_SIZE,
      previousStatus: { type: 'string', enum: ['confirmed', 'waitlisted', 'offered'] },
      reason: { type: 'string', enum: ['registrant', 'claim-expired'] },
    },
  },
});

export interface RegistrationCheckedInV1 {
  eventId: string;
  registrationId: string;
  /** People of the party who arrived (the registrant included). */
  partySize: number;
  /** Programs linked to the event, so impact counts the community members each one reached. */
  programIds: string[];
  checkedInAt: string;
  method: 'token' | 'name-lookup';
}

export const RegistrationCheckedIn = defineEvent<RegistrationCheckedInV1>({
  type: 'registration.checked-in',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A party arrived at the door. Impact reports count `partySize` as community members reached for each linked program. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'registrationId', 'partySize', 'programIds', 'checkedInAt', 'method'],
    properties: {
      eventId: UUID,
      registrationId: UUID,
      partySize: PARTY_SIZE,
      programIds: { type: 'array', uniqueItems: true, items: UUID },
      checkedInAt: INSTANT,
      method: { type: 'string', enum: ['token', 'name-lookup'] },
    },
  },
});
