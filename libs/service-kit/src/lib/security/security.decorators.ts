import { SetMetadata, createParamDecorator } from '@nestjs/common';
import type { CustomDecorator } from '@nestjs/common';
import type { Principal } from './principal';
import type { Role, RouteAccess } from './roles';
import { TenantContext } from './tenant-context';

export const PUBLIC_ROUTE = 'security:public';
export const ROUTE_ROLES = 'security:roles';
export const ROUTE_ACCESS = 'security:access';
export const RATE_LIMITED = 'security:rate-limited';

/**
 * Anonymous access. A token, when sent and valid, still names the caller (an organiser may see
 * their draft on a public page) but binds no tenant; an invalid one is ignored.
 */
export const Public = (): CustomDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Roles that may call the route (platform admins always may). Without it a route is for the
 * organisation's staff: coordinators, and viewers for reads. Read-only roles (viewer, contact,
 * participant) never pass a write route, whatever is listed here.
 */
export const Roles = (...roles: Role[]): CustomDecorator => SetMetadata(ROUTE_ROLES, roles);

/** Overrides the access the HTTP method implies, e.g. a POST that only searches. */
export const Access = (access: RouteAccess): CustomDecorator => SetMetadata(ROUTE_ACCESS, access);

/** Token bucket per client IP and route (public submissions, secret-link routes: anything guessable or abusable anonymously). */
export const RateLimit = (): CustomDecorator => SetMetadata(RATE_LIMITED, true);

/** The verified caller of the current request (null on a public route called anonymously). */
export const CurrentPrincipal = createParamDecorator((_data: unknown): Principal | null => TenantContext.principal());
