import { Module } from '@nestjs/common';
import { loadCommunityEventsConfig } from '../config/community-events.config';
import { CLAIM_SWEEP_INTERVAL_MS, ClaimDeadlineSweeper } from './claim-deadline.sweeper';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsCoreModule } from './registrations-core.module';
import { SelfServiceController } from './self-service.controller';
import { CancelRegistrationUseCase } from './usecases/cancel-registration.usecase';
import { ChangePartySizeUseCase } from './usecases/change-party-size.usecase';
import { ClaimOfferUseCase } from './usecases/claim-offer.usecase';
import { RegisterUseCase } from './usecases/register.usecase';

@Module({
  imports: [RegistrationsCoreModule],
  controllers: [RegistrationsController, SelfServiceController],
  providers: [
    RegisterUseCase,
    ChangePartySizeUseCase,
    CancelRegistrationUseCase,
    ClaimOfferUseCase,
    ClaimDeadlineSweeper,
    // Feature modules do not receive the service config, so the sweeper reads its one setting here.
    { provide: CLAIM_SWEEP_INTERVAL_MS, useFactory: () => loadCommunityEventsConfig().CLAIM_SWEEP_INTERVAL_MS },
  ],
  exports: [ClaimDeadlineSweeper],
})
export class RegistrationsModule {}
