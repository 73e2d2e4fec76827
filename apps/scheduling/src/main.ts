import 'reflect-metadata';
import { startFromCommandLine } from '@diplomacy/service-kit';
import { SchedulingService } from './scheduling.service';

startFromCommandLine(SchedulingService).catch((error) => {
  console.error(error);
  process.exit(1);
});
