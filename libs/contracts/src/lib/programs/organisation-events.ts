import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const ORGANISATION_KINDS = ['host-council', 'resource-organisation', 'sister-city-association', 'national-program-agency'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What kind of resource organisation visitors meet; only resource organisations have one. */
export const RESOURCE_TYPES = ['company', 'university', 'police-department', 'election-board', 'library', 'non-profit', 'government-office'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface AddressV1 {
  line1: string | null;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface OrganisationContactV1 {
  contactId: string;
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  /** BCP 47 language tag. */
  preferredLanguage: string | null;
}

/** The whole organisation, so consumers (notifications, scheduling) never call back. */
export interface OrganisationSnapshotV1 {
  organisationId: string;
  /** Tenant key of the council or association that maintains the record (a program's `organisationId`). */
  managedBy: string;
  name: string;
  kind: OrganisationKind;
  resourceType: ResourceType | null;
  address: AddressV1;
  /** IANA time zone. */
  timeZone: string;
  contacts: OrganisationContactV1[];
  version: number;
}

export interface OrganisationUpdatedV1 extends OrganisationSnapshotV1 {
  changedFields: string[];
}

export const ADDRESS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['line1', 'line2', 'city', 'region', 'postalCode', 'country'],
  properties: {
    line1: { type: 'string', nullable: true, maxLength: 200 },
    line2: { type: 'string', nullable: true, maxLength: 200 },
    city: { type: 'string', minLength: 1, maxLength: 200 },
    region: { type: 'string', nullable: true, maxLength: 200 },
    postalCode: { type: 'string', nullable: true, maxLength: 20 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
} as const;

const SNAPSHOT_PROPERTIES = {
  organisationId: { type: 'string', format: 'uuid' },
  managedBy: { type: 'string', minLength: 1, maxLength: 100 },
  name: { type: 'string', minLength: 1, maxLength: 300 },
  kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
  resourceType: { type: 'string', nullable: true, enum: [...RESOURCE_TYPES, null] },
  address: ADDRESS_SCHEMA,
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  contacts: {
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['contactId', 'name', 'role', 'email', 'phone', 'preferredLanguage'],
      properties: {
        contactId: { type: 'string', format: 'uuid' },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        role: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', nullable: true, format: 'email' },
        phone: { type: 'string', nullable: true, maxLength: 40 },
        preferredLanguage: { type: 'string', nullable: true, maxLength: 35 },
      },
    },
  },
  version: { type: 'integer', minimum: 1 },
};
const SNAPSHOT_REQUIRED = ['organisationId', 'managedBy', 'name', 'kind', 'resourceType', 'address', 'timeZone', 'contacts', 'version'];

export const OrganisationCreated = defineEvent<OrganisationSnapshotV1>({
  type: 'organisation.created',
  version: 1,
  topic: Topics.programs,
  description: 'An organisation (host council, resource organisation, sister-city association, national program agency) was registered, with its contacts. Keyed by organisation id.',
  schema: { type: 'object', additionalProperties: false, required: SNAPSHOT_REQUIRED, properties: SNAPSHOT_PROPERTIES },
});

export const OrganisationUpdated = defineEvent<OrganisationUpdatedV1>({
  type: 'organisation.updated',
  version: 1,
  topic: Topics.programs,
  description: 'An organisation changed; carries the whole organisation after the change and the names of the changed fields. Keyed by organisation id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...SNAPSHOT_REQUIRED, 'changedFields'],
    properties: { ...SNAPSHOT_PROPERTIES, changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
  },
});
