import type { EventDefinition } from '../event-definition';
import { CommunityEventCancelled, CommunityEventPublished, CommunityEventUpdated } from './community-event-events';
import {
  RegistrationCancelled,
  RegistrationCheckedIn,
  RegistrationConfirmed,
  RegistrationPartySizeChanged,
  RegistrationPromoted,
  RegistrationWaitlisted,
} from './registration-events';
import { SlotClaimed, SlotReleased } from './slot-events';

/** Every event type the community-events service publishes on `community-events.events`. */
export const COMMUNITY_EVENTS_EVENTS: readonly EventDefinition<unknown>[] = [
  CommunityEventPublished,
  CommunityEventUpdated,
  CommunityEventCancelled,
  RegistrationConfirmed,
  RegistrationWaitlisted,
  RegistrationPromoted,
  RegistrationPartySizeChanged,
  RegistrationCancelled,
  RegistrationCheckedIn,
  SlotClaimed,
  SlotReleased,
] as EventDefinition<unknown>[];
