import { OrganisationMismatchError } from '@diplomacy/service-kit';
import { subscriberOrganisation } from './subscriber-organisation';

describe('subscriberOrganisation', () => {
  const home = { kind: 'organisation', organisationId: 'kansas-city-council' } as const;
  const admin = { kind: 'all', reason: 'platform-admin' } as const;

  it('puts a coordinator’s subscriber in their organisation, named or not', () => {
    expect(subscriberOrganisation(home, undefined)).toBe('kansas-city-council');
    expect(subscriberOrganisation(home, 'kansas-city-council')).toBe('kansas-city-council');
  });

  it('refuses a coordinator naming another organisation', () => {
    expect(() => subscriberOrganisation(home, 'berlin-lichtenberg')).toThrow(OrganisationMismatchError);
  });

  it('lets a platform admin name any organisation, or none for every organisation', () => {
    expect(subscriberOrganisation(admin, 'berlin-lichtenberg')).toBe('berlin-lichtenberg');
    expect(subscriberOrganisation(admin, undefined)).toBeNull();
  });
});
