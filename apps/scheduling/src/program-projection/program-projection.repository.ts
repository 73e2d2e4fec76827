import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository, tenantClause, tenantSql } from '@diplomacy/service-kit';
import { ProgramParticipantEntity, ScheduledProgramEntity } from './scheduled-program.entity';

/**
 * The projection of programs and participants that the consumer keeps and the use cases read.
 * Programs carry their organisation and every query is scoped to the current tenant (the
 * caller's, or the consumed event's): another organisation's program is not known here.
 * Participants belong to a program and are scoped through it.
 */
@Injectable()
export class ProgramProjectionRepository extends TenantScopedRepository<ScheduledProgramEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, ScheduledProgramEntity);
  }

  /**
   * Inserts or refreshes the program. The update only applies to a row of the same
   * organisation: a program id arriving again under another organisation changes nothing.
   */
  async upsertProgram(manager: EntityManager, program: Omit<ScheduledProgramEntity, 'updatedAt'>): Promise<void> {
    this.assertOwnTenant(program.organisationId);
    await manager.query(
      `INSERT INTO scheduled_programs (program_id, organisation_id, title, status, start_date, end_date, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (program_id) DO UPDATE
         SET title = EXCLUDED.title, status = EXCLUDED.status, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
             last_event_id = EXCLUDED.last_event_id, updated_at = now()
       WHERE scheduled_programs.organisation_id = EXCLUDED.organisation_id`,
      [program.programId, program.organisationId, program.title, program.status, program.startDate, program.endDate, program.lastEventId],
    );
  }

  async updateProgram(manager: EntityManager, programId: string, changes: Partial<Omit<ScheduledProgramEntity, 'programId' | 'organisationId' | 'updatedAt'>>): Promise<boolean> {
    const result = await manager.update(ScheduledProgramEntity, this.scoped({ programId }), { ...changes, updatedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  findProgram(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ScheduledProgramEntity | null> {
    return manager.findOneBy(ScheduledProgramEntity, this.scoped({ programId }));
  }

  /**
   * Item writes take the program row in share mode, the participant reactions in
   * update mode: a write that resolves "the whole delegation" and a participant
   * joining or leaving cannot interleave, so nobody misses an item they belong in.
   */
  lockProgram(manager: EntityManager, programId: string, mode: 'share' | 'update'): Promise<ScheduledProgramEntity | null> {
    return manager.findOne(ScheduledProgramEntity, { where: this.scoped({ programId }), lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' } });
  }

  /**
   * Records a participant of a program of the current tenant; returns false (and writes
   * nothing) when the program is not the tenant's or not known yet. programs.events is keyed
   * by program, so a program's program.created always arrives before its participants.
   */
  async upsertParticipant(manager: EntityManager, participant: ProgramParticipantEntity): Promise<boolean> {
    if (!(await this.findProgram(participant.programId, manager))) return false;
    await manager.upsert(ProgramParticipantEntity, participant, ['programId', 'participantId']);
    return true;
  }

  async markParticipantRemoved(manager: EntityManager, programId: string, participantId: string, lastEventId: string): Promise<void> {
    const params: unknown[] = [programId, participantId, lastEventId];
    await manager.query(
      `UPDATE program_participants pp SET removed_at = now(), last_event_id = $3
        WHERE pp.program_id = $1 AND pp.participant_id = $2
          AND EXISTS (SELECT 1 FROM scheduled_programs p WHERE p.program_id = pp.program_id AND ${tenantSql('p.organisation_id', params)})`,
      params,
    );
  }

  activeParticipants(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramParticipantEntity[]> {
    return this.participantsQuery(manager).where('pp.program_id = :programId AND pp.removed_at IS NULL', { programId }).orderBy('pp.participant_id', 'ASC').getMany();
  }

  findParticipant(programId: string, participantId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramParticipantEntity | null> {
    return this.participantsQuery(manager).where('pp.program_id = :programId AND pp.participant_id = :participantId', { programId, participantId }).getOne();
  }

  /** Participants of the tenant's programs only; `where()` on it adds to the scope. */
  private participantsQuery(manager: EntityManager) {
    const query = manager
      .getRepository(ProgramParticipantEntity)
      .createQueryBuilder('pp')
      .andWhere(...tenantClause('EXISTS (SELECT 1 FROM scheduled_programs p WHERE p.program_id = pp.program_id AND p.organisation_id = :tenant)'));
    query.where = query.andWhere.bind(query);
    return query;
  }
}
