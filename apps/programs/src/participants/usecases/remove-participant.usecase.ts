import { Inject, Injectable } from '@nestjs/common';
import { ParticipantRemoved } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, VersionConflictError } from '@diplomacy/service-kit';
import { ProgramRepository } from '../../programs/program.repository';
import { PARTICIPANT_ENTITY, participantChanges } from '../participant.audit';
import { ParticipantRepository } from '../participant.repository';
import { ParticipantNotFoundError } from '../participants.errors';

export interface RemoveParticipantCommand {
  programId: string;
  participantId: string;
  expectedVersion?: number;
}

@Injectable()
export class RemoveParticipantUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(ParticipantRepository) private readonly participants: ParticipantRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute({ programId, participantId, expectedVersion }: RemoveParticipantCommand): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const current = await this.participants.lock(tx.manager, programId, participantId);
      if (!current) throw new ParticipantNotFoundError(programId, participantId);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionConflictError(`Participant ${participantId}`, expectedVersion, current.version);
      }
      await this.participants.remove(tx.manager, participantId);
      const program = await this.programs.getView(programId, tx.manager);
      const organisationId = program.program.organisationId;
      await tx.publish({ definition: ParticipantRemoved, key: programId, organisationId, payload: { programId, participantId } });
      await this.audit.record(tx.manager, { organisationId, entityType: PARTICIPANT_ENTITY, entityId: participantId, action: 'deleted', changes: participantChanges(current, null) });
    });
  }
}
