import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsPhoneNumber,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { GENDERS, NOTIFICATION_CHANNELS, PARTICIPANT_ROLES } from '@diplomacy/contracts';
import type { Gender, NotificationChannel, ParticipantRole } from '@diplomacy/contracts';
import { IsLanguageTag, IsOmittable } from '../../validation/field-validators';

export class AddParticipantDto {
  @ApiProperty({ example: 'Amina Mwangi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({ example: 'Deputy Minister for ICT' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ example: 'Ministry of Information, Communications and the Digital Economy' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisationName?: string | null;

  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  @ApiPropertyOptional({ type: [String], example: ['sw', 'en'], description: 'BCP 47 tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsLanguageTag({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ example: 'sw', description: 'BCP 47; one of languages' })
  @IsOptional()
  @IsLanguageTag()
  preferredLanguage?: string | null;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  notificationChannels?: NotificationChannel[];

  @ApiPropertyOptional({ example: 'amina@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ example: '+254700000000', description: 'International format' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ enum: GENDERS, description: 'Optional and self-reported; used only for impact counts, never published.' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ description: 'Visible to coordinators only; never published or logged.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dietaryNotes?: string | null;

  @ApiPropertyOptional({ description: 'Visible to coordinators only; never published or logged.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibilityNotes?: string | null;
}

/** Every field optional; null clears an optional field. */
export class UpdateParticipantDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOmittable()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisationName?: string | null;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOmittable()
  @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsLanguageTag({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsLanguageTag()
  preferredLanguage?: string | null;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  notificationChannels?: NotificationChannel[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dietaryNotes?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibilityNotes?: string | null;
}

export class ParticipantParams {
  @ApiProperty({ format: 'uuid', description: 'Program id' })
  @IsUUID()
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId!: string;
}
