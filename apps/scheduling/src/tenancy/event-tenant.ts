import type { EventEnvelope } from '@diplomacy/contracts';
import { TenantContext } from '@diplomacy/service-kit';

/**
 * An event scheduling consumes names no organisation. Every event it handles (programs,
 * participants, community events) is one organisation's data, so such an envelope cannot be
 * handled within a tenant; it fails, and after its attempts it is dead-lettered for a look.
 */
export class EventWithoutOrganisationError extends Error {
  constructor(envelope: Pick<EventEnvelope, 'id' | 'type'>) {
    super(`${envelope.type} ${envelope.id} carries no organisationId: scheduling handles tenant events only within their organisation`);
    this.name = 'EventWithoutOrganisationError';
  }
}

/**
 * Runs a consumer's handling of one event inside the event's organisation (docs/security.md):
 * every repository it reaches is scoped to that organisation, so an event of one council can
 * neither read nor change another council's programs, items or resources.
 */
export function inTenantOfEvent<T>(envelope: Pick<EventEnvelope, 'id' | 'type' | 'organisationId'>, handle: () => Promise<T>): Promise<T> {
  const organisationId = envelope.organisationId;
  if (!organisationId) return Promise.reject(new EventWithoutOrganisationError(envelope));
  return TenantContext.run({ kind: 'organisation', organisationId }, handle);
}
