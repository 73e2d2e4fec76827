import { OrganisationMismatchError } from '@diplomacy/service-kit';
import type { TenantScope } from '@diplomacy/service-kit';

/**
 * The organisation a new webhook subscriber belongs to. A coordinator registers for their own
 * organisation (naming it is optional, naming another is refused); a platform admin may name
 * one, or none for a subscriber that receives every organisation's events.
 */
export function subscriberOrganisation(tenant: TenantScope, requested: string | undefined): string | null {
  if (tenant.kind === 'all') return requested ?? null;
  if (requested !== undefined && requested !== tenant.organisationId) throw new OrganisationMismatchError();
  return tenant.organisationId;
}
