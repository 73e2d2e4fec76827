import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FOCUS_AREAS, PARTNERSHIP_STATUSES, US_COMMUNITY_KINDS } from '@diplomacy/contracts';
import type { FocusArea, PartnershipStatus, UsCommunityKind } from '@diplomacy/contracts';
import { IsCalendarDate, IsOmittable } from '../../validation/field-validators';

export class UsCommunityDto {
  @ApiProperty({ example: 'Kansas City' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: US_COMMUNITY_KINDS })
  @IsIn(US_COMMUNITY_KINDS)
  kind!: UsCommunityKind;

  @ApiProperty({ example: 'MO', description: 'Two-letter US state code' })
  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter US state code such as MO' })
  state!: string;
}

export class PartnerCommunityDto {
  @ApiProperty({ example: 'Arusha' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'TZ', description: 'ISO 3166-1 alpha-2, not US' })
  @IsISO31661Alpha2()
  country!: string;
}

export class CreatePartnershipDto {
  @ApiPropertyOptional({
    example: 'kansas-city-council',
    description: "Tenant key of the organisation that manages the partnership record. Defaults to the caller's organisation; a coordinator may name only their own (else 403), a platform admin must name one.",
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'managedBy must be a lower-case key such as kansas-city-council' })
  managedBy?: string;

  @ApiProperty({ type: UsCommunityDto })
  @ValidateNested()
  @Type(() => UsCommunityDto)
  usCommunity!: UsCommunityDto;

  @ApiProperty({ type: PartnerCommunityDto })
  @ValidateNested()
  @Type(() => PartnerCommunityDto)
  partnerCommunity!: PartnerCommunityDto;

  @ApiPropertyOptional({ example: '1991-05-12' })
  @IsOptional()
  @IsCalendarDate()
  establishedOn?: string | null;

  @ApiProperty({ enum: FOCUS_AREAS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(FOCUS_AREAS, { each: true })
  focusAreas!: FocusArea[];

  @ApiProperty({ enum: PARTNERSHIP_STATUSES })
  @IsIn(PARTNERSHIP_STATUSES)
  status!: PartnershipStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'The US sister-city association (an organisation of that kind).' })
  @IsOptional()
  @IsUUID()
  usAssociationId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: "The association abroad; may be another organisation's sister-city association, which then sees (but does not change) the partnership." })
  @IsOptional()
  @IsUUID()
  partnerAssociationId?: string | null;
}

export class UpdatePartnershipDto {
  @ApiPropertyOptional({ type: UsCommunityDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => UsCommunityDto)
  usCommunity?: UsCommunityDto;

  @ApiPropertyOptional({ type: PartnerCommunityDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PartnerCommunityDto)
  partnerCommunity?: PartnerCommunityDto;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsCalendarDate()
  establishedOn?: string | null;

  @ApiPropertyOptional({ enum: FOCUS_AREAS, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(FOCUS_AREAS, { each: true })
  focusAreas?: FocusArea[];

  @ApiPropertyOptional({ enum: PARTNERSHIP_STATUSES })
  @IsOmittable()
  @IsIn(PARTNERSHIP_STATUSES)
  status?: PartnershipStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  usAssociationId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  partnerAssociationId?: string | null;
}

export class PartnershipIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ListPartnershipsQuery {
  @ApiPropertyOptional({ example: 'kansas-city-council' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'managedBy must be a lower-case key such as kansas-city-council' })
  managedBy?: string;

  @ApiPropertyOptional({ example: 'TZ', description: 'Country of the community abroad' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;
}
