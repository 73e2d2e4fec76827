import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal';

/** Whose data the current work may touch. */
export type TenantScope =
  | { kind: 'organisation'; organisationId: string }
  /** Every organisation: a platform admin, or system work (timers, sweeps) that is not done for a caller. */
  | { kind: 'all'; reason: 'platform-admin' | 'system' };

/** One per request (or job): the guard fills it in once it has checked the token. */
interface SecurityState {
  principal: Principal | null;
  tenant: TenantScope | null;
}

const storage = new AsyncLocalStorage<SecurityState>();

/** A repository was asked for tenant data outside any tenant scope: a programming error, never a 404. */
export class MissingTenantScopeError extends Error {
  constructor() {
    super('No tenant scope: tenant data was queried outside a request or job that set one (TenantContext)');
    this.name = 'MissingTenantScopeError';
  }
}

/**
 * The caller and the tenant of the current request or job, carried without threading them
 * through signatures (the same AsyncLocalStorage pattern as CorrelationContext). The request
 * middleware opens an empty state; the security guard binds the verified principal and its
 * tenant; repositories read the tenant through `tenantWhere()` and friends.
 */
export const TenantContext = {
  /** Runs `fn` with an empty state that the guard fills in later (one per HTTP request). */
  open<T>(fn: () => T): T {
    return storage.run({ principal: null, tenant: null }, fn);
  },

  /** Runs `fn` as one organisation: a consumer handling an event of that organisation, a test. */
  run<T>(scope: TenantScope, fn: () => T, principal: Principal | null = null): T {
    return storage.run({ principal, tenant: scope }, fn);
  },

  /** Runs `fn` across every organisation, for work not done on behalf of a caller (sweeps, relays). */
  runAsSystem<T>(fn: () => T): T {
    return storage.run({ principal: null, tenant: { kind: 'all', reason: 'system' } }, fn);
  },

  /** Called by the guard: the request now acts as this principal within this tenant. */
  bind(principal: Principal | null, tenant: TenantScope | null): void {
    const state = storage.getStore();
    if (!state) throw new Error('TenantContext.bind outside TenantContext.open: is the security middleware installed?');
    state.principal = principal;
    state.tenant = tenant;
  },

  /**
   * A capability (a secret link) proved access to one resource of `organisationId`: the rest
   * of the request is scoped to that organisation. It never widens a scope already bound.
   */
  adopt(organisationId: string): void {
    const state = storage.getStore();
    if (!state) throw new MissingTenantScopeError();
    if (state.tenant === null) state.tenant = { kind: 'organisation', organisationId };
  },

  current(): TenantScope | null {
    return storage.getStore()?.tenant ?? null;
  },

  /** The tenant, or a loud failure: a forgotten scope must never read everything. */
  require(): TenantScope {
    const tenant = storage.getStore()?.tenant;
    if (!tenant) throw new MissingTenantScopeError();
    return tenant;
  },

  principal(): Principal | null {
    return storage.getStore()?.principal ?? null;
  },
};

/** The tenant a principal acts in: everything for a platform admin, else their organisation. */
export function tenantOf(principal: Principal): TenantScope | null {
  if (principal.roles.includes('platform-admin')) return { kind: 'all', reason: 'platform-admin' };
  return principal.organisationId ? { kind: 'organisation', organisationId: principal.organisationId } : null;
}

/** Whether the current scope may see a row of this organisation. */
export function tenantAllows(organisationId: string): boolean {
  const tenant = TenantContext.require();
  return tenant.kind === 'all' || tenant.organisationId === organisationId;
}
