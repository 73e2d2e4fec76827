import { Inject, Injectable } from '@nestjs/common';
import { ParticipantUpdated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, RequestValidationError, VersionConflictError } from '@diplomacy/service-kit';
import { ProgramRepository } from '../../programs/program.repository';
import type { UpdateParticipantDto } from '../dto/participant.dto';
import { PARTICIPANT_ENTITY, participantChanges } from '../participant.audit';
import { ParticipantContactPolicy } from '../participant-contact.policy';
import type { ParticipantEntity } from '../participant.entity';
import { ParticipantRepository } from '../participant.repository';
import { PUBLIC_PARTICIPANT_FIELDS, participantSnapshot } from '../participant.snapshot';
import { ParticipantNotFoundError } from '../participants.errors';

export interface UpdateParticipantCommand {
  programId: string;
  participantId: string;
  expectedVersion: number;
  changes: UpdateParticipantDto;
}

const FIELDS = [...PUBLIC_PARTICIPANT_FIELDS, 'gender', 'dietaryNotes', 'accessibilityNotes'] as const;

/**
 * A partial update under optimistic concurrency. `participant.updated` goes out
 * only when a public field changed: a change to private notes or gender is
 * nobody else's business, and an event saying "something private changed" would
 * itself leak that.
 */
@Injectable()
export class UpdateParticipantUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(ParticipantRepository) private readonly participants: ParticipantRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute({ programId, participantId, expectedVersion, changes }: UpdateParticipantCommand): Promise<ParticipantEntity> {
    return this.unitOfWork.run(async (tx) => {
      const current = await this.participants.lock(tx.manager, programId, participantId);
      if (!current) throw new ParticipantNotFoundError(programId, participantId);
      if (current.version !== expectedVersion) throw new VersionConflictError(`Participant ${participantId}`, expectedVersion, current.version);

      const next: Partial<ParticipantEntity> = {};
      for (const field of FIELDS) {
        const value = changes[field];
        if (value !== undefined && JSON.stringify(current[field]) !== JSON.stringify(value)) Object.assign(next, { [field]: value });
      }
      const changed = Object.keys(next);
      if (changed.length === 0) return current;
      const errors = ParticipantContactPolicy.check({ ...current, ...next });
      if (errors.length > 0) throw new RequestValidationError(errors);

      if (!(await this.participants.update(tx.manager, participantId, expectedVersion, next))) {
        throw new VersionConflictError(`Participant ${participantId}`, expectedVersion, current.version + 1);
      }
      const updated = await this.participants.get(participantId, tx.manager);
      const { organisationId } = (await this.programs.getView(programId, tx.manager)).program;
      // Every change is audited (private ones by field name only), even one that publishes nothing.
      await this.audit.record(tx.manager, { organisationId, entityType: PARTICIPANT_ENTITY, entityId: participantId, action: 'updated', changes: participantChanges(current, updated) });
      const publicChanges = changed.filter((field) => (PUBLIC_PARTICIPANT_FIELDS as readonly string[]).includes(field));
      if (publicChanges.length > 0) {
        await tx.publish({
          definition: ParticipantUpdated,
          key: programId,
          organisationId,
          payload: { ...participantSnapshot(updated), changedFields: publicChanges },
        });
      }
      return updated;
    });
  }
}
