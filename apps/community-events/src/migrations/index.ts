import type { MigrationClass } from '@diplomacy/service-kit';
import { CreateCommunityEvents1763900000300 } from './1763900000300-create-community-events';

export const COMMUNITYEVENTS_MIGRATIONS: MigrationClass[] = [CreateCommunityEvents1763900000300];
