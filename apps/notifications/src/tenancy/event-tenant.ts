import type { EventEnvelope } from '@diplomacy/contracts';
import { TenantContext } from '@diplomacy/service-kit';
import type { TenantScope } from '@diplomacy/service-kit';

/**
 * The tenant an event's handling acts in: the organisation on its envelope, so everything a
 * consumer reads and writes for it is scoped to that organisation (docs/security.md). An
 * envelope without an organisation (the contract allows it; no producer sends one today) is
 * nobody's tenant data: it is handled as system work.
 */
export function tenantOfEvent(envelope: Pick<EventEnvelope, 'organisationId'>): TenantScope {
  return envelope.organisationId ? { kind: 'organisation', organisationId: envelope.organisationId } : { kind: 'all', reason: 'system' };
}

/** Runs a consumer's handling of one event inside that event's tenant. */
export function inTenantOf<T>(envelope: Pick<EventEnvelope, 'organisationId'>, handle: () => Promise<T>): Promise<T> {
  return TenantContext.run(tenantOfEvent(envelope), handle);
}
