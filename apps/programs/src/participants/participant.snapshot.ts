import type { ParticipantSnapshotV1 } from '@diplomacy/contracts';
import type { ParticipantEntity } from './participant.entity';

/** The fields that may leave this service. Gender and the dietary and accessibility notes never do. */
export const PUBLIC_PARTICIPANT_FIELDS = [
  'name',
  'country',
  'title',
  'organisationName',
  'role',
  'languages',
  'preferredLanguage',
  'notificationChannels',
  'email',
  'phone',
] as const;

/**
 * Picks the public fields one by one rather than spreading the entity and
 * deleting the private ones: a private column added later stays private unless
 * someone lists it here on purpose.
 */
export function participantSnapshot(p: ParticipantEntity): ParticipantSnapshotV1 {
  return {
    programId: p.programId,
    participantId: p.id,
    name: p.name,
    country: p.country,
    title: p.title,
    organisationName: p.organisationName,
    role: p.role,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage,
    notificationChannels: p.notificationChannels,
    email: p.email,
    phone: p.phone,
    version: p.version,
  };
}
