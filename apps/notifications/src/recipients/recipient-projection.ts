import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CommunityEventCancelled,
  CommunityEventPublished,
  CommunityEventUpdated,
  OrganisationCreated,
  OrganisationUpdated,
  ParticipantAdded,
  ParticipantRemoved,
  ParticipantUpdated,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPartySizeChanged,
  RegistrationPromoted,
  RegistrationWaitlisted,
} from '@diplomacy/contracts';
import type { CommunityEventSnapshotV1, EventEnvelope, OrganisationSnapshotV1, ParticipantSnapshotV1, PayloadOf, RegistrantContactV1 } from '@diplomacy/contracts';
import { nameBasedRecipientId } from './recipient-ids';
import { RecipientRepository } from './recipient.repository';

/**
 * Builds the recipient projections from other services' events, inside the
 * consumer's Inbox transaction: this service never calls those services.
 */
@Injectable()
export class RecipientProjection {
  constructor(@Inject(RecipientRepository) private readonly recipients: RecipientRepository) {}

  static registrantId(email: string): string {
    return nameBasedRecipientId('registrant', email);
  }

  async apply(manager: EntityManager, event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case ParticipantAdded.type:
      case ParticipantUpdated.type:
        return this.participant(manager, event.payload as ParticipantSnapshotV1, event.id);
      case ParticipantRemoved.type: {
        const p = event.payload as PayloadOf<typeof ParticipantRemoved>;
        return this.recipients.removeMembership(manager, p.programId, p.participantId);
      }
      case OrganisationCreated.type:
      case OrganisationUpdated.type:
        return this.organisation(manager, event.payload as OrganisationSnapshotV1, event.id);
      case CommunityEventPublished.type:
      case CommunityEventUpdated.type:
        return this.communityEvent(manager, event.payload as CommunityEventSnapshotV1);
      case CommunityEventCancelled.type:
        return this.recipients.markCommunityEventCancelled(manager, (event.payload as PayloadOf<typeof CommunityEventCancelled>).eventId);
      case RegistrationConfirmed.type: {
        const r = event.payload as PayloadOf<typeof RegistrationConfirmed>;
        return this.registration(manager, r.eventId, r.registrationId, r.registrant, 'confirmed', r.partySize, event.id);
      }
      case RegistrationWaitlisted.type: {
        const r = event.payload as PayloadOf<typeof RegistrationWaitlisted>;
        return this.registration(manager, r.eventId, r.registrationId, r.registrant, 'waitlisted', r.partySize, event.id);
      }
      case RegistrationPromoted.type: {
        const r = event.payload as PayloadOf<typeof RegistrationPromoted>;
        return this.recipients.updateRegistration(manager, r.registrationId, { status: r.status, partySize: r.partySize });
      }
      case RegistrationPartySizeChanged.type: {
        const r = event.payload as PayloadOf<typeof RegistrationPartySizeChanged>;
        return this.recipients.updateRegistration(manager, r.registrationId, { status: r.status, partySize: r.partySize });
      }
      case RegistrationCancelled.type: {
        const r = event.payload as PayloadOf<typeof RegistrationCancelled>;
        return this.recipients.updateRegistration(manager, r.registrationId, { status: 'cancelled', partySize: r.partySize });
      }
      default:
        return;
    }
  }

  private async participant(manager: EntityManager, p: ParticipantSnapshotV1, eventId: string): Promise<void> {
    await this.recipients.upsert(
      manager,
      {
        recipientId: p.participantId,
        kind: 'participant',
        name: p.name,
        email: p.email,
        phone: p.phone,
        language: p.preferredLanguage ?? p.languages[0] ?? 'en',
        timeZone: null,
        sourceChannels: p.notificationChannels,
      },
      eventId,
    );
    await this.recipients.setMembership(manager, p.programId, p.participantId, p.role);
  }

  private async organisation(manager: EntityManager, o: OrganisationSnapshotV1, eventId: string): Promise<void> {
    const kind = o.kind === 'host-council' ? 'coordinator' : 'resource-contact';
    for (const contact of o.contacts) {
      await this.recipients.upsert(
        manager,
        {
          recipientId: contact.contactId,
          kind,
          name: contact.name,
          email: contact.email,
          phone: contact.phone,
          language: contact.preferredLanguage ?? 'en',
          timeZone: o.timeZone,
          sourceChannels: [],
        },
        eventId,
      );
    }
    await this.recipients.replaceOrganisationContacts(
      manager,
      { organisationId: o.organisationId, managedBy: o.managedBy, kind: o.kind, name: o.name, timeZone: o.timeZone },
      o.contacts.map((c) => ({ recipientId: c.contactId, role: c.role })),
    );
  }

  private async communityEvent(manager: EntityManager, e: CommunityEventSnapshotV1): Promise<void> {
    await this.recipients.upsertCommunityEvent(manager, {
      eventId: e.eventId,
      title: e.title,
      venueName: e.venue.name,
      venueAddress: e.venue.address,
      startsAt: e.startsAt,
      timeZone: e.timeZone,
      status: e.status,
      version: e.version,
    });
  }

  private async registration(
    manager: EntityManager,
    communityEventId: string,
    registrationId: string,
    registrant: RegistrantContactV1,
    status: string,
    partySize: number,
    eventId: string,
  ): Promise<void> {
    const recipientId = RecipientProjection.registrantId(registrant.email);
    const event = await this.recipients.communityEvent(manager, communityEventId);
    await this.recipients.upsert(
      manager,
      {
        recipientId,
        kind: 'registrant',
        name: registrant.name,
        email: registrant.email,
        phone: registrant.phone,
        language: registrant.preferredLanguage,
        timeZone: event?.timeZone ?? null,
        sourceChannels: ['email'],
      },
      eventId,
    );
    await this.recipients.upsertRegistration(manager, { registrationId, eventId: communityEventId, recipientId, status, partySize });
  }
}
