import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager, SelectQueryBuilder, UpdateQueryBuilder, DeleteQueryBuilder } from 'typeorm';
import { tenantClause } from '@diplomacy/service-kit';
import { ParticipantEntity } from './participant.entity';

/** A participant belongs to the organisation of its program; every query here says so. */
const IN_TENANT = (alias: string) => `EXISTS (SELECT 1 FROM programs pr WHERE pr.id = ${alias}program_id AND pr.organisation_id = :tenant)`;

/**
 * The only place that reads or writes participants. Participants have no organisation
 * column of their own: every query is scoped through their program's (tenantClause), so
 * another organisation's participant is not found. Inserts go through a program the caller
 * has just found in scope.
 */
@Injectable()
export class ParticipantRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, participant: Partial<ParticipantEntity>): Promise<ParticipantEntity> {
    await manager.insert(ParticipantEntity, participant);
    return this.get(participant.id as string, manager);
  }

  find(programId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ParticipantEntity | null> {
    return this.query(manager).andWhere('p.program_id = :programId AND p.id = :id', { programId, id }).getOne();
  }

  /** For a row this transaction just wrote: its absence is a bug, not a 404. */
  async get(id: string, manager: EntityManager): Promise<ParticipantEntity> {
    const participant = await this.query(manager).andWhere('p.id = :id', { id }).getOne();
    if (!participant) throw new Error(`participant ${id} vanished inside its own transaction`);
    return participant;
  }

  lock(manager: EntityManager, programId: string, id: string): Promise<ParticipantEntity | null> {
    return this.query(manager).setLock('pessimistic_write').andWhere('p.program_id = :programId AND p.id = :id', { programId, id }).getOne();
  }

  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<ParticipantEntity>): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(ParticipantEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion });
    const result = await scope(query, 'participants.').execute();
    return result.affected === 1;
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await scope(manager.createQueryBuilder().delete().from(ParticipantEntity).where('id = :id', { id }), 'participants.').execute();
  }

  /** Everyone on a program, in the order they were added. */
  listForProgram(programId: string): Promise<ParticipantEntity[]> {
    return this.query(this.dataSource.manager).andWhere('p.program_id = :programId', { programId }).orderBy('p.createdAt', 'ASC').addOrderBy('p.id', 'ASC').getMany();
  }

  private query(manager: EntityManager): SelectQueryBuilder<ParticipantEntity> {
    return scope(manager.getRepository(ParticipantEntity).createQueryBuilder('p'), 'p.');
  }
}

function scope<Q extends SelectQueryBuilder<ParticipantEntity> | UpdateQueryBuilder<ParticipantEntity> | DeleteQueryBuilder<ParticipantEntity>>(query: Q, prefix: string): Q {
  const [condition, parameters] = tenantClause(IN_TENANT(prefix));
  return query.andWhere(condition, parameters) as Q;
}
