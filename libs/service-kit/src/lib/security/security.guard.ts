import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Principal } from './principal';
import { InvalidClaimsError, principalFromClaims } from './principal';
import { DEFAULT_ROUTE_ROLES, READ_ONLY_ROLES, accessOfMethod } from './roles';
import type { Role, RouteAccess } from './roles';
import { JwtError, JwtVerifier } from './jwt';
import { PUBLIC_ROUTE, ROUTE_ACCESS, ROUTE_ROLES } from './security.decorators';
import { AuthenticationRequiredError, ForbiddenRoleError, InvalidTokenError } from './security.errors';
import { TenantContext, tenantOf } from './tenant-context';

/** Whether a principal may use a route allowing `allowed` with the given access. */
export function roleAllows(principal: Principal, allowed: readonly Role[], access: RouteAccess): boolean {
  if (principal.roles.includes('platform-admin')) return true;
  return principal.roles.some((role) => allowed.includes(role) && (access === 'read' || !READ_ONLY_ROLES.includes(role)));
}

/**
 * The one guard every service uses (registered globally when a service enforces security):
 * authenticates the bearer token (401), checks the route's roles and read/write access (403),
 * and binds the caller and their tenant to the request's TenantContext, which scopes every
 * repository query. Tenancy is not checked here: another tenant's resource is simply not found.
 */
@Injectable()
export class SecurityGuard implements CanActivate {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const token = bearerToken(request);

    if (isPublic) {
      // The caller is known (a public page may show its organiser more) but no tenant is bound:
      // a public route reaches tenant data only through what it addresses (a published event,
      // a secret link), which then adopts that resource's organisation.
      const principal = token ? await this.authenticate(token).catch(() => null) : null;
      TenantContext.bind(principal, null);
      return true;
    }

    if (token === null) {
      challenge(context, 'Bearer');
      throw new AuthenticationRequiredError();
    }
    let principal: Principal;
    try {
      principal = await this.authenticate(token);
    } catch (error) {
      const reason = error instanceof JwtError ? error.reason : error instanceof InvalidClaimsError ? error.message : 'unreadable';
      this.logger.warn(`token refused on ${request.method} ${request.route?.path ?? ''}: ${reason}`);
      challenge(context, 'Bearer error="invalid_token"');
      throw new InvalidTokenError(reason);
    }

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROUTE_ROLES, targets) ?? DEFAULT_ROUTE_ROLES;
    const access = this.reflector.getAllAndOverride<RouteAccess>(ROUTE_ACCESS, targets) ?? accessOfMethod(request.method);
    if (!roleAllows(principal, allowed, access)) throw new ForbiddenRoleError();
    const tenant = tenantOf(principal);
    // A token with roles but no organisation (and not an admin) reaches nothing.
    if (!tenant) throw new ForbiddenRoleError();
    TenantContext.bind(principal, tenant);
    return true;
  }

  private async authenticate(token: string): Promise<Principal> {
    return principalFromClaims(await this.verifier.verify(token));
  }
}

/** The bearer token; null without an Authorization header, '' for one that is not a bearer token (it then fails verification). */
function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  return /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header)?.[1] ?? '';
}

function challenge(context: ExecutionContext, value: string): void {
  context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', value);
}
