import { checkServiceDefinition } from '@diplomacy/testing';
import { NotificationsService } from './notifications.service';

checkServiceDefinition(NotificationsService, { port: 3004, database: 'notifications' });
