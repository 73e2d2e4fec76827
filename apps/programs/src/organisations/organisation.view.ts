import type { OrganisationSnapshotV1 } from '@diplomacy/contracts';
import type { OrganisationContactEntity, OrganisationEntity } from './organisation.entity';

/** An organisation with its contacts, as the use cases and responses see it. */
export interface OrganisationView {
  organisation: OrganisationEntity;
  contacts: OrganisationContactEntity[];
}

export function organisationSnapshot({ organisation: o, contacts }: OrganisationView): OrganisationSnapshotV1 {
  return {
    organisationId: o.id,
    managedBy: o.managedBy,
    name: o.name,
    kind: o.kind,
    resourceType: o.resourceType,
    address: { line1: o.addressLine1, line2: o.addressLine2, city: o.city, region: o.region, postalCode: o.postalCode, country: o.country },
    timeZone: o.timeZone,
    contacts: contacts.map((c) => ({
      contactId: c.id,
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
      preferredLanguage: c.preferredLanguage,
    })),
    version: o.version,
  };
}
