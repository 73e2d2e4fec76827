import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const PROGRAM_KINDS = [
  'international-visitor',
  'sister-city-exchange',
  'youth-exchange',
  'professional-fellowship',
  'conference',
] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

export const PROGRAM_STATUSES = ['draft', 'planned', 'confirmed', 'in-progress', 'completed', 'cancelled'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export interface ProgramCreatedV1 {
  programId: string;
  organisationId: string;
  title: string;
  kind: ProgramKind;
  status: ProgramStatus;
  theme: string | null;
  startDate: string;
  endDate: string;
}

export const ProgramCreated = defineEvent<ProgramCreatedV1>({
  type: 'program.created',
  version: 1,
  topic: Topics.programs,
  description: 'A program was created. Keyed by program id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['programId', 'organisationId', 'title', 'kind', 'status', 'theme', 'startDate', 'endDate'],
    properties: {
      programId: { type: 'string', format: 'uuid' },
      organisationId: { type: 'string', minLength: 1 },
      title: { type: 'string', minLength: 1, maxLength: 300 },
      kind: { type: 'string', enum: [...PROGRAM_KINDS] },
      status: { type: 'string', enum: [...PROGRAM_STATUSES] },
      theme: { type: 'string', nullable: true, maxLength: 500 },
      startDate: { type: 'string', format: 'date' },
      endDate: { type: 'string', format: 'date' },
    },
  },
});
