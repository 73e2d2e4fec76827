import type { ServiceDefinition } from '@diplomacy/service-kit';
import { CheckInModule } from './check-in/check-in.module';
import { CommunityEventEntity } from './community-events/community-event.entity';
import { CommunityEventsModule } from './community-events/community-events.module';
import { loadCommunityEventsConfig } from './config/community-events.config';
import type { CommunityEventsEnvironment } from './config/community-events.config';
import { ExportsModule } from './exports/exports.module';
import { COMMUNITYEVENTS_MIGRATIONS } from './migrations';
import { RepositoriesModule } from './persistence/repositories.module';
import { RegistrationEntity } from './registrations/registration.entity';
import { RegistrationsModule } from './registrations/registrations.module';
import { SignupSlotEntity, SlotClaimEntity } from './slots/signup-slot.entity';
import { SlotsModule } from './slots/slots.module';

export const CommunityEventsService: ServiceDefinition<CommunityEventsEnvironment> = {
  name: 'community-events',
  description: 'Public events, registrations, waitlists, check-in and sign-up slots.',
  entities: [CommunityEventEntity, RegistrationEntity, SignupSlotEntity, SlotClaimEntity],
  migrations: COMMUNITYEVENTS_MIGRATIONS,
  features: [RepositoriesModule, CommunityEventsModule, RegistrationsModule, SlotsModule, CheckInModule, ExportsModule],
  // Every route needs a coordinator's or viewer's token of the event's organisation, except the
  // public pages, public registration and the secret-link routes (docs/security.md).
  security: 'enforced',
  loadConfig: loadCommunityEventsConfig,
};
