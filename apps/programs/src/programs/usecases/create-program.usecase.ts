import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ProgramCreated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { ProgramEntity } from '../program.entity';
import { ProgramRepository } from '../program.repository';
import type { CreateProgramDto } from '../dto/create-program.dto';

/** Creates a program in draft and announces it, in one transaction. */
@Injectable()
export class CreateProgramUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
  ) {}

  async execute(command: CreateProgramDto): Promise<ProgramEntity> {
    if (command.endDate < command.startDate) {
      throw new RequestValidationError([{ field: 'endDate', messages: ['endDate must not be before startDate'] }]);
    }
    return this.unitOfWork.run(async (tx) => {
      const program = await this.programs.insert(
        tx.manager,
        Object.assign(new ProgramEntity(), {
          id: randomUUID(),
          organisationId: command.organisationId,
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
      return program;
    });
  }
}
