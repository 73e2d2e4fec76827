import { Module } from '@nestjs/common';
import { RegistrationsCoreModule } from '../registrations/registrations-core.module';
import { SlotsController } from './slots.controller';
import { SlotClaimsUseCase } from './usecases/claim-slot.usecase';
import { CreateSlotUseCase } from './usecases/create-slot.usecase';

@Module({
  imports: [RegistrationsCoreModule],
  controllers: [SlotsController],
  providers: [CreateSlotUseCase, SlotClaimsUseCase],
})
export class SlotsModule {}
