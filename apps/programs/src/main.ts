import 'reflect-metadata';
import { startFromCommandLine } from '@diplomacy/service-kit';
import { ProgramsService } from './programs.service';

startFromCommandLine(ProgramsService).catch((error) => {
  console.error(error);
  process.exit(1);
});
