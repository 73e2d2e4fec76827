import { Module } from '@nestjs/common';
import { RegistrationsCoreModule } from '../registrations/registrations-core.module';
import { CommunityEventsController } from './community-events.controller';
import { CancelCommunityEventUseCase } from './usecases/cancel-community-event.usecase';
import { CreateCommunityEventUseCase } from './usecases/create-community-event.usecase';
import { PublishCommunityEventUseCase } from './usecases/publish-community-event.usecase';
import { UpdateCommunityEventUseCase } from './usecases/update-community-event.usecase';

@Module({
  imports: [RegistrationsCoreModule],
  controllers: [CommunityEventsController],
  providers: [CreateCommunityEventUseCase, UpdateCommunityEventUseCase, PublishCommunityEventUseCase, CancelCommunityEventUseCase],
})
export class CommunityEventsModule {}
