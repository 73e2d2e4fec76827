import type { EventDefinition } from '../event-definition';

/** Every event type the scheduling service publishes on `scheduling.schedule-changes`. */
export const SCHEDULING_EVENTS: readonly EventDefinition<unknown>[] = [];
