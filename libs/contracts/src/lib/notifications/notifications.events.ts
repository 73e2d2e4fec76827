import type { EventDefinition } from '../event-definition';
import { NotificationFailed, NotificationSent } from './notification-events';

/** Every event type the notifications service publishes on `notifications.events`. */
export const NOTIFICATIONS_EVENTS: readonly EventDefinition<unknown>[] = [NotificationSent, NotificationFailed] as EventDefinition<unknown>[];
