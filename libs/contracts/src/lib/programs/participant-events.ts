import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const PARTICIPANT_ROLES = ['delegate', 'delegation-lead', 'interpreter', 'escort', 'youth-participant', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Self-reported, optional, and used only for impact counts: it is deliberately
 * absent from every participant event.
 */
export const GENDERS = ['female', 'male', 'non-binary', 'self-described', 'prefer-not-to-say'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * What consumers need to reach a participant (contact, languages, channels).
 * Dietary and accessibility notes and gender are never part of it: the schema
 * forbids extra properties, so the outbox refuses an event that carries them.
 */
export interface ParticipantSnapshotV1 {
  programId: string;
  participantId: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  title: string | null;
  organisationName: string | null;
  role: ParticipantRole;
  /** BCP 47 tags. */
  languages: string[];
  preferredLanguage: string | null;
  notificationChannels: NotificationChannel[];
  email: string | null;
  phone: string | null;
  version: number;
}

export interface ParticipantUpdatedV1 extends ParticipantSnapshotV1 {
  changedFields: string[];
}

export interface ParticipantRemovedV1 {
  programId: string;
  participantId: string;
}

const SNAPSHOT_PROPERTIES = {
  programId: { type: 'string', format: 'uuid' },
  participantId: { type: 'string', format: 'uuid' },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  country: { type: 'string', pattern: '^[A-Z]{2}$' },
  title: { type: 'string', nullable: true, maxLength: 200 },
  organisationName: { type: 'string', nullable: true, maxLength: 300 },
  role: { type: 'string', enum: [...PARTICIPANT_ROLES] },
  languages: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 35 } },
  preferredLanguage: { type: 'string', nullable: true, maxLength: 35 },
  notificationChannels: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...NOTIFICATION_CHANNELS] } },
  email: { type: 'string', nullable: true, format: 'email' },
  phone: { type: 'string', nullable: true, maxLength: 40 },
  version: { type: 'integer', minimum: 1 },
};
const SNAPSHOT_REQUIRED = Object.keys(SNAPSHOT_PROPERTIES);

export const ParticipantAdded = defineEvent<ParticipantSnapshotV1>({
  type: 'participant.added',
  version: 1,
  topic: Topics.programs,
  description: 'A person joined a program, with what is needed to reach them. Never carries dietary or accessibility notes or gender. Keyed by program id.',
  schema: { type: 'object', additionalProperties: false, required: SNAPSHOT_REQUIRED, properties: SNAPSHOT_PROPERTIES },
});

export const ParticipantUpdated = defineEvent<ParticipantUpdatedV1>({
  type: 'participant.updated',
  version: 1,
  topic: Topics.programs,
  description: 'A participant changed; carries the participant after the change and the names of the changed public fields. Keyed by program id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...SNAPSHOT_REQUIRED, 'changedFields'],
    properties: { ...SNAPSHOT_PROPERTIES, changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
  },
});

export const ParticipantRemoved = defineEvent<ParticipantRemovedV1>({
  type: 'participant.removed',
  version: 1,
  topic: Topics.programs,
  description: 'A participant left a program. Keyed by program id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['programId', 'participantId'],
    properties: { programId: { type: 'string', format: 'uuid' }, participantId: { type: 'string', format: 'uuid' } },
  },
});
