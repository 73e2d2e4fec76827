import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class InboxEntryParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  recipientId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  notificationId!: string;
}

export class SourceEventParams {
  @ApiProperty({ format: 'uuid', description: 'The id of the domain event that caused the notifications.' })
  @IsUUID()
  eventId!: string;
}

export class InboxQuery {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unreadOnly?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class InboxEntryResponse {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ description: 'en, es, fr or ar' }) language!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ format: 'uuid' }) sourceEventId!: string;
  @ApiProperty() sourceEventType!: string;
  @ApiProperty({ nullable: true, type: String }) programId!: string | null;
  @ApiProperty() critical!: boolean;
  @ApiProperty() sentAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
}

export class UnreadCountResponse {
  @ApiProperty() unread!: number;
}

export class TimelineEntryResponse {
  @ApiProperty({ enum: ['queued', 'suppressed', 'retry-scheduled', 'sent', 'failed', 'dead-lettered', 'read'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why: the error of a failed attempt, the opt-out that suppressed it, the digest it went in.' }) detail!: string | null;
  @ApiProperty() at!: string;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) sourceEventId!: string;
  @ApiProperty() sourceEventType!: string;
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty() recipientKind!: string;
  @ApiProperty({ enum: ['email', 'sms', 'webhook', 'in-app'] }) channel!: string;
  @ApiProperty() template!: string;
  @ApiProperty() category!: string;
  @ApiProperty() critical!: boolean;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: ['queued', 'sending', 'sent', 'failed', 'suppressed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() subject!: string;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set when it went out merged in a digest.' }) digestId!: string | null;
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}
