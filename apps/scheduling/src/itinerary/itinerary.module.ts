import { Module } from '@nestjs/common';
import { schedulingSettingsProvider, SCHEDULING_SETTINGS } from '../config/scheduling.config';
import { ProgramProjectionModule } from '../program-projection/program-projection.module';
import { ResourcesModule } from '../resources/resources.module';
import { AgendaItemRepository } from './agenda-item.repository';
import { AgendaItemWriter } from './agenda-item-writer';
import { ItineraryController } from './itinerary.controller';
import { ItineraryTransaction } from './itinerary-transaction';
import { ScheduleAgendaItemUseCase } from './usecases/schedule-agenda-item.usecase';
import { CancelAgendaItemUseCase, ChangeAttendeesUseCase, ConfirmAgendaItemUseCase, RescheduleAgendaItemUseCase } from './usecases/change-agenda-item.usecases';

@Module({
  imports: [ResourcesModule, ProgramProjectionModule],
  controllers: [ItineraryController],
  providers: [
    schedulingSettingsProvider,
    AgendaItemRepository,
    AgendaItemWriter,
    ItineraryTransaction,
    ScheduleAgendaItemUseCase,
    RescheduleAgendaItemUseCase,
    ChangeAttendeesUseCase,
    ConfirmAgendaItemUseCase,
    CancelAgendaItemUseCase,
  ],
  exports: [SCHEDULING_SETTINGS, AgendaItemRepository, AgendaItemWriter, ResourcesModule, ProgramProjectionModule],
})
export class ItineraryModule {}
