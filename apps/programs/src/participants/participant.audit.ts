import { AuditChangeSet } from '@diplomacy/service-kit';
import type { AuditChanges } from '@diplomacy/service-kit';
import type { ParticipantEntity } from './participant.entity';
import { PUBLIC_PARTICIPANT_FIELDS } from './participant.snapshot';

export const PARTICIPANT_ENTITY = 'participant';

const AUDITED_FIELDS = ['programId', ...PUBLIC_PARTICIPANT_FIELDS, 'gender', 'dietaryNotes', 'accessibilityNotes'] as const;

/**
 * E-mail, phone and the dietary and accessibility notes are private everywhere (REDACTED_FIELDS);
 * gender is private to this service (it is counted in impact reports and shown nowhere else).
 * The log says that they changed, never what they were or became.
 */
const changeSet = new AuditChangeSet(['gender']);

/** The audit entry's changes for a participant: `before` null when added, `after` null when removed. */
export function participantChanges(before: ParticipantEntity | null, after: ParticipantEntity | null): AuditChanges {
  return changeSet.describe(before, after, AUDITED_FIELDS);
}
