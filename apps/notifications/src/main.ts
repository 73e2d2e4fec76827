import 'reflect-metadata';
import { startFromCommandLine } from '@diplomacy/service-kit';
import { NotificationsService } from './notifications.service';

startFromCommandLine(NotificationsService).catch((error) => {
  console.error(error);
  process.exit(1);
});
