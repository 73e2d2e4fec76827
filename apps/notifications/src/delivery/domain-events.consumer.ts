import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@diplomacy/contracts';
import type { EventEnvelope } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { inTenantOf } from '../tenancy/event-tenant';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationPlanner } from './notification-planner';
import type { PlanOutcome } from './notification-planner';

export const DELIVERY_CONSUMER_NAME = 'notifications.delivery';

/**
 * Turns every event of the other services into notifications, once: the projection
 * updates and the notification rows commit in the Inbox transaction, then the
 * dispatcher is woken to send them. Each event is handled inside its organisation's tenant
 * scope, so the rows it writes and the projections it reads belong to that organisation.
 */
@EventConsumer()
export class DomainEventsConsumer {
  private readonly logger = new Logger(DomainEventsConsumer.name);

  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(NotificationPlanner) private readonly planner: NotificationPlanner,
    @Inject(NotificationDispatcher) private readonly dispatcher: NotificationDispatcher,
  ) {}

  @EventPattern(Topics.programs)
  onProgramEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    return this.handle(envelope);
  }

  @EventPattern(Topics.scheduleChanges)
  onScheduleChange(@Payload() envelope: EventEnvelope): Promise<void> {
    return this.handle(envelope);
  }

  @EventPattern(Topics.communityEvents)
  onCommunityEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    return this.handle(envelope);
  }

  private handle(envelope: EventEnvelope): Promise<void> {
    return inTenantOf(envelope, () => this.handleInTenant(envelope));
  }

  private async handleInTenant(envelope: EventEnvelope): Promise<void> {
    let outcome: PlanOutcome = { queued: 0, suppressed: 0 };
    const result = await this.inbox.handleOnce(DELIVERY_CONSUMER_NAME, envelope, async (tx) => {
      outcome = await this.planner.handle(tx.manager, envelope);
    });
    if (result === 'duplicate') {
      this.logger.log(`${envelope.type} ${envelope.id} already handled: nothing more is sent`);
      return;
    }
    if (outcome.queued > 0) this.dispatcher.wake();
    if (outcome.queued + outcome.suppressed > 0) this.logger.log(`${envelope.type} ${envelope.id}: ${outcome.queued} queued, ${outcome.suppressed} suppressed by preferences`);
  }
}
