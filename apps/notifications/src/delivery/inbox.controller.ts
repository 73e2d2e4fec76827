import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotificationNotInInboxError, RecipientNotKnownError } from '../notifications.errors';
import { RecipientIdParams } from '../recipients/dto/preferences.dto';
import { RecipientRepository } from '../recipients/recipient.repository';
import { NotificationRepository } from './notification.repository';
import type { NotificationRow } from './notification.repository';
import { InboxEntryParams, InboxEntryResponse, InboxQuery, UnreadCountResponse } from './dto/delivery.dto';

const entry = (row: NotificationRow): InboxEntryResponse => ({
  notificationId: row.notification_id,
  subject: row.subject,
  body: row.body,
  language: row.language,
  template: row.template,
  sourceEventId: row.source_event_id,
  sourceEventType: row.source_event_type,
  programId: row.program_id,
  critical: row.critical,
  sentAt: (row.sent_at ?? row.created_at).toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

/** The in-app inbox of one recipient: newest first. */
@ApiTags('inbox')
@Controller('recipients/:recipientId/inbox')
export class InboxController {
  constructor(
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: [InboxEntryResponse] })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  async list(@Param() params: RecipientIdParams, @Query() query: InboxQuery): Promise<InboxEntryResponse[]> {
    await this.known(params.recipientId);
    const rows = await this.notifications.inbox(params.recipientId, { unreadOnly: query.unreadOnly ?? false, limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return rows.map(entry);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountResponse })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'recipientId is not a UUID' })
  async unreadCount(@Param() params: RecipientIdParams): Promise<UnreadCountResponse> {
    await this.known(params.recipientId);
    return { unread: await this.notifications.unreadCount(params.recipientId) };
  }

  @Post(':notificationId/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InboxEntryResponse, description: 'Marked read (marking twice keeps the first time)' })
  @ApiNotFoundResponse({ description: 'Not in this recipient’s inbox' })
  @ApiBadRequestResponse({ description: 'An id is not a UUID' })
  async markRead(@Param() params: InboxEntryParams): Promise<InboxEntryResponse> {
    const row = await this.notifications.markRead(params.recipientId, params.notificationId);
    if (!row) throw new NotificationNotInInboxError(params.notificationId, params.recipientId);
    return entry(row);
  }

  private async known(recipientId: string): Promise<void> {
    if (!(await this.recipients.find(recipientId))) throw new RecipientNotKnownError(recipientId);
  }
}
