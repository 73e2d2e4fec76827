import { DeadLetterTopics } from '@diplomacy/contracts';
import { AuditModule } from '@diplomacy/service-kit';
import type { ServiceDefinition } from '@diplomacy/service-kit';
import { loadProgramsConfig } from './config/programs.config';
import type { ProgramsEnvironment } from './config/programs.config';
import { PROGRAMS_MIGRATIONS } from './migrations';
import { CommunityCheckInEntity, ScheduleItemEntity } from './impact/impact-projection.entity';
import { ImpactModule } from './impact/impact.module';
import { OrganisationContactEntity, OrganisationEntity } from './organisations/organisation.entity';
import { OrganisationsModule } from './organisations/organisations.module';
import { ParticipantEntity } from './participants/participant.entity';
import { ParticipantsModule } from './participants/participants.module';
import { PartnershipEntity } from './partnerships/partnership.entity';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { ProgramCoHostEntity, ProgramEntity, ProgramLegEntity } from './programs/program.entity';
import { ProgramsModule } from './programs/programs.module';

export const ProgramsService: ServiceDefinition<ProgramsEnvironment> = {
  name: 'programs',
  description: 'Programs, participants, organisations, sister-city partnerships and impact reports.',
  entities: [ProgramEntity, ProgramLegEntity, ProgramCoHostEntity, OrganisationEntity, OrganisationContactEntity, PartnershipEntity, ParticipantEntity, ScheduleItemEntity, CommunityCheckInEntity],
  migrations: PROGRAMS_MIGRATIONS,
  features: [OrganisationsModule, PartnershipsModule, ProgramsModule, ParticipantsModule, ImpactModule, AuditModule],
  // Projections of scheduling's and community-events' events for the impact reports (ImpactEventsConsumer).
  consumer: { groupId: 'programs', deadLetterTopic: DeadLetterTopics.programs },
  // Every route needs a token: coordinators write and viewers read within their organisation,
  // a participant reads their own participant record, platform admins do everything; the
  // token's organisation scopes every query (docs/security.md, "programs").
  security: 'enforced',
  loadConfig: loadProgramsConfig,
};
