import type { MigrationClass } from '@diplomacy/service-kit';
import { CreateScheduling1763900000200 } from './1763900000200-create-scheduling';
import { CommunityEventLinks1763900000210 } from './1763900000210-community-event-links';

export const SCHEDULING_MIGRATIONS: MigrationClass[] = [CreateScheduling1763900000200, CommunityEventLinks1763900000210];
