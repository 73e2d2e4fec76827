import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { COMMUNITY_EVENT_KINDS, COMMUNITY_EVENT_VISIBILITIES } from '@diplomacy/contracts';
import type { CommunityEventKind, CommunityEventVisibility } from '@diplomacy/contracts';
import { IsIanaTimeZone, IsInstant, IsOmittable } from './community-event-validators';
import { VenueDto } from './create-community-event.dto';

/** A partial update: absent fields stay; `null` clears the fields that may be empty. Send If-Match. */
export class UpdateCommunityEventDto {
  @ApiPropertyOptional({ enum: COMMUNITY_EVENT_KINDS })
  @IsOmittable()
  @IsIn(COMMUNITY_EVENT_KINDS)
  kind?: CommunityEventKind;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  coHostOrganisationIds?: string[];

  @ApiPropertyOptional({ type: VenueDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => VenueDto)
  venue?: VenueDto;

  @ApiPropertyOptional({ example: '2027-03-09T18:00:00-06:00' })
  @IsOmittable()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2027-03-09T21:00:00-06:00' })
  @IsOmittable()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional({ example: 'America/Chicago' })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'More seats promote waiting parties; fewer than the seats held is refused.' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(50)
  maxPartySize?: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsInstant()
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsInstant()
  registrationClosesAt?: string | null;

  @ApiPropertyOptional({ enum: COMMUNITY_EVENT_VISIBILITIES })
  @IsOmittable()
  @IsIn(COMMUNITY_EVENT_VISIBILITIES)
  visibility?: CommunityEventVisibility;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The complete list after the change.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  programIds?: string[];

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 720 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  claimWindowHours?: number | null;
}
