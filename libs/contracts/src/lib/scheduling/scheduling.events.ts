import type { EventDefinition } from '../event-definition';
import { AGENDA_ITEM_EVENTS } from './agenda-item-events';

/** Every event type the scheduling service publishes on `scheduling.schedule-changes`. */
export const SCHEDULING_EVENTS: readonly EventDefinition<unknown>[] = [...AGENDA_ITEM_EVENTS] as EventDefinition<unknown>[];
