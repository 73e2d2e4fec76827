import { TenantContext } from '@diplomacy/service-kit';
import { EventWithoutOrganisationError, inTenantOfEvent } from './event-tenant';

describe('inTenantOfEvent', () => {
  it('handles the event inside its organisation, and leaves no scope behind', async () => {
    const seen = await inTenantOfEvent({ id: 'e1', type: 'program.created', organisationId: 'kansas-city-council' }, async () => TenantContext.current());
    expect(seen).toEqual({ kind: 'organisation', organisationId: 'kansas-city-council' });
    expect(TenantContext.current()).toBeNull();
  });

  it('refuses an event without organisation instead of handling it across every tenant', async () => {
    const handle = jest.fn(async () => 'handled');
    await expect(inTenantOfEvent({ id: 'e2', type: 'participant.added', organisationId: null }, handle)).rejects.toBeInstanceOf(EventWithoutOrganisationError);
    expect(handle).not.toHaveBeenCalled();
  });
});
