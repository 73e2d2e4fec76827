import { Injectable } from '@nestjs/common';
import type { NotificationChannel, OutgoingNotification, ReachableRecipient } from './notification-channel';

/**
 * The in-app inbox. The notification row is the inbox entry, so "sending" is making
 * it visible: once sent it appears in GET /recipients/{id}/inbox until read.
 */
@Injectable()
export class InAppChannel implements NotificationChannel {
  readonly name = 'in-app' as const;

  addressOf(recipient: ReachableRecipient): string | null {
    return recipient.kind === 'webhook-subscriber' ? null : recipient.recipientId;
  }

  async send(_message: OutgoingNotification): Promise<void> {
    return;
  }
}
