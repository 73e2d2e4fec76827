import { AuditChangeSet } from '@diplomacy/service-kit';
import type { AuditChanges } from '@diplomacy/service-kit';
import type { ResourceEntity } from './resource.entity';

export const RESOURCE_ENTITY = 'resource';

const AUDITED_FIELDS = ['kind', 'name', 'address', 'timeZone', 'contact', 'capacity', 'exclusive', 'availability'] as const;

// The contact's e-mail and phone are on the shared private list (REDACTED_FIELDS): the entry keeps
// the contact's name and role and says "[redacted]" for the rest.
const changeSet = new AuditChangeSet();

/** The audit entry's changes for a resource registered (the only change resources have over HTTP today). */
export function resourceCreated(resource: ResourceEntity): AuditChanges {
  return changeSet.describe(null, resource, AUDITED_FIELDS);
}
