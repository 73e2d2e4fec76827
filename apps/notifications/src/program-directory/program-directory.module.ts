import { Module } from '@nestjs/common';
import { ProgramDirectoryController } from './program-directory.controller';
import { ProgramDirectoryRepository } from './program-directory.repository';
import { ProgramEventsConsumer } from './program-events.consumer';

@Module({
  controllers: [ProgramDirectoryController, ProgramEventsConsumer],
  providers: [ProgramDirectoryRepository],
  exports: [ProgramDirectoryRepository],
})
export class ProgramDirectoryModule {}
