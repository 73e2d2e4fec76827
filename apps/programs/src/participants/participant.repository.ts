import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ParticipantEntity } from './participant.entity';

/** The only place that reads or writes participants. */
@Injectable()
export class ParticipantRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, participant: Partial<ParticipantEntity>): Promise<ParticipantEntity> {
    await manager.insert(ParticipantEntity, participant);
    return manager.findOneByOrFail(ParticipantEntity, { id: participant.id });
  }

  find(programId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ParticipantEntity | null> {
    return manager.findOneBy(ParticipantEntity, { programId, id });
  }

  /** For a row this transaction just wrote: its absence is a bug, not a 404. */
  get(id: string, manager: EntityManager): Promise<ParticipantEntity> {
    return manager.findOneByOrFail(ParticipantEntity, { id });
  }

  lock(manager: EntityManager, programId: string, id: string): Promise<ParticipantEntity | null> {
    return manager
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.program_id = :programId AND p.id = :id', { programId, id })
      .getOne();
  }

  async update(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<ParticipantEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ParticipantEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ParticipantEntity, { id });
  }

  /** Everyone on a program, in the order they were added. */
  listForProgram(programId: string): Promise<ParticipantEntity[]> {
    return this.dataSource.getRepository(ParticipantEntity).find({ where: { programId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
