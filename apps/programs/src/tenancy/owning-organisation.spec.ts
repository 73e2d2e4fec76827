import { OrganisationMismatchError, RequestValidationError, TenantContext } from '@diplomacy/service-kit';
import { owningOrganisation } from './owning-organisation';

describe('owningOrganisation', () => {
  const asCoordinator = <T>(fn: () => T) => TenantContext.run({ kind: 'organisation', organisationId: 'kansas-city-council' }, fn);
  const asAdmin = <T>(fn: () => T) => TenantContext.run({ kind: 'all', reason: 'platform-admin' }, fn);

  it('gives a coordinator’s record their own organisation, named or not', () => {
    expect(asCoordinator(() => owningOrganisation(undefined, 'organisationId'))).toBe('kansas-city-council');
    expect(asCoordinator(() => owningOrganisation('kansas-city-council', 'organisationId'))).toBe('kansas-city-council');
  });

  it('refuses a coordinator naming another organisation', () => {
    expect(() => asCoordinator(() => owningOrganisation('berlin-lichtenberg', 'organisationId'))).toThrow(OrganisationMismatchError);
  });

  it('makes a platform admin name the organisation, in the field the request used', () => {
    expect(asAdmin(() => owningOrganisation('berlin-lichtenberg', 'managedBy'))).toBe('berlin-lichtenberg');
    expect(() => asAdmin(() => owningOrganisation(undefined, 'managedBy'))).toThrow(RequestValidationError);
  });

  it('fails loudly outside any tenant scope', () => {
    expect(() => owningOrganisation('kansas-city-council', 'organisationId')).toThrow(/No tenant scope/);
  });
});
