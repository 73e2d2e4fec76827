import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OrganisationMismatchError } from './security.errors';
import { TenantContext } from './tenant-context';

/**
 * A `where` fragment limiting a TypeORM find to the current tenant: `{ organisationId }`, or
 * nothing for a platform admin or system work. Throws when no tenant is in scope, so a query
 * that forgot its scope fails loudly instead of reading every organisation.
 */
export function tenantWhere<E extends ObjectLiteral>(property = 'organisationId'): FindOptionsWhere<E> {
  const tenant = TenantContext.require();
  return (tenant.kind === 'all' ? {} : { [property]: tenant.organisationId }) as FindOptionsWhere<E>;
}

/**
 * The same scope for raw SQL: returns a condition on `column` and pushes its parameter, e.g.
 * `WHERE e.id = $1 AND ${tenantSql('e.organisation_id', params)}`.
 */
export function tenantSql(column: string, params: unknown[]): string {
  const tenant = TenantContext.require();
  if (tenant.kind === 'all') return 'TRUE';
  params.push(tenant.organisationId);
  return `${column} = $${params.length}`;
}

/**
 * The scope as a query-builder condition with named parameters, for rows that belong to a
 * tenant through a parent, e.g.
 * `qb.andWhere(...tenantClause('EXISTS (SELECT 1 FROM community_events e WHERE e.id = r.event_id AND e.organisation_id = :tenant)'))`.
 * The template must use `:tenant`; across every organisation the clause is `TRUE`.
 */
export function tenantClause(template: string): [string, Record<string, unknown>] {
  const tenant = TenantContext.require();
  if (tenant.kind === 'all') return ['TRUE', {}];
  return [template, { tenant: tenant.organisationId }];
}

/**
 * Base of every repository of tenant-owned rows. Its helpers are the only way its subclasses
 * build queries, so each query carries the tenant by construction:
 *  - `scoped(where)` for finds, `scopedQuery(alias)` for query builders;
 *  - `assertOwnTenant(organisationId)` before inserting a row.
 * A row of another tenant is simply not found, and the caller answers 404, never 403.
 * Deliberately cross-tenant reads (public pages, secret links) are separate, named methods.
 */
export abstract class TenantScopedRepository<E extends ObjectLiteral> {
  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly target: EntityTarget<E>,
    /** The entity property holding the owning organisation. */
    protected readonly tenantProperty = 'organisationId',
  ) {}

  protected scoped(where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return { ...where, ...tenantWhere<E>(this.tenantProperty) };
  }

  protected scopedQuery(alias: string, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<E> {
    const query = manager.getRepository(this.target).createQueryBuilder(alias);
    const tenant = TenantContext.require();
    if (tenant.kind === 'organisation') {
      query.andWhere(`${alias}.${this.tenantProperty} = :__tenant`, { __tenant: tenant.organisationId });
      // `where()` would replace the tenant condition; here it adds to it, so no caller can drop the scope.
      query.where = query.andWhere.bind(query);
    }
    return query;
  }

  /** Refuses to write a row for an organisation outside the current scope. */
  protected assertOwnTenant(organisationId: string): void {
    const tenant = TenantContext.require();
    if (tenant.kind === 'organisation' && tenant.organisationId !== organisationId) throw new OrganisationMismatchError();
  }
}
