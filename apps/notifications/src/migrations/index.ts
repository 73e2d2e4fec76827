import { CreateProgramDirectory1763900000400 } from './1763900000400-create-program-directory';
import { CreateNotifications1763900000410 } from './1763900000410-create-notifications';

export const NOTIFICATIONS_MIGRATIONS = [CreateProgramDirectory1763900000400, CreateNotifications1763900000410];
