import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import { TenantScopedRepository, tenantClause, tenantSql } from '@diplomacy/service-kit';
import { PartnershipEntity } from './partnership.entity';

/** What a new partnership is made of; the database fills in version and timestamps. */
export type PartnershipRow = Omit<PartnershipEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** One exchange of a partnership: a program linked to it, with its size. */
export interface ExchangeRecord {
  programId: string;
  title: string;
  kind: ProgramKind;
  status: ProgramStatus;
  startDate: string;
  endDate: string;
  participants: number;
}

/**
 * The only place that reads or writes partnerships. A partnership pairs two communities and
 * two sister-city associations, so its tenancy is shared:
 *  - it is *visible* (found, listed, linkable from a program, reported on) to the tenant that
 *    manages it and to the tenants that maintain either of its associations;
 *  - it is *changed* only by the tenant that manages it (`lock`, `update`: the others do not find it).
 * Anyone else does not find it at all.
 */
@Injectable()
export class PartnershipRepository extends TenantScopedRepository<PartnershipEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, PartnershipEntity, 'managedBy');
  }

  async insert(manager: EntityManager, partnership: PartnershipRow): Promise<PartnershipEntity> {
    this.assertOwnTenant(partnership.managedBy);
    await manager.insert(PartnershipEntity, partnership);
    return this.get(partnership.id, manager);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PartnershipEntity | null> {
    return this.visibleQuery('p', manager).andWhere('p.id = :id', { id }).getOne();
  }

  /** For a row this transaction just wrote: its absence is a bug, not a 404. */
  get(id: string, manager: EntityManager): Promise<PartnershipEntity> {
    return manager.findOneByOrFail(PartnershipEntity, this.scoped({ id }));
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await this.visibleQuery('p', manager).andWhere('p.id = :id', { id }).getCount()) > 0;
  }

  /** Only the managing tenant's partnerships: the partners read them, they do not change them. */
  lock(manager: EntityManager, id: string): Promise<PartnershipEntity | null> {
    return this.scopedQuery('p', manager).setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<PartnershipEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PartnershipEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .andWhere(...tenantClause('managed_by = :tenant'))
      .execute();
    return result.affected === 1;
  }

  /**
   * A pair of communities is one partnership: is this pair already recorded (other than
   * `exceptId`)? Across organisations, deliberately: the pair is unique in the whole
   * deployment (a constraint), and sister-city pairs are public knowledge.
   */
  async pairTaken(
    pair: { usCommunityName: string; usState: string; partnerCommunityName: string; partnerCountry: string },
    exceptId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const query = manager
      .getRepository(PartnershipEntity)
      .createQueryBuilder('p')
      .where('p.us_community_name = :usCommunityName AND p.us_state = :usState AND p.partner_community_name = :partnerCommunityName AND p.partner_country = :partnerCountry', pair);
    if (exceptId) query.andWhere('p.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  list(filter: { managedBy?: string; country?: string }): Promise<PartnershipEntity[]> {
    const query = this.visibleQuery('p', this.dataSource.manager);
    if (filter.managedBy) query.andWhere('p.managed_by = :managedBy', { managedBy: filter.managedBy });
    if (filter.country) query.andWhere('p.partner_country = :country', { country: filter.country });
    return query.orderBy('p.us_community_name').addOrderBy('p.id').limit(500).getMany();
  }

  /**
   * The exchange history: programs linked to the partnership, oldest first, with their
   * participant counts. Only the caller's own programs: a partner sees the partnership, not
   * the other organisation's programs.
   */
  async exchanges(partnershipId: string): Promise<ExchangeRecord[]> {
    const params: unknown[] = [partnershipId];
    const own = tenantSql('p.organisation_id', params);
    const rows: { id: string; title: string; kind: ProgramKind; status: ProgramStatus; start_date: string; end_date: string; participants: number }[] =
      await this.dataSource.query(
        `SELECT p.id, p.title, p.kind, p.status, to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
                (SELECT count(*)::int FROM participants pa WHERE pa.program_id = p.id) AS participants
           FROM programs p WHERE p.partnership_id = $1 AND ${own} ORDER BY p.start_date, p.id`,
        params,
      );
    return rows.map((r) => ({ programId: r.id, title: r.title, kind: r.kind, status: r.status, startDate: r.start_date, endDate: r.end_date, participants: r.participants }));
  }

  /** The partnerships the caller may see: managed by their organisation, or naming an association it maintains. */
  private visibleQuery(alias: string, manager: EntityManager): SelectQueryBuilder<PartnershipEntity> {
    const [condition, parameters] = tenantClause(
      `(${alias}.managed_by = :tenant OR EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${alias}.us_association_id, ${alias}.partner_association_id) AND o.managed_by = :tenant))`,
    );
    return manager.getRepository(PartnershipEntity).createQueryBuilder(alias).where(condition, parameters);
  }
}
