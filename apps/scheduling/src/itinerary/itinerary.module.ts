import { Module } from '@nestjs/common';
import { AuditModule } from '@diplomacy/service-kit';
import { schedulingSettingsProvider, SCHEDULING_SETTINGS } from '../config/scheduling.config';
import { ProgramProjectionModule } from '../program-projection/program-projection.module';
import { ResourcesModule } from '../resources/resources.module';
import { AgendaItemRepository } from './agenda-item.repository';
import { AgendaItemWriter } from './agenda-item-writer';
import { ItineraryController } from './itinerary.controller';
import { ItineraryTransaction } from './itinerary-transaction';
import { ResourceAgendaController } from './resource-agenda.controller';
import { ScheduleAgendaItemUseCase } from './usecases/schedule-agenda-item.usecase';
import { CancelAgendaItemUseCase, ChangeAttendeesUseCase, ConfirmAgendaItemUseCase, RescheduleAgendaItemUseCase } from './usecases/change-agenda-item.usecases';

@Module({
  imports: [ResourcesModule, ProgramProjectionModule, AuditModule],
  controllers: [ItineraryController, ResourceAgendaController],
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
  exports: [SCHEDULING_SETTINGS, AgendaItemRepository, AgendaItemWriter, ResourcesModule, ProgramProjectionModule, AuditModule],
})
export class ItineraryModule {}
