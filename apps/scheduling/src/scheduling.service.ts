import { DeadLetterTopics } from '@diplomacy/contracts';
import { AuditModule } from '@diplomacy/service-kit';
import type { ServiceDefinition } from '@diplomacy/service-kit';
import { CalendarFeedEntity } from './calendar-feeds/calendar-feed.entity';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module';
import { CommunityEventLinksModule } from './community-event-links/community-event-links.module';
import { loadSchedulingConfig } from './config/scheduling.config';
import type { SchedulingEnvironment } from './config/scheduling.config';
import { AgendaItemEntity } from './itinerary/agenda-item.entity';
import { ItineraryModule } from './itinerary/itinerary.module';
import { SCHEDULING_MIGRATIONS } from './migrations';
import { ProgramBookModule } from './program-book/program-book.module';
import { ProgramReactionsModule } from './program-projection/program-reactions.module';
import { ProgramParticipantEntity, ScheduledProgramEntity } from './program-projection/scheduled-program.entity';
import { ResourceEntity } from './resources/resource.entity';
import { ResourcesModule } from './resources/resources.module';

export const SchedulingService: ServiceDefinition<SchedulingEnvironment> = {
  name: 'scheduling',
  description: 'Itineraries and agenda items without double bookings, in the right time zones, with calendar feeds.',
  entities: [ScheduledProgramEntity, ProgramParticipantEntity, ResourceEntity, AgendaItemEntity, CalendarFeedEntity],
  migrations: SCHEDULING_MIGRATIONS,
  features: [ResourcesModule, ItineraryModule, ProgramReactionsModule, CommunityEventLinksModule, CalendarFeedsModule, ProgramBookModule, AuditModule],
  consumer: { groupId: 'scheduling', deadLetterTopic: DeadLetterTopics.scheduling },
  // Every route needs a token of the program's organisation (coordinators write; viewers,
  // participants and contacts read what docs/scheduling.md lists), except the calendar feeds
  // reached by secret link. Consumers handle each event within its organisation. Coordinators
  // read who changed what at GET /audit (AuditModule; docs/audit.md).
  security: 'enforced',
  loadConfig: loadSchedulingConfig,
};
