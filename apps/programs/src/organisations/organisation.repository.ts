import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';
import { TenantScopedRepository, tenantClause } from '@diplomacy/service-kit';
import type { CursorPosition } from '../pagination/cursor.codec';
import { OrganisationContactEntity, OrganisationEntity } from './organisation.entity';
import type { OrganisationView } from './organisation.view';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  resourceType?: ResourceType;
  country?: string;
  managedBy?: string;
}

/**
 * The only place that reads or writes organisations and their contacts. An organisation record
 * (a host council, a resource organisation, a sister-city association) belongs to the tenant
 * that maintains it (`managedBy`), and every query is scoped to the caller's: another tenant's
 * records are not found, and cannot be referenced from a program. Contacts are reached only
 * through their organisation. The one deliberate cross-tenant read is `partnerAssociations`.
 */
@Injectable()
export class OrganisationRepository extends TenantScopedRepository<OrganisationEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, OrganisationEntity, 'managedBy');
  }

  async insert(manager: EntityManager, organisation: Partial<OrganisationEntity> & { id: string; managedBy: string }, contacts: OrganisationContactEntity[]): Promise<OrganisationView> {
    this.assertOwnTenant(organisation.managedBy);
    await manager.insert(OrganisationEntity, organisation);
    if (contacts.length > 0) await manager.insert(OrganisationContactEntity, contacts);
    return this.getView(organisation.id, manager);
  }

  /** For a row this transaction just wrote or locked: its absence is a bug, not a 404. */
  async getView(id: string, manager: EntityManager): Promise<OrganisationView> {
    const view = await this.findView(id, manager);
    if (!view) throw new Error(`organisation ${id} vanished inside its own transaction`);
    return view;
  }

  async findView(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganisationView | null> {
    const organisation = await manager.findOneBy(OrganisationEntity, this.scoped({ id }));
    if (!organisation) return null;
    const contacts = await manager.find(OrganisationContactEntity, { where: { organisationId: id }, order: { position: 'ASC' } });
    return { organisation, contacts };
  }

  /** Reads the row and holds it until commit, so concurrent writers queue instead of overwriting each other. */
  async lockView(manager: EntityManager, id: string): Promise<OrganisationView | null> {
    const locked = await this.scopedQuery('o', manager).setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
    return locked ? this.findView(id, manager) : null;
  }

  /** Writes the changed columns and the next version; `false` when the row is no longer at `expectedVersion`. */
  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<OrganisationEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(OrganisationEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .andWhere(...tenantClause('managed_by = :tenant'))
      .execute();
    return result.affected === 1;
  }

  /** Only for an organisation the caller has just locked through lockView, i.e. one in their scope. */
  async replaceContacts(manager: EntityManager, organisationId: string, contacts: OrganisationContactEntity[]): Promise<void> {
    await manager.delete(OrganisationContactEntity, { organisationId });
    if (contacts.length > 0) await manager.insert(OrganisationContactEntity, contacts);
  }

  /** Which of `ids` exist; the rest are references a request must not make. */
  async existingIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(OrganisationEntity, { select: { id: true }, where: this.scoped({ id: In([...new Set(ids)]) }) });
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Across organisations, deliberately: the kinds of the associations a sister-city
   * partnership may name. The partner association abroad is often maintained by another
   * tenant, so besides the caller's own records this finds other tenants' sister-city
   * associations, and nothing else of theirs (their other records stay "does not exist").
   */
  async partnerAssociations(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationKind>> {
    if (ids.length === 0) return new Map();
    const [own, ownParameters] = tenantClause('o.managed_by = :tenant');
    const rows = await manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .select(['o.id', 'o.kind'])
      .where('o.id IN (:...ids)', { ids: [...new Set(ids)] })
      .andWhere(`(${own} OR o.kind = 'sister-city-association')`, ownParameters)
      .getMany();
    return new Map(rows.map((row) => [row.id, row.kind]));
  }

  /** One page sorted by (name, id) in byte order, the order the cursor compares in. */
  async list(filter: OrganisationFilter, limit: number, after: CursorPosition | null): Promise<OrganisationView[]> {
    const query = this.scopedQuery('o');
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.resourceType) query.andWhere('o.resource_type = :resourceType', { resourceType: filter.resourceType });
    if (filter.country) query.andWhere('o.country = :country', { country: filter.country });
    if (filter.managedBy) query.andWhere('o.managed_by = :managedBy', { managedBy: filter.managedBy });
    if (after) query.andWhere('(o.name COLLATE "C", o.id) > (:afterName COLLATE "C", :afterId)', { afterName: after.sortKey, afterId: after.id });
    const organisations = await query.orderBy('o.name COLLATE "C"').addOrderBy('o.id').limit(limit).getMany();
    const contacts = organisations.length
      ? await this.dataSource.manager.find(OrganisationContactEntity, { where: { organisationId: In(organisations.map((o) => o.id)) }, order: { position: 'ASC' } })
      : [];
    return organisations.map((organisation) => ({ organisation, contacts: contacts.filter((c) => c.organisationId === organisation.id) }));
  }
}
