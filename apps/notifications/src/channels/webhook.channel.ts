import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG } from '../config/notifications.config';
import type { NotificationsEnvironment } from '../config/notifications.config';
import { SecretBox } from '../webhooks/secret-box';
import { WebhookHeaders, WebhookSigner } from '../webhooks/webhook-signature';
import { WebhookSubscriberRepository } from '../webhooks/webhook-subscriber.repository';
import { DeliveryFailure } from './notification-channel';
import type { NotificationChannel, OutgoingNotification, ReachableRecipient } from './notification-channel';

/** HTTP POST of the source event, signed with the subscriber's secret (see webhook-signature.ts). */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;
  private readonly timeoutMs: number;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnvironment,
    @Inject(WebhookSubscriberRepository) private readonly subscribers: WebhookSubscriberRepository,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {
    this.timeoutMs = config.WEBHOOK_TIMEOUT_MS;
  }

  addressOf(recipient: ReachableRecipient): string | null {
    return recipient.kind === 'webhook-subscriber' ? (recipient.webhookUrl ?? null) : null;
  }

  async send(message: OutgoingNotification): Promise<void> {
    const sealed = await this.subscribers.sealedSecret(message.recipientId);
    if (!sealed) throw new DeliveryFailure(`webhook subscriber ${message.recipientId} no longer exists`, true);
    const body = JSON.stringify({ notificationId: message.notificationId, type: message.sourceEventType, event: message.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(message.address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WebhookHeaders.id]: message.notificationId,
          [WebhookHeaders.timestamp]: String(timestamp),
          [WebhookHeaders.signature]: WebhookSigner.sign(this.secrets.open(sealed), timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      throw new DeliveryFailure(`webhook POST ${message.address}: ${(error as Error).message}`);
    }
    await response.body?.cancel();
    if (response.ok) return;
    // 4xx means the receiver refuses this request as it is; retrying will not change it (except throttling and timeouts).
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    throw new DeliveryFailure(`webhook answered HTTP ${response.status}`, permanent);
  }
}
