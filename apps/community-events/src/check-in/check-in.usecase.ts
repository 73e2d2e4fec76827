import { Inject, Injectable } from '@nestjs/common';
import { RegistrationCheckedIn } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../community-events/community-events.errors';
import type { RegistrationEntity } from '../registrations/registration.entity';
import { RegistrationRepository } from '../registrations/registration.repository';
import { RegistrationNotFoundError } from '../registrations/registrations.errors';
import { SelfServiceLinks } from '../registrations/self-service-links';
import { CheckInNotAllowedError } from './check-in.errors';

export interface CheckInCommand {
  eventId: string;
  token?: string;
  registrationId?: string;
  partySize?: number;
}

export interface CheckInOutcome {
  registration: RegistrationEntity;
  /** False when the party had already checked in: nothing changed and nothing was published. */
  checkedInNow: boolean;
}

/**
 * Checks a party in at the door, by QR token or by a registration found by name, and
 * publishes the arrival with the event's linked programs so impact can count people reached.
 */
@Injectable()
export class CheckInUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
  ) {}

  async execute(command: CheckInCommand, now: Date = new Date()): Promise<CheckInOutcome> {
    if ((command.token === undefined) === (command.registrationId === undefined)) {
      const message = ['give either token or registrationId, not both or neither'];
      throw new RequestValidationError([
        { field: 'token', messages: message },
        { field: 'registrationId', messages: message },
      ]);
    }
    const registrationId = command.token ? (await this.links.resolve(command.token)).id : command.registrationId;
    if (!registrationId) throw new RegistrationNotFoundError();
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, command.eventId);
      if (!event) throw new CommunityEventNotFoundError(command.eventId);
      const registration = await this.registrations.findById(tx.manager, registrationId);
      if (!registration || registration.eventId !== event.id) throw new RegistrationNotFoundError();
      if (event.status !== 'published') throw new CheckInNotAllowedError(`the event is ${event.status}`);
      if (registration.status !== 'confirmed') throw new CheckInNotAllowedError(`the registration is ${registration.status}`);
      if (registration.checkedInAt) return { registration, checkedInNow: false };
      const arrived = command.partySize ?? registration.partySize;
      if (arrived > registration.partySize) {
        throw new RequestValidationError([{ field: 'partySize', messages: [`partySize must not be greater than the registered party of ${registration.partySize}`] }]);
      }
      const checkedIn = await this.registrations.update(tx.manager, registration.id, { checkedInAt: now, checkedInParty: arrived, version: registration.version + 1 });
      await tx.publish({
        definition: RegistrationCheckedIn,
        key: event.id,
        organisationId: event.organisationId,
        payload: {
          eventId: event.id,
          registrationId: registration.id,
          partySize: arrived,
          programIds: event.programIds,
          checkedInAt: now.toISOString(),
          method: command.token ? 'token' : 'name-lookup',
        },
      });
      return { registration: checkedIn, checkedInNow: true };
    });
  }
}
