import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';
import type { CursorPosition } from '../pagination/cursor.codec';
import { OrganisationContactEntity, OrganisationEntity } from './organisation.entity';
import type { OrganisationView } from './organisation.view';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  resourceType?: ResourceType;
  country?: string;
  managedBy?: string;
}

/** The only place that reads or writes organisations and their contacts. */
@Injectable()
export class OrganisationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, organisation: Partial<OrganisationEntity> & { id: string }, contacts: OrganisationContactEntity[]): Promise<OrganisationView> {
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
    const organisation = await manager.findOneBy(OrganisationEntity, { id });
    if (!organisation) return null;
    const contacts = await manager.find(OrganisationContactEntity, { where: { organisationId: id }, order: { position: 'ASC' } });
    return { organisation, contacts };
  }

  /** Reads the row and holds it until commit, so concurrent writers queue instead of overwriting each other. */
  async lockView(manager: EntityManager, id: string): Promise<OrganisationView | null> {
    const locked = await manager.getRepository(OrganisationEntity).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
    return locked ? this.findView(id, manager) : null;
  }

  /** Writes the changed columns and the next version; `false` when the row is no longer at `expectedVersion`. */
  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<OrganisationEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(OrganisationEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  async replaceContacts(manager: EntityManager, organisationId: string, contacts: OrganisationContactEntity[]): Promise<void> {
    await manager.delete(OrganisationContactEntity, { organisationId });
    if (contacts.length > 0) await manager.insert(OrganisationContactEntity, contacts);
  }

  /** Which of `ids` exist; the rest are references a request must not make. */
  async existingIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(OrganisationEntity, { select: { id: true }, where: { id: In([...new Set(ids)]) } });
    return new Set(rows.map((row) => row.id));
  }

  /** The kind of each existing organisation among `ids`; missing ids are absent from the map. */
  async kindsOf(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationKind>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(OrganisationEntity, { select: { id: true, kind: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((row) => [row.id, row.kind]));
  }

  /** One page sorted by (name, id) in byte order, the order the cursor compares in. */
  async list(filter: OrganisationFilter, limit: number, after: CursorPosition | null): Promise<OrganisationView[]> {
    const query = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
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
