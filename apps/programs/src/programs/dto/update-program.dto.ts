import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PROGRAM_KINDS, PROGRAM_STATUSES } from '@diplomacy/contracts';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import { PageQuery } from '../../pagination/page.dto';
import { IsCalendarDate, IsIanaTimeZone, IsOmittable } from '../../validation/field-validators';

export class ProgramLegDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Send the id of an existing leg to keep its identity; leave out for a new leg.' })
  @IsOptional()
  @IsUUID()
  legId?: string;

  @ApiProperty({ example: 'Kansas City' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  city!: string;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA time zone of the city' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ example: '2027-03-08' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ example: '2027-03-11' })
  @IsCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The council that owns this leg.' })
  @IsOptional()
  @IsUUID()
  localHostOrganisationId?: string | null;
}

/** Every field optional; `legs`, `objectives` and `coHostOrganisationIds` are replaced as a whole. Status changes go through /transitions. */
export class UpdateProgramDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOmittable()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;

  @ApiPropertyOptional({ nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  theme?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['See how the county runs online voter registration'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  objectives?: string[];

  @ApiPropertyOptional({ example: '2027-03-08' })
  @IsOmittable()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ example: '2027-03-11' })
  @IsOmittable()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  hostOrganisationId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  coHostOrganisationIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The sister-city partnership this program is an exchange of.' })
  @IsOptional()
  @IsUUID()
  partnershipId?: string | null;

  @ApiPropertyOptional({ type: [ProgramLegDto], description: 'City legs in travel order.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgramLegDto)
  legs?: ProgramLegDto[];
}

export class TransitionProgramDto {
  @ApiProperty({ enum: PROGRAM_STATUSES, description: 'The status to move to.' })
  @IsIn(PROGRAM_STATUSES)
  to!: ProgramStatus;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why; required to cancel.' })
  @ValidateIf((dto: TransitionProgramDto) => dto.to === 'cancelled' || dto.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reason is required to cancel a program' })
  @MaxLength(1000)
  reason?: string;
}

const TENANT_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;

export class ListProgramsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES })
  @IsOptional()
  @IsIn(PROGRAM_STATUSES)
  status?: ProgramStatus;

  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOptional()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;

  @ApiPropertyOptional({ description: 'Tenant key of the council or association that runs the program.' })
  @IsOptional()
  @Matches(TENANT_KEY, { message: 'organisationId must be a lower-case key such as kansas-city-council' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programs this organisation hosts, co-hosts or hosts a leg of.' })
  @IsOptional()
  @IsUUID()
  hostOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnershipId?: string;

  @ApiPropertyOptional({ example: 'KE', description: 'Programs with a participant from this country (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Programs that end on or after this day.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Programs that start on or before this day.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
