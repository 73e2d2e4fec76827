import { Module } from '@nestjs/common';
import { ProgramsController } from './programs.controller';
import { ProgramRepository } from './program.repository';
import { CreateProgramUseCase } from './usecases/create-program.usecase';

@Module({
  controllers: [ProgramsController],
  providers: [ProgramRepository, CreateProgramUseCase],
})
export class ProgramsModule {}
