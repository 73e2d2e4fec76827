import { Global, Module } from '@nestjs/common';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { RegistrationRepository } from '../registrations/registration.repository';
import { SlotRepository } from '../slots/slot.repository';

/**
 * The service's repositories in one module, so features that need each other's data
 * (a cancellation releases slot claims; check-in reads registrations) import them
 * without importing each other.
 */
@Global()
@Module({
  providers: [CommunityEventRepository, RegistrationRepository, SlotRepository],
  exports: [CommunityEventRepository, RegistrationRepository, SlotRepository],
})
export class RepositoriesModule {}
