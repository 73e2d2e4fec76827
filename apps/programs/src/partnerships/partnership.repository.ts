import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
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

/** The only place that reads or writes partnerships. */
@Injectable()
export class PartnershipRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, partnership: PartnershipRow): Promise<PartnershipEntity> {
    await manager.insert(PartnershipEntity, partnership);
    return manager.findOneByOrFail(PartnershipEntity, { id: partnership.id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PartnershipEntity | null> {
    return manager.findOneBy(PartnershipEntity, { id });
  }

  /** For a row this transaction just wrote: its absence is a bug, not a 404. */
  get(id: string, manager: EntityManager): Promise<PartnershipEntity> {
    return manager.findOneByOrFail(PartnershipEntity, { id });
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(PartnershipEntity, { id });
  }

  lock(manager: EntityManager, id: string): Promise<PartnershipEntity | null> {
    return manager.getRepository(PartnershipEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<PartnershipEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PartnershipEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  /** A pair of communities is one partnership: is this pair already recorded (other than `exceptId`)? */
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
    const query = this.dataSource.getRepository(PartnershipEntity).createQueryBuilder('p');
    if (filter.managedBy) query.andWhere('p.managed_by = :managedBy', { managedBy: filter.managedBy });
    if (filter.country) query.andWhere('p.partner_country = :country', { country: filter.country });
    return query.orderBy('p.us_community_name').addOrderBy('p.id').limit(500).getMany();
  }

  /** The exchange history: programs linked to the partnership, oldest first, with their participant counts. */
  async exchanges(partnershipId: string): Promise<ExchangeRecord[]> {
    const rows: { id: string; title: string; kind: ProgramKind; status: ProgramStatus; start_date: string; end_date: string; participants: number }[] =
      await this.dataSource.query(
        `SELECT p.id, p.title, p.kind, p.status, to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
                (SELECT count(*)::int FROM participants pa WHERE pa.program_id = p.id) AS participants
           FROM programs p WHERE p.partnership_id = $1 ORDER BY p.start_date, p.id`,
        [partnershipId],
      );
    return rows.map((r) => ({ programId: r.id, title: r.title, kind: r.kind, status: r.status, startDate: r.start_date, endDate: r.end_date, participants: r.participants }));
  }
}
