import { Inject, Injectable } from '@nestjs/common';
import { CommunityEventCancelled } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RegistrationRepository } from '../../registrations/registration.repository';
import type { CommunityEventEntity } from '../community-event.entity';
import { CommunityEventRepository } from '../community-event.repository';
import { CommunityEventStatusPolicy } from '../community-event-status.policy';
import { CommunityEventNotFoundError, CommunityEventStatusTransitionError } from '../community-events.errors';

/**
 * Cancels the whole event with ONE `event.cancelled`. Registrations are left as they
 * were (the record of who had signed up); notifications fans the one event out to the
 * registrants it knows from registration events, so no per-registrant event is needed.
 */
@Injectable()
export class CancelCommunityEventUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
  ) {}

  async execute(id: string, reason: string): Promise<CommunityEventEntity> {
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, id);
      if (!event) throw new CommunityEventNotFoundError(id);
      if (!CommunityEventStatusPolicy.canMove(event.status, 'cancelled')) {
        throw new CommunityEventStatusTransitionError(event.status, 'cancelled', CommunityEventStatusPolicy.allowedFrom(event.status));
      }
      const cancelled = await this.events.update(tx.manager, id, { status: 'cancelled', cancellationReason: reason, version: event.version + 1 });
      // A draft was never announced, so there is nobody to tell.
      if (event.status === 'published') {
        await tx.publish({
          definition: CommunityEventCancelled,
          key: id,
          organisationId: cancelled.organisationId,
          payload: {
            eventId: id,
            organisationId: cancelled.organisationId,
            title: cancelled.title,
            startsAt: cancelled.startsAt.toISOString(),
            timeZone: cancelled.timeZone,
            programIds: cancelled.programIds,
            reason,
            activeRegistrations: await this.registrations.countLive(tx.manager, id),
            version: cancelled.version,
          },
        });
      }
      return cancelled;
    });
  }
}
