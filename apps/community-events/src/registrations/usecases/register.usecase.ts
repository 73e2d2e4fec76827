import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RegistrationConfirmed, RegistrationWaitlisted } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError, SecretToken, TenantContext } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../../community-events/community-events.errors';
import type { RegisterDto } from '../dto/register.dto';
import { RegistrationEntity } from '../registration.entity';
import { RegistrationRepository } from '../registration.repository';
import { RegistrationAdmissionPolicy } from '../registration-admission.policy';
import { RegistrationClosedError } from '../registrations.errors';

export interface RegistrationOutcome {
  registration: RegistrationEntity;
  /** False when an earlier request already registered this email: nothing was written. */
  created: boolean;
  /** Only for a new registration; the database keeps its hash alone. */
  selfServiceToken: string | null;
  waitlistPosition: number | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Registers a party: confirmed while its whole party fits, otherwise waitlisted whole.
 * Idempotent per (event, email): a retry finds the live registration and returns it.
 */
@Injectable()
export class RegisterUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
  ) {}

  async execute(eventId: string, command: RegisterDto): Promise<RegistrationOutcome> {
    try {
      return await this.attempt(eventId, command);
    } catch (error) {
      // The event lock makes this unreachable in practice; the unique index is the backstop,
      // and losing to it means an identical request won: answer with its registration.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return this.attempt(eventId, command);
    }
  }

  private attempt(eventId: string, command: RegisterDto): Promise<RegistrationOutcome> {
    return this.unitOfWork.run(async (tx) => {
      // The row lock makes registrations for this event take turns: each one sees the seats
      // its predecessors took, so the decision below is made on current numbers.
      // Public: any published event, whoever runs it; drafts are not found.
      const event = await this.events.lockForPublicRegistration(tx.manager, eventId);
      if (!event) throw new CommunityEventNotFoundError(eventId);
      TenantContext.adopt(event.organisationId);

      const existing = await this.registrations.findLiveByEmail(tx.manager, eventId, command.email);
      if (existing) {
        const position = existing.status === 'waitlisted' ? await this.registrations.waitlistPosition(existing, tx.manager) : null;
        return { registration: existing, created: false, selfServiceToken: null, waitlistPosition: position };
      }

      const refusal = RegistrationAdmissionPolicy.refusal(event, command.partySize, new Date());
      if (refusal === 'party-too-large') {
        throw new RequestValidationError([{ field: 'partySize', messages: [`partySize must not be greater than ${event.maxPartySize} for this event`] }]);
      }
      if (refusal) throw new RegistrationClosedError(refusal);

      const status = RegistrationAdmissionPolicy.placement(event, command.partySize);
      const { token, hash } = SecretToken.generate();
      const registration = await this.registrations.insert(
        tx.manager,
        Object.assign(new RegistrationEntity(), {
          id: randomUUID(),
          eventId,
          name: command.name,
          email: command.email,
          phone: command.phone ?? null,
          partySize: command.partySize,
          preferredLanguage: Intl.getCanonicalLocales(command.preferredLanguage)[0],
          accessibilityNeeds: command.accessibilityNeeds ?? null,
          status,
          offerExpiresAt: null,
          tokenHash: hash,
          checkedInAt: null,
          checkedInParty: null,
          version: 1,
        }),
      );
      const registrant = { name: registration.name, email: registration.email, phone: registration.phone, preferredLanguage: registration.preferredLanguage };
      let waitlistPosition: number | null = null;
      if (status === 'confirmed') {
        await tx.publish({
          definition: RegistrationConfirmed,
          key: eventId,
          organisationId: event.organisationId,
          payload: { eventId, registrationId: registration.id, partySize: registration.partySize, confirmedBy: 'registered', registrant },
        });
      } else {
        waitlistPosition = await this.registrations.waitlistPosition(registration, tx.manager);
        await tx.publish({
          definition: RegistrationWaitlisted,
          key: eventId,
          organisationId: event.organisationId,
          payload: { eventId, registrationId: registration.id, partySize: registration.partySize, waitlistPosition, registrant },
        });
      }
      return { registration, created: true, selfServiceToken: token, waitlistPosition };
    });
  }
}
