import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ProgramCreated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, RequestValidationError } from '@diplomacy/service-kit';
import { owningOrganisation } from '../../tenancy/owning-organisation';
import { PROGRAM_ENTITY, programChanges } from '../program.audit';
import { ProgramEntity } from '../program.entity';
import { ProgramRepository } from '../program.repository';
import type { CreateProgramDto } from '../dto/create-program.dto';

/** Creates a program in draft in the caller's organisation, announces it and audits it, in one transaction. */
@Injectable()
export class CreateProgramUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute(command: CreateProgramDto): Promise<ProgramEntity> {
    if (command.endDate < command.startDate) {
      throw new RequestValidationError([{ field: 'endDate', messages: ['endDate must not be before startDate'] }]);
    }
    const organisationId = owningOrganisation(command.organisationId, 'organisationId');
    return this.unitOfWork.run(async (tx) => {
      const program = await this.programs.insert(
        tx.manager,
        Object.assign(new ProgramEntity(), {
          id: randomUUID(),
          organisationId,
          title: command.title,
          kind: command.kind,
          status: 'draft',
          theme: command.theme ?? null,
          startDate: command.startDate,
          endDate: command.endDate,
        }),
      );
      await tx.publish({
        definition: ProgramCreated,
        key: program.id,
        organisationId: program.organisationId,
        payload: {
          programId: program.id,
          organisationId: program.organisationId,
          title: program.title,
          kind: program.kind,
          status: program.status,
          theme: program.theme,
          startDate: program.startDate,
          endDate: program.endDate,
        },
      });
      await this.audit.record(tx.manager, {
        organisationId,
        entityType: PROGRAM_ENTITY,
        entityId: program.id,
        action: 'created',
        changes: programChanges(null, await this.programs.getView(program.id, tx.manager)),
      });
      return program;
    });
  }
}
