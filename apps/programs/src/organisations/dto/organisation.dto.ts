import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsPhoneNumber,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ORGANISATION_KINDS, RESOURCE_TYPES } from '@diplomacy/contracts';
import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';
import { PageQuery } from '../../pagination/page.dto';
import { IsIanaTimeZone, IsLanguageTag, IsOmittable } from '../../validation/field-validators';

export class AddressDto {
  @ApiPropertyOptional({ example: '1600 Main St' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line1?: string | null;

  @ApiPropertyOptional({ example: 'Suite 200' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: 'Kansas City' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  city!: string;

  @ApiPropertyOptional({ example: 'MO' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string | null;

  @ApiPropertyOptional({ example: '64105' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country!: string;
}

export class ContactDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Send the id of an existing contact to keep it; leave out to add one.' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiProperty({ example: 'Dana Whitfield' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Community engagement lead' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  role!: string;

  @ApiPropertyOptional({ example: 'dana@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ example: '+18165550100', description: 'International format' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ example: 'en-US', description: 'BCP 47' })
  @IsOptional()
  @IsLanguageTag()
  preferredLanguage?: string | null;
}

const TENANT_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;

export class CreateOrganisationDto {
  @ApiPropertyOptional({
    example: 'kansas-city-council',
    description: "Tenant key of the council or association that maintains this record. Defaults to the caller's organisation; a coordinator may name only their own (else 403), a platform admin must name one.",
  })
  @IsOptional()
  @Matches(TENANT_KEY, { message: 'managedBy must be a lower-case key such as kansas-city-council' })
  managedBy?: string;

  @ApiProperty({ example: 'Kansas City Police Department' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES, description: 'Required for, and only for, a resource organisation.' })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  resourceType?: ResourceType | null;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA time zone' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

/** Every field optional; `address` and `contacts` are replaced as a whole. */
export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOmittable()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES, nullable: true })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  resourceType?: ResourceType | null;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ example: 'America/Chicago' })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class OrganisationIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  resourceType?: ResourceType;

  @ApiPropertyOptional({ example: 'US', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ example: 'kansas-city-council' })
  @IsOptional()
  @Matches(TENANT_KEY, { message: 'managedBy must be a lower-case key such as kansas-city-council' })
  managedBy?: string;
}
