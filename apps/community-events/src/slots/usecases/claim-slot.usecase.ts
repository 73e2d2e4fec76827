import { Inject, Injectable } from '@nestjs/common';
import { SlotClaimed, SlotReleased } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import { RegistrationRepository } from '../../registrations/registration.repository';
import { SelfServiceLinks } from '../../registrations/self-service-links';
import { lockRegistration } from '../../registrations/usecases/locked-registration';
import type { SignupSlotEntity } from '../signup-slot.entity';
import { SlotClaimEntity } from '../signup-slot.entity';
import { SlotRepository } from '../slot.repository';
import { SlotEventClosedError, SlotFullError, SlotNotClaimableError, SlotNotFoundError } from '../slots.errors';

/**
 * A confirmed registrant signs up for a slot, or gives it back. The slot row is locked
 * while its remaining count is checked, and a trigger-maintained CHECK (claimed <= quantity)
 * makes over-claiming impossible even if this check were wrong.
 */
@Injectable()
export class SlotClaimsUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
  ) {}

  /** Claims `quantity` of the slot; claiming again sets the registration's quantity to the new number. */
  async claim(token: string, slotId: string, quantity: number): Promise<SignupSlotEntity> {
    const found = await this.links.resolve(token);
    return this.unitOfWork.run(async (tx) => {
      const { event, registration } = await lockRegistration(tx, this.events, this.registrations, found);
      if (event.status !== 'published') throw new SlotEventClosedError(event.status);
      if (registration.status !== 'confirmed') throw new SlotNotClaimableError(registration.status);
      const slot = await this.slots.lockById(tx.manager, slotId);
      if (!slot || slot.eventId !== event.id) throw new SlotNotFoundError(slotId);

      const previous = await this.slots.findClaim(tx.manager, slotId, registration.id);
      const alreadyHeld = previous?.quantity ?? 0;
      if (quantity === alreadyHeld) return slot;
      const remaining = slot.quantity - slot.claimed + alreadyHeld;
      if (quantity > remaining) throw new SlotFullError(slot.label, remaining);

      if (previous) await this.slots.deleteClaim(tx.manager, slotId, registration.id);
      await this.slots.insertClaim(tx.manager, Object.assign(new SlotClaimEntity(), { slotId, registrationId: registration.id, quantity }));
      const after = await this.slots.reload(tx.manager, slotId);
      const change = { eventId: event.id, slotId, label: slot.label, registrationId: registration.id, claimed: after.claimed, capacity: slot.quantity };
      if (quantity > alreadyHeld) {
        await tx.publish({ definition: SlotClaimed, key: event.id, organisationId: event.organisationId, payload: { ...change, quantity: quantity - alreadyHeld } });
      } else {
        await tx.publish({ definition: SlotReleased, key: event.id, organisationId: event.organisationId, payload: { ...change, quantity: alreadyHeld - quantity, reason: 'registrant' } });
      }
      return after;
    });
  }

  /** Gives the whole claim back; releasing what is not held changes nothing. */
  async release(token: string, slotId: string): Promise<SignupSlotEntity> {
    const found = await this.links.resolve(token);
    return this.unitOfWork.run(async (tx) => {
      const { event, registration } = await lockRegistration(tx, this.events, this.registrations, found);
      const slot = await this.slots.lockById(tx.manager, slotId);
      if (!slot || slot.eventId !== event.id) throw new SlotNotFoundError(slotId);
      const claim = await this.slots.findClaim(tx.manager, slotId, registration.id);
      if (!claim) return slot;
      await this.slots.deleteClaim(tx.manager, slotId, registration.id);
      const after = await this.slots.reload(tx.manager, slotId);
      await tx.publish({
        definition: SlotReleased,
        key: event.id,
        organisationId: event.organisationId,
        payload: { eventId: event.id, slotId, label: slot.label, registrationId: registration.id, quantity: claim.quantity, claimed: after.claimed, capacity: slot.quantity, reason: 'registrant' },
      });
      return after;
    });
  }
}
