import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AGENDA_ITEM_KINDS } from '@diplomacy/contracts';
import type { AgendaItemKind } from '@diplomacy/contracts';
import { IsIanaTimeZone, IsInstant } from '../../time/time-zone';

export class AttendeesDto {
  @ApiProperty({ description: 'Every participant of the program attends, including those added later.' })
  @IsBoolean()
  wholeDelegation!: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Participants attending (besides the whole delegation).', default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  participantIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Interpreters attending; they are participants of the program too.', default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  interpreterIds?: string[];
}

export class ScheduleAgendaItemDto {
  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @ApiProperty({ example: 'Community engagement division: meeting with the deputy chief' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: '2027-03-09T15:00:00Z', description: 'Instant (Z or an explicit offset); stored in UTC.' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-03-09T16:30:00Z', description: 'Instant after startsAt; the item occupies [startsAt, endsAt).' })
  @IsInstant()
  endsAt!: string;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA zone of where it happens; local times are rendered in it.' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Venue (a resource of kind venue, or the organisation\'s own premises).' })
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Resource organisation the visitors meet; required for a resource-meeting.' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiProperty({ type: AttendeesDto })
  @ValidateNested()
  @Type(() => AttendeesDto)
  attendees!: AttendeesDto;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440, description: 'Minutes to keep free before and after for travel to or from another venue; default from DEFAULT_TRAVEL_BUFFER_MINUTES.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  travelBufferMinutes?: number;

  @ApiPropertyOptional({ enum: ['tentative', 'confirmed'], default: 'tentative' })
  @IsOptional()
  @IsIn(['tentative', 'confirmed'])
  status?: 'tentative' | 'confirmed';
}

export class RescheduleAgendaItemDto {
  @ApiProperty({ example: '2027-03-09T16:00:00Z' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-03-09T17:30:00Z' })
  @IsInstant()
  endsAt!: string;

  @ApiPropertyOptional({ description: 'New zone, when the item moves to another city.' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'New venue; null removes it.' })
  @IsOptional()
  @IsUUID()
  venueId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440, nullable: true, description: 'New buffer; null returns to the default.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  travelBufferMinutes?: number | null;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why it moved; travels in the event.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CancelAgendaItemDto {
  @ApiProperty({ example: 'The speaker is ill', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ProgramIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;
}

export class ItemIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId!: string;
}

export class ParticipantItineraryParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId!: string;
}
