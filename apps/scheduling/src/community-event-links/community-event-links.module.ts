import { Module } from '@nestjs/common';
import { ItineraryModule } from '../itinerary/itinerary.module';
import { CommunityEventLinkRepository } from './community-event-link.repository';
import { CommunityEventReactions } from './community-event-reactions';
import { CommunityEventsConsumer } from './community-events.consumer';

/** Consumes community-events.events: linked community events on program itineraries, kept in sync. */
@Module({
  imports: [ItineraryModule],
  controllers: [CommunityEventsConsumer],
  providers: [CommunityEventLinkRepository, CommunityEventReactions],
  exports: [CommunityEventReactions],
})
export class CommunityEventLinksModule {}
