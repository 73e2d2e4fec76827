import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import { TenantScopedRepository, tenantClause } from '@diplomacy/service-kit';
import type { CursorPosition } from '../pagination/cursor.codec';
import { ProgramCoHostEntity, ProgramEntity, ProgramLegEntity } from './program.entity';
import type { ProgramView } from './program.view';

export interface ProgramFilter {
  status?: ProgramStatus;
  kind?: ProgramKind;
  /** Tenant key; the caller's own scope applies on top of it. */
  organisationId?: string;
  /** An organisation that hosts, co-hosts or hosts a leg of the program. */
  hostOrganisationId?: string;
  partnershipId?: string;
  /** Programs that overlap [from, to]. */
  from?: string;
  to?: string;
  /** Programs with a participant from this country. */
  country?: string;
}

/**
 * The only place that reads or writes programs, their legs and co-hosts. Every query is
 * scoped to the caller's organisation (TenantScopedRepository): another organisation's
 * program is not found. Legs and co-hosts are reached only through a program found here.
 */
@Injectable()
export class ProgramRepository extends TenantScopedRepository<ProgramEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, ProgramEntity);
  }

  async insert(manager: EntityManager, program: ProgramEntity): Promise<ProgramEntity> {
    this.assertOwnTenant(program.organisationId);
    await manager.insert(ProgramEntity, program);
    return manager.findOneByOrFail(ProgramEntity, this.scoped({ id: program.id }));
  }

  findById(id: string): Promise<ProgramEntity | null> {
    return this.dataSource.getRepository(ProgramEntity).findOneBy(this.scoped({ id }));
  }

  async findView(id: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramView | null> {
    const program = await manager.findOneBy(ProgramEntity, this.scoped({ id }));
    if (!program) return null;
    const [view] = await this.withDetails([program], manager);
    return view;
  }

  /** For a row this transaction just wrote or locked: its absence is a bug, not a 404. */
  async getView(id: string, manager: EntityManager): Promise<ProgramView> {
    const view = await this.findView(id, manager);
    if (!view) throw new Error(`program ${id} vanished inside its own transaction`);
    return view;
  }

  /** Reads the program and holds its row until commit: concurrent writers to one program queue up. */
  async lockView(manager: EntityManager, id: string): Promise<ProgramView | null> {
    const locked = await this.scopedQuery('p', manager).setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    return locked ? this.findView(id, manager) : null;
  }

  /** Writes changed columns and the next version; `false` if the row is no longer at `expectedVersion`. */
  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<ProgramEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ProgramEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .andWhere(...tenantClause('organisation_id = :tenant'))
      .execute();
    return result.affected === 1;
  }

  // Legs and co-hosts carry no organisation of their own: callers replace them only for a
  // program they have just locked through lockView, i.e. one in their scope.
  async replaceLegs(manager: EntityManager, programId: string, legs: ProgramLegEntity[]): Promise<void> {
    await manager.delete(ProgramLegEntity, { programId });
    if (legs.length > 0) await manager.insert(ProgramLegEntity, legs);
  }

  async replaceCoHosts(manager: EntityManager, programId: string, organisationIds: string[]): Promise<void> {
    await manager.delete(ProgramCoHostEntity, { programId });
    if (organisationIds.length > 0) await manager.insert(ProgramCoHostEntity, organisationIds.map((organisationId) => ({ programId, organisationId })));
  }

  /** One page sorted by (start date, id). */
  async list(filter: ProgramFilter, limit: number, after: CursorPosition | null): Promise<ProgramView[]> {
    const query = this.scopedQuery('p');
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.organisationId) query.andWhere('p.organisation_id = :organisationId', { organisationId: filter.organisationId });
    if (filter.partnershipId) query.andWhere('p.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
    if (filter.from) query.andWhere('p.end_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('p.start_date <= :to', { to: filter.to });
    if (filter.hostOrganisationId) {
      query.andWhere(
        `(p.host_organisation_id = :host
          OR EXISTS (SELECT 1 FROM program_co_hosts c WHERE c.program_id = p.id AND c.organisation_id = :host)
          OR EXISTS (SELECT 1 FROM program_legs l WHERE l.program_id = p.id AND l.local_host_organisation_id = :host))`,
        { host: filter.hostOrganisationId },
      );
    }
    if (filter.country) {
      query.andWhere('EXISTS (SELECT 1 FROM participants pa WHERE pa.program_id = p.id AND pa.country = :country)', { country: filter.country });
    }
    if (after) query.andWhere('(p.start_date, p.id) > (:afterDate::date, :afterId::uuid)', { afterDate: after.sortKey, afterId: after.id });
    const programs = await query.orderBy('p.start_date').addOrderBy('p.id').limit(limit).getMany();
    return this.withDetails(programs, this.dataSource.manager);
  }

  private async withDetails(programs: ProgramEntity[], manager: EntityManager): Promise<ProgramView[]> {
    if (programs.length === 0) return [];
    const ids = programs.map((p) => p.id);
    const [legs, coHosts] = await Promise.all([
      manager.find(ProgramLegEntity, { where: { programId: In(ids) }, order: { position: 'ASC' } }),
      manager.find(ProgramCoHostEntity, { where: { programId: In(ids) }, order: { organisationId: 'ASC' } }),
    ]);
    return programs.map((program) => ({
      program,
      legs: legs.filter((leg) => leg.programId === program.id),
      coHostOrganisationIds: coHosts.filter((c) => c.programId === program.id).map((c) => c.organisationId),
    }));
  }
}
