import { Inject, Injectable } from '@nestjs/common';
import { CommunityEventPublished } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import type { CommunityEventEntity } from '../community-event.entity';
import { CommunityEventRepository } from '../community-event.repository';
import { communityEventSnapshot } from '../community-event.snapshot';
import { CommunityEventStatusPolicy } from '../community-event-status.policy';
import { CommunityEventNotFoundError, CommunityEventStatusTransitionError } from '../community-events.errors';

/** Opens a draft for registration and announces the whole event, linked programs included. */
@Injectable()
export class PublishCommunityEventUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
  ) {}

  async execute(id: string): Promise<CommunityEventEntity> {
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, id);
      if (!event) throw new CommunityEventNotFoundError(id);
      if (!CommunityEventStatusPolicy.canMove(event.status, 'published')) {
        throw new CommunityEventStatusTransitionError(event.status, 'published', CommunityEventStatusPolicy.allowedFrom(event.status));
      }
      const published = await this.events.update(tx.manager, id, { status: 'published', version: event.version + 1 });
      await tx.publish({ definition: CommunityEventPublished, key: id, organisationId: published.organisationId, payload: communityEventSnapshot(published) });
      return published;
    });
  }
}
