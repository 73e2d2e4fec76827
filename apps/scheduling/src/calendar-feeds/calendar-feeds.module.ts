import { Module } from '@nestjs/common';
import { ItineraryModule } from '../itinerary/itinerary.module';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedUseCases } from './calendar-feed.usecases';
import { CalendarFeedsController } from './calendar-feeds.controller';

@Module({
  imports: [ItineraryModule],
  controllers: [CalendarFeedsController],
  providers: [CalendarFeedRepository, CalendarFeedService, CalendarFeedUseCases],
})
export class CalendarFeedsModule {}
