import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested, Validate } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import { ValidatorConstraint } from 'class-validator';
import { CHANNEL_NAMES, NOTIFICATION_CATEGORIES } from '../recipient';
import type { ChannelName, NotificationCategory } from '../recipient';

@ValidatorConstraint({ name: 'isIanaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as America/Chicago';
  }
}

export class RecipientIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  recipientId!: string;
}

export class ChannelPreferenceDto {
  @ApiProperty({ enum: CHANNEL_NAMES })
  @IsIn([...CHANNEL_NAMES])
  channel!: ChannelName;

  @ApiProperty({ description: 'false: nothing on this channel, except critical messages on a channel the person has.' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ enum: NOTIFICATION_CATEGORIES, isArray: true, description: 'Categories not wanted on this channel; critical messages still come.' })
  @ArrayUnique()
  @IsIn([...NOTIFICATION_CATEGORIES], { each: true })
  optedOutCategories!: NotificationCategory[];

  @ApiPropertyOptional({ minimum: 0, maximum: 86400, default: 0, description: 'Merge non-critical changes to one program within this many seconds into one message; 0 sends each at once.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  digestWindowSeconds?: number;
}

export class PreferencesDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'ar', description: 'BCP 47; overrides the language the source events give. null: use theirs.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as es or es-MX' })
  language?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'America/Chicago' })
  @IsOptional()
  @Validate(IsIanaTimeZone)
  timeZone?: string | null;

  @ApiProperty({ type: [ChannelPreferenceDto] })
  @ArrayMaxSize(CHANNEL_NAMES.length)
  @ValidateNested({ each: true })
  @Type(() => ChannelPreferenceDto)
  channels!: ChannelPreferenceDto[];
}

export class PreferencesResponse {
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ nullable: true, type: String }) timeZone!: string | null;
  @ApiProperty({ type: [ChannelPreferenceDto], description: 'Explicit preferences; channels not listed follow the defaults.' }) channels!: ChannelPreferenceDto[];
  @ApiProperty({ enum: CHANNEL_NAMES, isArray: true, description: 'Channels used when nothing is set, from the source events.' }) defaultChannels!: ChannelName[];
}

export class RecipientResponse {
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty({ enum: ['participant', 'resource-contact', 'registrant', 'coordinator', 'webhook-subscriber'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ description: 'Effective language tag.' }) language!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Effective time zone.' }) timeZone!: string | null;
}
