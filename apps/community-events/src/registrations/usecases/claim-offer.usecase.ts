import { Inject, Injectable } from '@nestjs/common';
import { RegistrationConfirmed } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import type { RegistrationEntity } from '../registration.entity';
import { RegistrationRepository } from '../registration.repository';
import { OfferExpiredError, OfferNotPendingError } from '../registrations.errors';
import { SelfServiceLinks } from '../self-service-links';
import { lockRegistration } from './locked-registration';

/** A promoted party confirms the seats it was offered, before the claim deadline. Claiming twice is harmless. */
@Injectable()
export class ClaimOfferUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
  ) {}

  async execute(token: string, now: Date = new Date()): Promise<RegistrationEntity> {
    const found = await this.links.resolve(token);
    return this.unitOfWork.run(async (tx) => {
      const { event, registration } = await lockRegistration(tx, this.events, this.registrations, found);
      if (registration.status === 'confirmed') return registration;
      if (registration.status !== 'offered') throw new OfferNotPendingError(registration.status);
      if (registration.offerExpiresAt && now >= registration.offerExpiresAt) throw new OfferExpiredError(registration.offerExpiresAt);
      const confirmed = await this.registrations.update(tx.manager, registration.id, { status: 'confirmed', offerExpiresAt: null, version: registration.version + 1 });
      await tx.publish({
        definition: RegistrationConfirmed,
        key: event.id,
        organisationId: event.organisationId,
        payload: {
          eventId: event.id,
          registrationId: confirmed.id,
          partySize: confirmed.partySize,
          confirmedBy: 'claimed',
          registrant: { name: confirmed.name, email: confirmed.email, phone: confirmed.phone, preferredLanguage: confirmed.preferredLanguage },
        },
      });
      return confirmed;
    });
  }
}
