import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, ForbiddenRoleError, Roles } from '@diplomacy/service-kit';
import type { Principal } from '@diplomacy/service-kit';
import { NotificationNotInInboxError, RecipientNotKnownError } from '../notifications.errors';
import { RecipientIdParams } from '../recipients/dto/preferences.dto';
import { RecipientRepository } from '../recipients/recipient.repository';
import { InboxAccessPolicy } from './inbox-access.policy';
import type { InboxAction } from './inbox-access.policy';
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

/**
 * The in-app inbox of one recipient: newest first. Participants read their own (see
 * InboxAccessPolicy); the organisation's staff read everyone's their organisation notified.
 */
@ApiTags('inbox')
@Roles('participant', 'coordinator', 'viewer')
@Controller('recipients/:recipientId/inbox')
export class InboxController {
  private readonly access = new InboxAccessPolicy();

  constructor(
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: [InboxEntryResponse] })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  @ApiForbiddenResponse({ description: 'Not a role that reads inboxes' })
  async list(@CurrentPrincipal() principal: Principal, @Param() params: RecipientIdParams, @Query() query: InboxQuery): Promise<InboxEntryResponse[]> {
    await this.known(principal, params.recipientId, 'read');
    const rows = await this.notifications.inbox(params.recipientId, { unreadOnly: query.unreadOnly ?? false, limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return rows.map(entry);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountResponse })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'recipientId is not a UUID' })
  @ApiForbiddenResponse({ description: 'Not a role that reads inboxes' })
  async unreadCount(@CurrentPrincipal() principal: Principal, @Param() params: RecipientIdParams): Promise<UnreadCountResponse> {
    await this.known(principal, params.recipientId, 'read');
    return { unread: await this.notifications.unreadCount(params.recipientId) };
  }

  @Post(':notificationId/read')
  // The participant, a read-only role, marks their own entries read: InboxAccessPolicy decides who else may.
  @Access('read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InboxEntryResponse, description: 'Marked read (marking twice keeps the first time)' })
  @ApiNotFoundResponse({ description: 'Not in this recipient’s inbox' })
  @ApiBadRequestResponse({ description: 'An id is not a UUID' })
  @ApiForbiddenResponse({ description: 'A viewer: read-only' })
  async markRead(@CurrentPrincipal() principal: Principal, @Param() params: InboxEntryParams): Promise<InboxEntryResponse> {
    this.authorise(principal, params.recipientId, 'mark-read');
    const row = await this.notifications.markRead(params.recipientId, params.notificationId);
    if (!row) throw new NotificationNotInInboxError(params.notificationId, params.recipientId);
    return entry(row);
  }

  private async known(principal: Principal, recipientId: string, action: InboxAction): Promise<void> {
    this.authorise(principal, recipientId, action);
    if (!(await this.recipients.find(recipientId))) throw new RecipientNotKnownError(recipientId);
  }

  private authorise(principal: Principal, recipientId: string, action: InboxAction): void {
    const decision = this.access.decide(principal, recipientId, action);
    if (decision === 'forbidden') throw new ForbiddenRoleError();
    if (decision === 'not-found') throw new RecipientNotKnownError(recipientId);
  }
}
