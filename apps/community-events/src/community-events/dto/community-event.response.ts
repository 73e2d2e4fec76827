import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMUNITY_EVENT_KINDS, COMMUNITY_EVENT_STATUSES, COMMUNITY_EVENT_VISIBILITIES } from '@diplomacy/contracts';
import type { CommunityEventKind, CommunityEventStatus, CommunityEventVisibility } from '@diplomacy/contracts';
import type { CommunityEventEntity } from '../community-event.entity';
import { VenueDto } from './create-community-event.dto';

export class SeatsResponse {
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Seats held by confirmed parties and by promoted parties that may still claim.' }) taken!: number;
  @ApiProperty() available!: number;
  @ApiProperty({ description: 'Parties on the waitlist.' }) waitlistedParties!: number;
}

export class CommunityEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: COMMUNITY_EVENT_KINDS }) kind!: CommunityEventKind;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) coHostOrganisationIds!: string[];
  @ApiProperty({ type: VenueDto }) venue!: VenueDto;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() maxPartySize!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) registrationOpensAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) registrationClosesAt!: string | null;
  @ApiProperty({ enum: COMMUNITY_EVENT_VISIBILITIES }) visibility!: CommunityEventVisibility;
  @ApiProperty({ enum: COMMUNITY_EVENT_STATUSES }) status!: CommunityEventStatus;
  @ApiProperty({ type: [String], format: 'uuid' }) programIds!: string[];
  @ApiPropertyOptional({ nullable: true, type: Number }) claimWindowHours!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancellationReason!: string | null;
  @ApiProperty({ type: SeatsResponse }) seats!: SeatsResponse;
  @ApiProperty({ description: 'Send it back as If-Match (it is also the ETag) to update without overwriting someone else.' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(entity: CommunityEventEntity, waitlistedParties: number): CommunityEventResponse {
    return Object.assign(new CommunityEventResponse(), {
      id: entity.id,
      organisationId: entity.organisationId,
      kind: entity.kind,
      title: entity.title,
      description: entity.description,
      coHostOrganisationIds: entity.coHostOrganisationIds,
      venue: { name: entity.venueName, address: entity.venueAddress },
      startsAt: entity.startsAt.toISOString(),
      endsAt: entity.endsAt.toISOString(),
      timeZone: entity.timeZone,
      maxPartySize: entity.maxPartySize,
      registrationOpensAt: entity.registrationOpensAt?.toISOString() ?? null,
      registrationClosesAt: entity.registrationClosesAt?.toISOString() ?? null,
      visibility: entity.visibility,
      status: entity.status,
      programIds: entity.programIds,
      claimWindowHours: entity.claimWindowHours,
      cancellationReason: entity.cancellationReason,
      seats: { capacity: entity.capacity, taken: entity.seatsTaken, available: Math.max(0, entity.capacity - entity.seatsTaken), waitlistedParties },
      version: entity.version,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    });
  }
}
