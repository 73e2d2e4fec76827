import { Module } from '@nestjs/common';
import { AuditModule } from '@diplomacy/service-kit';
import { ProgramsModule } from '../programs/programs.module';
import { ParticipantRepository } from './participant.repository';
import { ParticipantsController } from './participants.controller';
import { AddParticipantUseCase } from './usecases/add-participant.usecase';
import { RemoveParticipantUseCase } from './usecases/remove-participant.usecase';
import { UpdateParticipantUseCase } from './usecases/update-participant.usecase';

@Module({
  imports: [ProgramsModule, AuditModule],
  controllers: [ParticipantsController],
  providers: [ParticipantRepository, AddParticipantUseCase, UpdateParticipantUseCase, RemoveParticipantUseCase],
  exports: [ParticipantRepository],
})
export class ParticipantsModule {}
