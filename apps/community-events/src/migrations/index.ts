import type { MigrationClass } from '@diplomacy/service-kit';

// The service's own tables arrive with its first feature; the messaging tables come from @diplomacy/messaging.
export const COMMUNITYEVENTS_MIGRATIONS: MigrationClass[] = [];
