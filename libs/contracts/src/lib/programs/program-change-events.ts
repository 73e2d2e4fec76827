import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PROGRAM_KINDS, PROGRAM_STATUSES } from './program-events';
import type { ProgramKind, ProgramStatus } from './program-events';

export interface ProgramStatusChangedV1 {
  programId: string;
  from: ProgramStatus;
  to: ProgramStatus;
  /** Why; always present for a cancellation, optional otherwise. */
  reason: string | null;
  /** The program's version after the change, so consumers can drop stale copies. */
  version: number;
}

export const ProgramStatusChanged = defineEvent<ProgramStatusChangedV1>({
  type: 'program.status-changed',
  version: 1,
  topic: Topics.programs,
  description: 'A program moved along its lifecycle (draft → planned → confirmed → in-progress → completed, or cancelled). Keyed by program id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['programId', 'from', 'to', 'reason', 'version'],
    properties: {
      programId: { type: 'string', format: 'uuid' },
      from: { type: 'string', enum: [...PROGRAM_STATUSES] },
      to: { type: 'string', enum: [...PROGRAM_STATUSES] },
      reason: { type: 'string', nullable: true, minLength: 1, maxLength: 1000 },
      version: { type: 'integer', minimum: 1 },
    },
  },
});

/** One city leg of a program, as events carry it. */
export interface ProgramLegV1 {
  legId: string;
  city: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  localHostOrganisationId: string | null;
}

export const PROGRAM_LEG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['legId', 'city', 'timeZone', 'startDate', 'endDate', 'localHostOrganisationId'],
  properties: {
    legId: { type: 'string', format: 'uuid' },
    city: { type: 'string', minLength: 1, maxLength: 200 },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    startDate: { type: 'string', format: 'date' },
    endDate: { type: 'string', format: 'date' },
    localHostOrganisationId: { type: 'string', format: 'uuid', nullable: true },
  },
} as const;

/** The fields a partial update can change; `changes` holds their new values. */
export const PROGRAM_UPDATABLE_FIELDS = [
  'title',
  'kind',
  'theme',
  'objectives',
  'startDate',
  'endDate',
  'hostOrganisationId',
  'coHostOrganisationIds',
  'partnershipId',
  'legs',
] as const;
export type ProgramUpdatableField = (typeof PROGRAM_UPDATABLE_FIELDS)[number];

export interface ProgramChangesV1 {
  title?: string;
  kind?: ProgramKind;
  theme?: string | null;
  objectives?: string[];
  startDate?: string;
  endDate?: string;
  hostOrganisationId?: string | null;
  coHostOrganisationIds?: string[];
  partnershipId?: string | null;
  /** The complete list of legs after the change (legs are replaced as a whole). */
  legs?: ProgramLegV1[];
}

export interface ProgramUpdatedV1 {
  programId: string;
  version: number;
  changedFields: ProgramUpdatableField[];
  changes: ProgramChangesV1;
}

export const ProgramUpdated = defineEvent<ProgramUpdatedV1>({
  type: 'program.updated',
  version: 1,
  topic: Topics.programs,
  description: 'Fields of a program changed; `changes` carries the new value of each changed field and nothing else. Keyed by program id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['programId', 'version', 'changedFields', 'changes'],
    properties: {
      programId: { type: 'string', format: 'uuid' },
      version: { type: 'integer', minimum: 1 },
      changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...PROGRAM_UPDATABLE_FIELDS] } },
      changes: {
        type: 'object',
        additionalProperties: false,
        required: [],
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 300 },
          kind: { type: 'string', enum: [...PROGRAM_KINDS] },
          theme: { type: 'string', nullable: true, maxLength: 500 },
          objectives: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 } },
          startDate: { type: 'string', format: 'date' },
          endDate: { type: 'string', format: 'date' },
          hostOrganisationId: { type: 'string', format: 'uuid', nullable: true },
          coHostOrganisationIds: { type: 'array', uniqueItems: true, items: { type: 'string', format: 'uuid' } },
          partnershipId: { type: 'string', format: 'uuid', nullable: true },
          legs: { type: 'array', items: PROGRAM_LEG_SCHEMA },
        },
      },
    },
  },
});
