import { Inject, Injectable } from '@nestjs/common';
import { ProgramStatusChanged } from '@diplomacy/contracts';
import type { ProgramStatus } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, VersionConflictError } from '@diplomacy/service-kit';
import { PROGRAM_ENTITY, programStatusChanges } from '../program.audit';
import { ProgramStatusPolicy } from '../program-status.policy';
import { ProgramRepository } from '../program.repository';
import type { ProgramView } from '../program.view';
import { ProgramNotFoundError } from '../programs.errors';

export interface TransitionProgramCommand {
  id: string;
  to: ProgramStatus;
  reason: string | null;
  /** Optional here: the transition itself is checked against the current status under a row lock. */
  expectedVersion?: number;
}

/** Moves a program along its lifecycle and announces it, or refuses with the allowed targets. */
@Injectable()
export class TransitionProgramStatusUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute(command: TransitionProgramCommand): Promise<ProgramView> {
    return this.unitOfWork.run(async (tx) => {
      // The lock makes two concurrent transitions run one after the other: the second sees the first's status.
      const current = await this.programs.lockView(tx.manager, command.id);
      if (!current) throw new ProgramNotFoundError(command.id);
      const { program } = current;
      if (command.expectedVersion !== undefined && command.expectedVersion !== program.version) {
        throw new VersionConflictError(`Program ${command.id}`, command.expectedVersion, program.version);
      }
      ProgramStatusPolicy.assertCanMove(program.status, command.to);
      await this.programs.update(tx.manager, program.id, program.version, { status: command.to, statusReason: command.reason });
      await tx.publish({
        definition: ProgramStatusChanged,
        key: program.id,
        organisationId: program.organisationId,
        payload: { programId: program.id, from: program.status, to: command.to, reason: command.reason, version: program.version + 1 },
      });
      const after = await this.programs.getView(program.id, tx.manager);
      await this.audit.record(tx.manager, {
        organisationId: program.organisationId,
        entityType: PROGRAM_ENTITY,
        entityId: program.id,
        action: 'status-changed',
        changes: programStatusChanges(current, after),
      });
      return after;
    });
  }
}
