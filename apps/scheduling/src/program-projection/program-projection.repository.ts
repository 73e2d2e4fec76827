import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ProgramParticipantEntity, ScheduledProgramEntity } from './scheduled-program.entity';

/** The projection of programs and participants that the consumer keeps and the use cases read. */
@Injectable()
export class ProgramProjectionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async upsertProgram(manager: EntityManager, program: Omit<ScheduledProgramEntity, 'updatedAt'>): Promise<void> {
    await manager.upsert(ScheduledProgramEntity, program, ['programId']);
  }

  async updateProgram(manager: EntityManager, programId: string, changes: Partial<Omit<ScheduledProgramEntity, 'programId' | 'updatedAt'>>): Promise<boolean> {
    const result = await manager.update(ScheduledProgramEntity, { programId }, { ...changes, updatedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  findProgram(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ScheduledProgramEntity | null> {
    return manager.findOneBy(ScheduledProgramEntity, { programId });
  }

  /**
   * Item writes take the program row in share mode, the participant reactions in
   * update mode: a write that resolves "the whole delegation" and a participant
   * joining or leaving cannot interleave, so nobody misses an item they belong in.
   */
  lockProgram(manager: EntityManager, programId: string, mode: 'share' | 'update'): Promise<ScheduledProgramEntity | null> {
    return manager.findOne(ScheduledProgramEntity, { where: { programId }, lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' } });
  }

  async upsertParticipant(manager: EntityManager, participant: ProgramParticipantEntity): Promise<void> {
    await manager.upsert(ProgramParticipantEntity, participant, ['programId', 'participantId']);
  }

  async markParticipantRemoved(manager: EntityManager, programId: string, participantId: string, lastEventId: string): Promise<void> {
    await manager.update(ProgramParticipantEntity, { programId, participantId }, { removedAt: new Date(), lastEventId });
  }

  activeParticipants(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramParticipantEntity[]> {
    return manager.find(ProgramParticipantEntity, { where: { programId, removedAt: IsNull() }, order: { participantId: 'ASC' } });
  }

  findParticipant(programId: string, participantId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramParticipantEntity | null> {
    return manager.findOneBy(ProgramParticipantEntity, { programId, participantId });
  }
}
