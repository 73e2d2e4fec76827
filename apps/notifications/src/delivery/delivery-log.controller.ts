import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RecipientNotKnownError } from '../notifications.errors';
import { RecipientIdParams } from '../recipients/dto/preferences.dto';
import { RecipientRepository } from '../recipients/recipient.repository';
import { NotificationRepository } from './notification.repository';
import type { DeliveryRecord } from './notification.repository';
import { DeliveryResponse, SourceEventParams } from './dto/delivery.dto';

const view = (r: DeliveryRecord): DeliveryResponse => ({
  notificationId: r.notification_id,
  sourceEventId: r.source_event_id,
  sourceEventType: r.source_event_type,
  recipientId: r.recipient_id,
  recipientKind: r.recipient_kind,
  channel: r.channel,
  template: r.template,
  category: r.category,
  critical: r.critical,
  language: r.language,
  status: r.status,
  attempts: r.attempts,
  subject: r.subject,
  lastError: r.last_error,
  digestId: r.digest_id,
  timeline: r.timeline ?? [],
});

/** Who was told what, when, on which channel, and what became of it: for the organisation's staff (coordinators, viewers). */
@ApiTags('delivery-log')
@Controller()
export class DeliveryLogController {
  constructor(
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
  ) {}

  @Get('recipients/:recipientId/deliveries')
  @ApiOkResponse({ type: [DeliveryResponse], description: 'Each notification to this recipient with its timeline, oldest first (at most 200).' })
  @ApiBadRequestResponse({ description: 'recipientId is not a UUID' })
  @ApiNotFoundResponse({ description: 'A recipient your organisation does not know' })
  async byRecipient(@Param() params: RecipientIdParams): Promise<DeliveryResponse[]> {
    // A recipient this organisation does not know is not found, like every other tenant's resource.
    if (!(await this.recipients.find(params.recipientId))) throw new RecipientNotKnownError(params.recipientId);
    return (await this.notifications.deliveries({ recipientId: params.recipientId })).map(view);
  }

  @Get('source-events/:eventId/deliveries')
  @ApiOkResponse({ type: [DeliveryResponse], description: 'Every notification one domain event caused in your organisation, with its timeline (empty for another organisation’s event).' })
  @ApiBadRequestResponse({ description: 'eventId is not a UUID' })
  async bySourceEvent(@Param() params: SourceEventParams): Promise<DeliveryResponse[]> {
    return (await this.notifications.deliveries({ sourceEventId: params.eventId })).map(view);
  }
}
