import { Inject, Injectable } from '@nestjs/common';
import { RegistrationCancelled, SlotReleased } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import { SlotRepository } from '../../slots/slot.repository';
import type { RegistrationEntity } from '../registration.entity';
import { RegistrationRepository } from '../registration.repository';
import { SelfServiceLinks } from '../self-service-links';
import { WaitlistPromoter } from '../waitlist-promoter';
import { lockRegistration } from './locked-registration';

/**
 * A registrant cancels. Their sign-ups are given back, their seats go to the waitlist,
 * all in one transaction with the events that say so. Cancelling twice changes nothing.
 */
@Injectable()
export class CancelRegistrationUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
    @Inject(WaitlistPromoter) private readonly promoter: WaitlistPromoter,
  ) {}

  async execute(token: string): Promise<RegistrationEntity> {
    const found = await this.links.resolve(token);
    return this.unitOfWork.run(async (tx) => {
      const { event, registration } = await lockRegistration(tx, this.events, this.registrations, found);
      const previousStatus = registration.status;
      if (previousStatus !== 'confirmed' && previousStatus !== 'waitlisted' && previousStatus !== 'offered') return registration;

      for (const { slot, quantity } of await this.slots.claimsOfRegistration(tx.manager, registration.id)) {
        await this.slots.deleteClaim(tx.manager, slot.id, registration.id);
        const after = await this.slots.reload(tx.manager, slot.id);
        await tx.publish({
          definition: SlotReleased,
          key: event.id,
          organisationId: event.organisationId,
          payload: { eventId: event.id, slotId: slot.id, label: slot.label, registrationId: registration.id, quantity, claimed: after.claimed, capacity: slot.quantity, reason: 'registration-cancelled' },
        });
      }
      const cancelled = await this.registrations.update(tx.manager, registration.id, { status: 'cancelled', offerExpiresAt: null, version: registration.version + 1 });
      await tx.publish({
        definition: RegistrationCancelled,
        key: event.id,
        organisationId: event.organisationId,
        payload: { eventId: event.id, registrationId: registration.id, partySize: registration.partySize, previousStatus, reason: 'registrant' },
      });
      if (previousStatus !== 'waitlisted') await this.promoter.promote(tx, event, 'cancellation');
      return cancelled;
    });
  }
}
