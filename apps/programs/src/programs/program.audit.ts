import { AuditChangeSet } from '@diplomacy/service-kit';
import type { AuditChanges } from '@diplomacy/service-kit';
import type { ProgramEntity } from './program.entity';
import type { ProgramView } from './program.view';
import { legPayload } from './program.view';

export const PROGRAM_ENTITY = 'program';

/** What the audit trail compares: the program as coordinators edit it, legs and co-hosts included. */
const AUDITED_FIELDS = ['title', 'kind', 'theme', 'objectives', 'startDate', 'endDate', 'hostOrganisationId', 'partnershipId', 'coHostOrganisationIds', 'legs', 'status', 'statusReason'] as const;
const STATUS_FIELDS = ['status', 'statusReason'] as const;

type ProgramState = Pick<ProgramEntity, 'title' | 'kind' | 'theme' | 'objectives' | 'startDate' | 'endDate' | 'hostOrganisationId' | 'partnershipId' | 'status' | 'statusReason'> & {
  coHostOrganisationIds: string[];
  legs: ReturnType<typeof legPayload>[];
};

// A program holds no personal data; the shared list (REDACTED_FIELDS) still applies at any depth.
const changeSet = new AuditChangeSet();

function state({ program, legs, coHostOrganisationIds }: ProgramView): ProgramState {
  return {
    title: program.title,
    kind: program.kind,
    theme: program.theme,
    objectives: program.objectives,
    startDate: program.startDate,
    endDate: program.endDate,
    hostOrganisationId: program.hostOrganisationId,
    partnershipId: program.partnershipId,
    status: program.status,
    statusReason: program.statusReason,
    coHostOrganisationIds,
    legs: legs.map(legPayload),
  };
}

/** The audit entry's changes for a program going from `before` to `after` (null: created). */
export function programChanges(before: ProgramView | null, after: ProgramView): AuditChanges {
  return changeSet.describe(before && state(before), state(after), AUDITED_FIELDS);
}

export function programStatusChanges(before: ProgramView, after: ProgramView): AuditChanges {
  return changeSet.describe(state(before), state(after), STATUS_FIELDS);
}
