import type { EventDefinition } from './event-definition';
import { COMMUNITY_EVENTS_EVENTS } from './community-events/community-events.events';
import { NOTIFICATIONS_EVENTS } from './notifications/notifications.events';
import { PROGRAMS_EVENTS } from './programs/programs.events';
import { SCHEDULING_EVENTS } from './scheduling/scheduling.events';

/** The catalogue. Each domain lists its own event types in `<domain>/<domain>.events.ts`. */
export const ALL_EVENTS: readonly EventDefinition<unknown>[] = [
  ...PROGRAMS_EVENTS,
  ...SCHEDULING_EVENTS,
  ...COMMUNITY_EVENTS_EVENTS,
  ...NOTIFICATIONS_EVENTS,
];
