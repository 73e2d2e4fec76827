import { Module } from '@nestjs/common';
import { CommunityEventLinksModule } from '../community-event-links/community-event-links.module';
import { ItineraryModule } from '../itinerary/itinerary.module';
import { ProgramEventsConsumer } from './program-events.consumer';
import { ProgramProjectionModule } from './program-projection.module';
import { ProgramReactions } from './program-reactions';

/** Consumes programs.events: keeps the projection and adjusts itineraries. */
@Module({
  imports: [ProgramProjectionModule, ItineraryModule, CommunityEventLinksModule],
  controllers: [ProgramEventsConsumer],
  providers: [ProgramReactions],
})
export class ProgramReactionsModule {}
