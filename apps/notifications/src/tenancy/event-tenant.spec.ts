import { TenantContext } from '@diplomacy/service-kit';
import { inTenantOf, tenantOfEvent } from './event-tenant';

describe('the tenant of an event', () => {
  it('is the organisation on its envelope', () => {
    expect(tenantOfEvent({ organisationId: 'kansas-city-council' })).toEqual({ kind: 'organisation', organisationId: 'kansas-city-council' });
  });

  it('is system work for an envelope without an organisation', () => {
    expect(tenantOfEvent({ organisationId: null })).toEqual({ kind: 'all', reason: 'system' });
  });

  it('scopes the handling, and only the handling', async () => {
    const seen = await inTenantOf({ organisationId: 'berlin-lichtenberg' }, async () => {
      await Promise.resolve();
      return TenantContext.require();
    });
    expect(seen).toEqual({ kind: 'organisation', organisationId: 'berlin-lichtenberg' });
    expect(TenantContext.current()).toBeNull();
  });
});
