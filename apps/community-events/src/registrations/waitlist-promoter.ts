import { Inject, Injectable } from '@nestjs/common';
import { RegistrationPromoted } from '@diplomacy/contracts';
import type { RegistrationPromotedV1 } from '@diplomacy/contracts';
import type { Transaction } from '@diplomacy/messaging';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import type { CommunityEventEntity } from '../community-events/community-event.entity';
import { RegistrationRepository } from './registration.repository';
import { WaitlistPromotionPolicy } from './waitlist-promotion.policy';

export type PromotionTrigger = RegistrationPromotedV1['trigger'];

/**
 * Applies the WaitlistPromotionPolicy inside the caller's transaction. The caller holds
 * the event row lock, so the free seats read here cannot change until it commits.
 */
@Injectable()
export class WaitlistPromoter {
  constructor(
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
  ) {}

  async promote(tx: Transaction, lockedEvent: CommunityEventEntity, trigger: PromotionTrigger, now: Date = new Date()): Promise<string[]> {
    if (lockedEvent.status !== 'published' || now >= lockedEvent.startsAt) return [];
    const event = await this.events.reload(tx.manager, lockedEvent.id);
    const { promote } = WaitlistPromotionPolicy.plan(event.capacity - event.seatsTaken, await this.registrations.waitlist(tx.manager, event.id));
    const deadline = WaitlistPromotionPolicy.claimDeadline(now, event.claimWindowHours, event.startsAt);
    for (const party of promote) {
      await this.registrations.update(tx.manager, party.registrationId, {
        status: deadline ? 'offered' : 'confirmed',
        offerExpiresAt: deadline,
      });
    }
    if (promote.length > 0) {
      await tx.publish(
        ...promote.map((party) => ({
          definition: RegistrationPromoted,
          key: event.id,
          organisationId: event.organisationId,
          payload: {
            eventId: event.id,
            registrationId: party.registrationId,
            partySize: party.partySize,
            status: deadline ? ('offered' as const) : ('confirmed' as const),
            claimDeadline: deadline?.toISOString() ?? null,
            trigger,
          },
        })),
      );
    }
    return promote.map((party) => party.registrationId);
  }
}
