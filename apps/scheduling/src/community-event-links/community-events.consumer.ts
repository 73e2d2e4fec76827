import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CommunityEventCancelled, CommunityEventPublished, CommunityEventUpdated, Topics } from '@diplomacy/contracts';
import type { EventEnvelope, PayloadOf } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { inTenantOfEvent } from '../tenancy/event-tenant';
import { CommunityEventReactions } from './community-event-reactions';

export const CONSUMER_NAME = 'scheduling.community-event-links';

const HANDLED = new Set([CommunityEventPublished, CommunityEventUpdated, CommunityEventCancelled].map((d) => d.type));

/**
 * Puts community events on the itineraries of the programs they are linked to and keeps
 * them in sync, once per event (Inbox). Registrations and slots travel on the same
 * topic; scheduling has no use for them.
 */
@EventConsumer()
export class CommunityEventsConsumer {
  private readonly logger = new Logger(CommunityEventsConsumer.name);

  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(CommunityEventReactions) private readonly reactions: CommunityEventReactions,
  ) {}

  @EventPattern(Topics.communityEvents)
  async onCommunityEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    if (!HANDLED.has(envelope.type)) return;
    // Within the community event's organisation: it reaches only that organisation's programs.
    await inTenantOfEvent(envelope, () => this.handle(envelope));
  }

  private async handle(envelope: EventEnvelope): Promise<void> {
    switch (envelope.type) {
      case CommunityEventPublished.type: {
        const event = envelope.payload as PayloadOf<typeof CommunityEventPublished>;
        if (event.programIds.length === 0) return;
        await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
          const outcomes = await this.reactions.snapshot(tx, event, null);
          this.logger.log(`community event ${event.eventId} v${event.version} published: ${JSON.stringify(outcomes)}`);
        });
        return;
      }
      case CommunityEventUpdated.type: {
        const event = envelope.payload as PayloadOf<typeof CommunityEventUpdated>;
        if (event.programIds.length === 0 && event.unlinkedProgramIds.length === 0) return;
        await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
          const { changedFields, unlinkedProgramIds, ...snapshot } = event;
          const outcomes = await this.reactions.snapshot(tx, snapshot, changedFields, unlinkedProgramIds);
          this.logger.log(`community event ${event.eventId} v${event.version} updated (${changedFields.join(', ')}): ${JSON.stringify(outcomes)}`);
        });
        return;
      }
      case CommunityEventCancelled.type: {
        const event = envelope.payload as PayloadOf<typeof CommunityEventCancelled>;
        if (event.programIds.length === 0) return;
        await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
          const cancelled = await this.reactions.cancelled(tx, event);
          this.logger.log(`community event ${event.eventId} cancelled: ${cancelled} item(s) cancelled`);
        });
        return;
      }
      default:
        return;
    }
  }
}
