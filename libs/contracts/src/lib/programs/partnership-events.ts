import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The five areas sister-city exchanges fall into. */
export const FOCUS_AREAS = ['arts-culture', 'youth-education', 'economic-development', 'municipal-technical', 'humanitarian'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const US_COMMUNITY_KINDS = ['city', 'county', 'state'] as const;
export type UsCommunityKind = (typeof US_COMMUNITY_KINDS)[number];

export const PARTNERSHIP_STATUSES = ['proposed', 'active', 'inactive', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export interface PartnershipSnapshotV1 {
  partnershipId: string;
  managedBy: string;
  usCommunity: { name: string; kind: UsCommunityKind; state: string };
  partnerCommunity: { name: string; country: string };
  establishedOn: string | null;
  focusAreas: FocusArea[];
  status: PartnershipStatus;
  usAssociationId: string | null;
  partnerAssociationId: string | null;
  version: number;
}

export interface PartnershipUpdatedV1 extends PartnershipSnapshotV1 {
  changedFields: string[];
}

const SNAPSHOT_PROPERTIES = {
  partnershipId: { type: 'string', format: 'uuid' },
  managedBy: { type: 'string', minLength: 1, maxLength: 100 },
  usCommunity: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'kind', 'state'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      kind: { type: 'string', enum: [...US_COMMUNITY_KINDS] },
      state: { type: 'string', pattern: '^[A-Z]{2}$' },
    },
  },
  partnerCommunity: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'country'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
  },
  establishedOn: { type: 'string', nullable: true, format: 'date' },
  focusAreas: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...FOCUS_AREAS] } },
  status: { type: 'string', enum: [...PARTNERSHIP_STATUSES] },
  usAssociationId: { type: 'string', nullable: true, format: 'uuid' },
  partnerAssociationId: { type: 'string', nullable: true, format: 'uuid' },
  version: { type: 'integer', minimum: 1 },
};
const SNAPSHOT_REQUIRED = Object.keys(SNAPSHOT_PROPERTIES);

export const PartnershipCreated = defineEvent<PartnershipSnapshotV1>({
  type: 'partnership.created',
  version: 1,
  topic: Topics.programs,
  description: 'A sister-city (county, state) partnership between a US community and a community abroad was recorded. Keyed by partnership id.',
  schema: { type: 'object', additionalProperties: false, required: SNAPSHOT_REQUIRED, properties: SNAPSHOT_PROPERTIES },
});

export const PartnershipUpdated = defineEvent<PartnershipUpdatedV1>({
  type: 'partnership.updated',
  version: 1,
  topic: Topics.programs,
  description: 'A partnership changed; carries the partnership after the change and the names of the changed fields. Keyed by partnership id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...SNAPSHOT_REQUIRED, 'changedFields'],
    properties: { ...SNAPSHOT_PROPERTIES, changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
  },
});
