import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ParticipantAdded } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, RequestValidationError } from '@diplomacy/service-kit';
import { ProgramRepository } from '../../programs/program.repository';
import { ProgramNotFoundError } from '../../programs/programs.errors';
import type { AddParticipantDto } from '../dto/participant.dto';
import { PARTICIPANT_ENTITY, participantChanges } from '../participant.audit';
import { ParticipantContactPolicy } from '../participant-contact.policy';
import type { ParticipantEntity } from '../participant.entity';
import { ParticipantRepository } from '../participant.repository';
import { participantSnapshot } from '../participant.snapshot';

/** Adds a person to a program and announces how to reach them (never their private notes). */
@Injectable()
export class AddParticipantUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(ParticipantRepository) private readonly participants: ParticipantRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute(programId: string, command: AddParticipantDto): Promise<ParticipantEntity> {
    const row: Partial<ParticipantEntity> = {
      id: randomUUID(),
      programId,
      name: command.name,
      country: command.country,
      title: command.title ?? null,
      organisationName: command.organisationName ?? null,
      role: command.role,
      languages: command.languages ?? [],
      preferredLanguage: command.preferredLanguage ?? null,
      notificationChannels: command.notificationChannels ?? [],
      email: command.email ?? null,
      phone: command.phone ?? null,
      gender: command.gender ?? null,
      dietaryNotes: command.dietaryNotes ?? null,
      accessibilityNotes: command.accessibilityNotes ?? null,
    };
    const errors = ParticipantContactPolicy.check(row as ParticipantEntity);
    if (errors.length > 0) throw new RequestValidationError(errors);
    return this.unitOfWork.run(async (tx) => {
      const program = await this.programs.findView(programId, tx.manager);
      if (!program) throw new ProgramNotFoundError(programId);
      const participant = await this.participants.insert(tx.manager, row);
      const organisationId = program.program.organisationId;
      await tx.publish({ definition: ParticipantAdded, key: programId, organisationId, payload: participantSnapshot(participant) });
      await this.audit.record(tx.manager, { organisationId, entityType: PARTICIPANT_ENTITY, entityId: participant.id, action: 'created', changes: participantChanges(null, participant) });
      return participant;
    });
  }
}
