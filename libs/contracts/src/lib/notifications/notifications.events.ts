import type { EventDefinition } from '../event-definition';

/** Every event type the notifications service publishes on `notifications.events`. */
export const NOTIFICATIONS_EVENTS: readonly EventDefinition<unknown>[] = [];
