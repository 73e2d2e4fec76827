import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGISTRATION_STATUSES } from '@diplomacy/contracts';
import type { RegistrationStatus } from '@diplomacy/contracts';
import type { CommunityEventEntity } from '../../community-events/community-event.entity';
import type { RegistrationEntity } from '../registration.entity';

export class SlotClaimSummary {
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() quantity!: number;
}

/** What the registrant sees. Accessibility needs are not echoed: a forwarded link must not reveal them. */
export class RegistrationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty() partySize!: number;
  @ApiProperty() preferredLanguage!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '1-based place on the waitlist while waitlisted.' }) waitlistPosition!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'While offered: claim the seats before this instant.' }) offerExpiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({
    description: 'The self-service secret, returned ONCE when the registration is created (never on a retry). Use it in /registrations/self/{token} and as the check-in QR code.',
  })
  selfServiceToken?: string;

  static of(entity: RegistrationEntity, extras: { waitlistPosition?: number | null; selfServiceToken?: string } = {}): RegistrationResponse {
    return Object.assign(new RegistrationResponse(), {
      id: entity.id,
      eventId: entity.eventId,
      name: entity.name,
      email: entity.email,
      phone: entity.phone,
      partySize: entity.partySize,
      preferredLanguage: entity.preferredLanguage,
      status: entity.status,
      waitlistPosition: extras.waitlistPosition ?? null,
      offerExpiresAt: entity.offerExpiresAt?.toISOString() ?? null,
      checkedInAt: entity.checkedInAt?.toISOString() ?? null,
      createdAt: entity.createdAt.toISOString(),
      ...(extras.selfServiceToken ? { selfServiceToken: extras.selfServiceToken } : {}),
    });
  }
}

export class RegisteredEventSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() venueName!: string;
  @ApiProperty() venueAddress!: string;
  @ApiProperty() maxPartySize!: number;
}

export class SelfServiceRegistrationResponse extends RegistrationResponse {
  @ApiProperty({ type: RegisteredEventSummary }) event!: RegisteredEventSummary;
  @ApiProperty({ type: [SlotClaimSummary] }) slots!: SlotClaimSummary[];

  static view(entity: RegistrationEntity, event: CommunityEventEntity, waitlistPosition: number | null, slots: SlotClaimSummary[]): SelfServiceRegistrationResponse {
    return Object.assign(new SelfServiceRegistrationResponse(), RegistrationResponse.of(entity, { waitlistPosition }), {
      event: {
        id: event.id,
        title: event.title,
        status: event.status,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        timeZone: event.timeZone,
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        maxPartySize: event.maxPartySize,
      },
      slots,
    });
  }
}
