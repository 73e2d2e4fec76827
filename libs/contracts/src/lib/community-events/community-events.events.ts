import type { EventDefinition } from '../event-definition';

/** Every event type the community-events service publishes on `community-events.events`. */
export const COMMUNITY_EVENTS_EVENTS: readonly EventDefinition<unknown>[] = [];
