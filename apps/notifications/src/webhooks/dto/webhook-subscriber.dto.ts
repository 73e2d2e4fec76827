import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length } from 'class-validator';
import { ALL_EVENTS } from '@diplomacy/contracts';

/** `*` or any event type in the catalogue. */
export const SUBSCRIBABLE_EVENT_TYPES = ['*', ...new Set(ALL_EVENTS.map((e) => e.type))];

export class CreateWebhookSubscriberDto {
  @ApiProperty({ example: 'Transport booking', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'https://transport.example/hooks/diplomacy' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({ type: [String], example: ['agenda-item.rescheduled', 'agenda-item.cancelled'], description: 'Event types to receive; `*` for all.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({
    description: 'Only events of this organisation (tenant). A coordinator’s subscriber is always for their own organisation (naming another is 403); a platform admin may leave it out for every organisation’s events.',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Your own signing secret (24–200 characters); one is generated when absent.', minLength: 24, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(24, 200)
  secret?: string;
}

export class SubscriberIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  subscriberId!: string;
}

export class WebhookSubscriberResponse {
  @ApiProperty({ format: 'uuid', description: 'Also its recipient id in the delivery log.' }) subscriberId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
}

export class CreatedWebhookSubscriberResponse extends WebhookSubscriberResponse {
  @ApiProperty({ description: 'The signing secret. Shown once: it is stored encrypted and never returned again.' })
  secret!: string;
}
