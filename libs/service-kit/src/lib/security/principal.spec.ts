import { InvalidClaimsError, principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('reads subject, organisation and known roles', () => {
    expect(principalFromClaims({ sub: 'ana', org: 'kc', roles: ['coordinator', 'something-else'] })).toEqual({ subject: 'ana', organisationId: 'kc', roles: ['coordinator'] });
  });

  it('needs participant_id for a participant and contact_id for a contact', () => {
    expect(() => principalFromClaims({ sub: 'p', org: 'kc', roles: ['participant'] })).toThrow(InvalidClaimsError);
    expect(principalFromClaims({ sub: 'p', org: 'kc', roles: ['participant'], participant_id: 'p-1' }).participantId).toBe('p-1');
    expect(principalFromClaims({ sub: 'c', org: 'kc', roles: ['contact'], contact_id: 'c-1' }).contactId).toBe('c-1');
  });

  it('needs an organisation except for a platform admin', () => {
    expect(() => principalFromClaims({ sub: 'x', roles: ['coordinator'] })).toThrow(/org/);
    expect(principalFromClaims({ sub: 'root', roles: ['platform-admin'] }).organisationId).toBeNull();
  });

  it('refuses tokens without a known role or subject', () => {
    expect(() => principalFromClaims({ sub: 'x', org: 'kc', roles: ['superuser'] })).toThrow(/role/);
    expect(() => principalFromClaims({ org: 'kc', roles: ['viewer'] })).toThrow(/sub/);
    expect(() => principalFromClaims({ sub: 'x', org: 'kc', roles: 'viewer' })).toThrow(/roles/);
  });
});
