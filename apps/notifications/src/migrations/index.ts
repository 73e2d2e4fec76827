import { CreateProgramDirectory1763900000400 } from './1763900000400-create-program-directory';
import { CreateNotifications1763900000410 } from './1763900000410-create-notifications';
import { RecipientOrganisations1763900000450 } from './1763900000450-recipient-organisations';
import { NotificationTraceContext1763900000470 } from './1763900000470-notification-trace-context';

export const NOTIFICATIONS_MIGRATIONS = [CreateProgramDirectory1763900000400, CreateNotifications1763900000410, RecipientOrganisations1763900000450, NotificationTraceContext1763900000470];
