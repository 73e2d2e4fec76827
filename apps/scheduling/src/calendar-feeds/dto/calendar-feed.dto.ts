import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { FEED_TOKEN } from '../feed-token';

export class CreateCalendarFeedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One participant\'s items only; omit for the whole program.' })
  @IsOptional()
  @IsUUID()
  participantId?: string;
}

export class CalendarFeedResponse {
  @ApiProperty({ format: 'uuid' }) feedId!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) participantId!: string | null;
  @ApiProperty({ description: 'Secret subscription URL, shown only now: only a hash of its secret is stored. Revoke it with DELETE /calendar-feeds/{feedId}.' }) url!: string;
  @ApiProperty() createdAt!: string;
}

export class FeedIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() feedId!: string;
}

export class FeedTokenParams {
  @ApiProperty({ description: 'The secret part of the URL handed out at creation.' })
  @Matches(FEED_TOKEN, { message: 'token is not a calendar feed token' })
  token!: string;
}
