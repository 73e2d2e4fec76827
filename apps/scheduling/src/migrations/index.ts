import type { MigrationClass } from '@diplomacy/service-kit';
import { CreateScheduling1763900000200 } from './1763900000200-create-scheduling';
import { CommunityEventLinks1763900000210 } from './1763900000210-community-event-links';
import { SchedulingTenancy1763900000220 } from './1763900000220-scheduling-tenancy';
import { CreateAuditLog1763900000230 } from './1763900000230-create-audit-log';

export const SCHEDULING_MIGRATIONS: MigrationClass[] = [CreateScheduling1763900000200, CommunityEventLinks1763900000210, SchedulingTenancy1763900000220, CreateAuditLog1763900000230];
