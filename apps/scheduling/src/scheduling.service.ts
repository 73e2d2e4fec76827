import type { ServiceDefinition } from '@diplomacy/service-kit';
import { loadSchedulingConfig } from './config/scheduling.config';
import type { SchedulingEnvironment } from './config/scheduling.config';
import { SCHEDULING_MIGRATIONS } from './migrations';

export const SchedulingService: ServiceDefinition<SchedulingEnvironment> = {
  name: 'scheduling',
  description: 'Itineraries and agenda items without double bookings, in the right time zones, with calendar feeds.',
  entities: [],
  migrations: SCHEDULING_MIGRATIONS,
  features: [],
  loadConfig: loadSchedulingConfig,
};
