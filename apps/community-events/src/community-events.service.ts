import type { ServiceDefinition } from '@diplomacy/service-kit';
import { loadCommunityEventsConfig } from './config/community-events.config';
import type { CommunityEventsEnvironment } from './config/community-events.config';
import { COMMUNITYEVENTS_MIGRATIONS } from './migrations';

export const CommunityEventsService: ServiceDefinition<CommunityEventsEnvironment> = {
  name: 'community-events',
  description: 'Public events, registrations, waitlists, check-in and sign-up slots.',
  entities: [],
  migrations: COMMUNITYEVENTS_MIGRATIONS,
  features: [],
  loadConfig: loadCommunityEventsConfig,
};
