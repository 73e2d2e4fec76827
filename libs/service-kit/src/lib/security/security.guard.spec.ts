import { roleAllows } from './security.guard';
import { DEFAULT_ROUTE_ROLES, accessOfMethod } from './roles';
import type { Principal } from './principal';

const as = (...roles: Principal['roles']): Principal => ({ subject: 's', organisationId: 'kc', roles });

describe('roleAllows', () => {
  it('lets coordinators read and write, viewers only read, on a staff route', () => {
    expect(roleAllows(as('coordinator'), DEFAULT_ROUTE_ROLES, 'write')).toBe(true);
    expect(roleAllows(as('viewer'), DEFAULT_ROUTE_ROLES, 'read')).toBe(true);
    expect(roleAllows(as('viewer'), DEFAULT_ROUTE_ROLES, 'write')).toBe(false);
  });

  it('never lets a read-only role write, even where a route lists it', () => {
    expect(roleAllows(as('participant'), ['participant'], 'write')).toBe(false);
    expect(roleAllows(as('participant'), ['participant'], 'read')).toBe(true);
  });

  it('keeps participants and contacts off staff routes and lets platform admins everywhere', () => {
    expect(roleAllows(as('participant'), DEFAULT_ROUTE_ROLES, 'read')).toBe(false);
    expect(roleAllows(as('contact'), DEFAULT_ROUTE_ROLES, 'read')).toBe(false);
    expect(roleAllows(as('platform-admin'), ['participant'], 'write')).toBe(true);
  });

  it('derives the access from the HTTP method', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(accessOfMethod)).toEqual(['read', 'read', 'read']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(accessOfMethod)).toEqual(['write', 'write', 'write', 'write']);
  });
});
