import type { MigrationClass } from '@diplomacy/service-kit';
import { CreateScheduling1763900000200 } from './1763900000200-create-scheduling';

export const SCHEDULING_MIGRATIONS: MigrationClass[] = [CreateScheduling1763900000200];
