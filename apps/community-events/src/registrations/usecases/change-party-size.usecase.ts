import { Inject, Injectable } from '@nestjs/common';
import { RegistrationPartySizeChanged } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import type { RegistrationEntity } from '../registration.entity';
import { RegistrationRepository } from '../registration.repository';
import { RegistrationAdmissionPolicy } from '../registration-admission.policy';
import { AlreadyCheckedInError, NotEnoughSeatsError, RegistrationClosedError, RegistrationEndedError } from '../registrations.errors';
import { SelfServiceLinks } from '../self-service-links';
import { WaitlistPromoter } from '../waitlist-promoter';
import { lockRegistration } from './locked-registration';

/**
 * A registrant changes their party size. A seated party grows only into free seats;
 * a smaller party frees seats, which go to the waitlist in the same transaction.
 */
@Injectable()
export class ChangePartySizeUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
    @Inject(WaitlistPromoter) private readonly promoter: WaitlistPromoter,
  ) {}

  async execute(token: string, partySize: number): Promise<RegistrationEntity> {
    const found = await this.links.resolve(token);
    return this.unitOfWork.run(async (tx) => {
      const { event, registration } = await lockRegistration(tx, this.events, this.registrations, found);
      if (registration.status !== 'confirmed' && registration.status !== 'waitlisted' && registration.status !== 'offered') {
        throw new RegistrationEndedError(registration.status);
      }
      if (registration.checkedInAt) throw new AlreadyCheckedInError();
      if (partySize > event.maxPartySize) {
        throw new RequestValidationError([{ field: 'partySize', messages: [`partySize must not be greater than ${event.maxPartySize} for this event`] }]);
      }
      if (partySize === registration.partySize) return registration;
      if (event.status !== 'published') throw new RegistrationClosedError('not-published');

      const holdsSeats = registration.status !== 'waitlisted';
      const growth = partySize - registration.partySize;
      const free = RegistrationAdmissionPolicy.freeSeats(event);
      if (holdsSeats && growth > free) throw new NotEnoughSeatsError(growth, free);

      const updated = await this.registrations.update(tx.manager, registration.id, { partySize, version: registration.version + 1 });
      await tx.publish({
        definition: RegistrationPartySizeChanged,
        key: event.id,
        organisationId: event.organisationId,
        payload: { eventId: event.id, registrationId: updated.id, previousPartySize: registration.partySize, partySize, status: registration.status },
      });
      // A seated party that shrank frees seats; a waiting party that shrank may now fit.
      if (growth < 0) await this.promoter.promote(tx, event, 'party-size-reduced');
      return this.registrations.findById(tx.manager, updated.id).then((r) => r ?? updated);
    });
  }
}
