/**
 * The roles a token can carry. One list for every service, so a role means the same
 * thing everywhere:
 *  - platform-admin: operates the deployment; sees and changes every organisation's data.
 *  - coordinator: full access within their organisation.
 *  - contact: a host or resource contact; reads the agenda items they are part of.
 *  - participant: reads their own itinerary, notifications and calendar feed.
 *  - viewer: read-only within their organisation.
 */
export const ROLES = ['platform-admin', 'coordinator', 'contact', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Reads change nothing; everything else is a write. A role may be allowed to read a route but not to write through it. */
export type RouteAccess = 'read' | 'write';

/** Roles that may only ever read, whatever a route's @Roles() says. */
export const READ_ONLY_ROLES: readonly Role[] = ['viewer', 'contact', 'participant'];

/** What a route without @Roles() allows: the organisation's own staff (coordinators write, viewers read). */
export const DEFAULT_ROUTE_ROLES: readonly Role[] = ['coordinator', 'viewer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The access an HTTP method needs, unless the route says otherwise with @Access(). */
export function accessOfMethod(method: string): RouteAccess {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}
