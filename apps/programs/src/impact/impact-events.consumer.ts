import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AGENDA_ITEM_EVENTS, RegistrationCheckedIn, Topics } from '@diplomacy/contracts';
import type { EventEnvelope, PayloadOf, ScheduleChangeV1 } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { TenantContext } from '@diplomacy/service-kit';
import { ImpactProjectionRepository } from './impact-projection.repository';

export const IMPACT_CONSUMER = 'programs.impact-projection';

const SCHEDULE_CHANGES = new Set(AGENDA_ITEM_EVENTS.map((d) => d.type));

/**
 * Builds the projections the impact reports count, once per event (Inbox), from the
 * schedule changes and the community-events check-ins. The catalogue has validated
 * every envelope before it gets here; a malformed one was dead-lettered instead.
 * Each event is handled as its organisation (the envelope's organisationId), as a request
 * of that organisation would be; an event without one is system work.
 */
@EventConsumer()
export class ImpactEventsConsumer {
  private readonly logger = new Logger(ImpactEventsConsumer.name);

  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(ImpactProjectionRepository) private readonly projection: ImpactProjectionRepository,
  ) {}

  @EventPattern(Topics.scheduleChanges)
  onScheduleChange(@Payload() envelope: EventEnvelope): Promise<void> {
    return asOrganisationOf(envelope, () => this.applyScheduleChange(envelope));
  }

  @EventPattern(Topics.communityEvents)
  onCommunityEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    return asOrganisationOf(envelope, () => this.applyCommunityEvent(envelope));
  }

  private async applyScheduleChange(envelope: EventEnvelope): Promise<void> {
    if (!SCHEDULE_CHANGES.has(envelope.type)) return;
    // Every agenda-item.* event carries the whole item after the change, so one rule
    // serves them all: keep `after` if it is newer than what is held.
    const { after } = envelope.payload as ScheduleChangeV1;
    await this.inbox.handleOnce(IMPACT_CONSUMER, envelope, async (tx) => {
      const applied = await this.projection.applyItemState(tx.manager, {
        itemId: after.itemId,
        programId: after.programId,
        kind: after.kind,
        title: after.title,
        status: after.status,
        startsAt: new Date(after.startsAt),
        endsAt: new Date(after.endsAt),
        resourceId: after.resource?.resourceId ?? null,
        resourceName: after.resource?.name ?? null,
        version: after.version,
        lastEventId: envelope.id,
      });
      if (!applied) this.logger.debug(`agenda item ${after.itemId} v${after.version} is not newer than the copy held; ignored`);
    });
  }

  private async applyCommunityEvent(envelope: EventEnvelope): Promise<void> {
    // Only arrivals count towards impact; registrations, slots and the events themselves do not.
    if (envelope.type !== RegistrationCheckedIn.type) return;
    const checkIn = envelope.payload as PayloadOf<typeof RegistrationCheckedIn>;
    await this.inbox.handleOnce(IMPACT_CONSUMER, envelope, async (tx) => {
      await this.projection.recordCheckIns(
        tx.manager,
        checkIn.programIds.map((programId) => ({
          registrationId: checkIn.registrationId,
          programId,
          communityEventId: checkIn.eventId,
          partySize: checkIn.partySize,
          checkedInAt: new Date(checkIn.checkedInAt),
          eventId: envelope.id,
        })),
      );
    });
  }
}

function asOrganisationOf<T>(envelope: EventEnvelope, work: () => Promise<T>): Promise<T> {
  return envelope.organisationId
    ? TenantContext.run({ kind: 'organisation', organisationId: envelope.organisationId }, work)
    : TenantContext.runAsSystem(work);
}
