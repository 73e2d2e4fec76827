import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMUNITY_EVENT_KINDS, COMMUNITY_EVENT_VISIBILITIES } from '@diplomacy/contracts';
import type { CommunityEventKind, CommunityEventVisibility } from '@diplomacy/contracts';
import { IsIanaTimeZone, IsInstant } from './community-event-validators';

export class VenueDto {
  @ApiProperty({ example: 'Westside Community Center' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2130 Jefferson St, Kansas City, MO 64108' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address!: string;
}

export class CreateCommunityEventDto {
  @ApiPropertyOptional({
    description: 'Organisation that runs the event (the host council). Defaults to the caller’s organisation; only a platform admin may name another.',
    example: 'kansas-city-council',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  organisationId?: string;

  @ApiProperty({ enum: COMMUNITY_EVENT_KINDS })
  @IsIn(COMMUNITY_EVENT_KINDS)
  kind!: CommunityEventKind;

  @ApiProperty({ example: 'Neighbourhood potluck with the visiting delegation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Partner organisations co-hosting the event.', example: ['westside-library'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  coHostOrganisationIds?: string[];

  @ApiProperty({ type: VenueDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => VenueDto)
  venue!: VenueDto;

  @ApiProperty({ example: '2027-03-09T18:00:00-06:00', description: 'Start instant with an offset.' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-03-09T21:00:00-06:00', description: 'End instant with an offset; after startsAt.' })
  @IsInstant()
  endsAt!: string;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA time zone the event is shown in.' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ minimum: 0, maximum: 100000, description: 'Seats, counting every member of every party.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity!: number;

  @ApiProperty({ minimum: 1, maximum: 50, description: 'Largest party one registration may bring (registrant included).' })
  @IsInt()
  @Min(1)
  @Max(50)
  maxPartySize!: number;

  @ApiPropertyOptional({ example: '2027-02-01T00:00:00-06:00', description: 'Registration opens; open at publication when absent.' })
  @IsOptional()
  @IsInstant()
  registrationOpensAt?: string;

  @ApiPropertyOptional({ example: '2027-03-09T12:00:00-06:00', description: 'Registration closes; at the start when absent.' })
  @IsOptional()
  @IsInstant()
  registrationClosesAt?: string;

  @ApiProperty({ enum: COMMUNITY_EVENT_VISIBILITIES, description: 'Invite-only events are not listed publicly.' })
  @IsIn(COMMUNITY_EVENT_VISIBILITIES)
  visibility!: CommunityEventVisibility;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Programs whose delegations attend; scheduling adds the event to their itineraries.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  programIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 720, description: 'Promoted waitlist parties must claim their seats within this many hours; none when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  claimWindowHours?: number;
}

export class CommunityEventIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
