import { Module } from '@nestjs/common';
import { AuditModule } from '@diplomacy/service-kit';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { ProgramsController } from './programs.controller';
import { ProgramRepository } from './program.repository';
import { CreateProgramUseCase } from './usecases/create-program.usecase';
import { TransitionProgramStatusUseCase } from './usecases/transition-program-status.usecase';
import { UpdateProgramUseCase } from './usecases/update-program.usecase';

@Module({
  imports: [OrganisationsModule, PartnershipsModule, AuditModule],
  controllers: [ProgramsController],
  providers: [ProgramRepository, CreateProgramUseCase, UpdateProgramUseCase, TransitionProgramStatusUseCase],
  exports: [ProgramRepository],
})
export class ProgramsModule {}
