import 'reflect-metadata';
import { startFromCommandLine } from '@diplomacy/service-kit';
import { CommunityEventsService } from './community-events.service';

startFromCommandLine(CommunityEventsService).catch((error) => {
  console.error(error);
  process.exit(1);
});
