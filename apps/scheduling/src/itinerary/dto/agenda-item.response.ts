import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATUSES } from '@diplomacy/contracts';
import type { AgendaItemKind, AgendaItemStateV1, AgendaItemStatus, ScheduleAddressV1 } from '@diplomacy/contracts';
import { CONFLICT_RULES } from '../conflict-rules';
import type { ConflictRule } from '../conflict-rules';
import type { BookingConflict } from '../agenda-item.entity';

export class BookingConflictResponse {
  @ApiProperty({ enum: CONFLICT_RULES }) rule!: ConflictRule;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) conflictingItemId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) participantId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) resourceId!: string | null;
}

export class AddressResponse {
  @ApiPropertyOptional({ nullable: true, type: String }) line1!: string | null;
  @ApiProperty() city!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty({ example: 'US' }) country!: string;
}

export class VenueRefResponse {
  @ApiProperty({ format: 'uuid' }) venueId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: AddressResponse, nullable: true }) address!: ScheduleAddressV1 | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) capacity!: number | null;
}

export class ResourceRefResponse {
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty() name!: string;
}

export class AttendeesResponse {
  @ApiProperty() wholeDelegation!: boolean;
  @ApiProperty({ type: [String], description: 'Resolved: for a whole-delegation item, the delegation as it is now.' }) participantIds!: string[];
  @ApiProperty({ type: [String] }) interpreterIds!: string[];
}

export class AgendaItemResponse {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ enum: AGENDA_ITEM_KINDS }) kind!: AgendaItemKind;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: AGENDA_ITEM_STATUSES }) status!: AgendaItemStatus;
  @ApiProperty({ example: '2027-03-09T15:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2027-03-09T16:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'America/Chicago' }) timeZone!: string;
  @ApiProperty({ example: '2027-03-09T09:00:00.000-06:00', description: 'startsAt in the item\'s zone.' }) localStart!: string;
  @ApiProperty({ example: '2027-03-09T10:30:00.000-06:00' }) localEnd!: string;
  @ApiPropertyOptional({ type: VenueRefResponse, nullable: true }) venue!: VenueRefResponse | null;
  @ApiPropertyOptional({ type: ResourceRefResponse, nullable: true }) resource!: ResourceRefResponse | null;
  @ApiProperty({ type: AttendeesResponse }) attendees!: AttendeesResponse;
  @ApiPropertyOptional({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ description: 'Travel buffer in force, in minutes.' }) travelBufferMinutes!: number;
  @ApiProperty({ description: 'The program\'s dates changed and no longer include this item.' }) outsideProgramDates!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) cancellationReason!: string | null;
  @ApiProperty({ description: 'Also the ETag; send it back as If-Match to change the item.' }) version!: number;
  @ApiPropertyOptional({
    type: BookingConflictResponse,
    nullable: true,
    description: 'Set when the item is on the itinerary but books nobody because a rule objected (community events); re-save its attendees or move it to book it.',
  })
  bookingConflict!: BookingConflictResponse | null;

  static of(state: AgendaItemStateV1, bookingConflict: BookingConflict | null = null): AgendaItemResponse {
    return Object.assign(new AgendaItemResponse(), {
      ...state,
      bookingConflict,
      localStart: DateTime.fromISO(state.startsAt, { zone: state.timeZone }).toISO(),
      localEnd: DateTime.fromISO(state.endsAt, { zone: state.timeZone }).toISO(),
    });
  }
}

export class AgendaItemListResponse {
  @ApiProperty({ type: [AgendaItemResponse] }) items!: AgendaItemResponse[];
}
