import { Inject, Injectable } from '@nestjs/common';
import type { NotificationChannel, OutgoingNotification, ReachableRecipient } from './notification-channel';
import { SMS_MAX_CHARACTERS, SMS_PROVIDER } from './sms-provider';
import type { SmsProvider } from './sms-provider';

/** Text messages through whichever SmsProvider is configured. */
@Injectable()
export class SmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;

  constructor(@Inject(SMS_PROVIDER) private readonly provider: SmsProvider) {}

  addressOf(recipient: ReachableRecipient): string | null {
    return recipient.kind === 'webhook-subscriber' ? null : recipient.phone;
  }

  async send(message: OutgoingNotification): Promise<void> {
    const text = `${message.subject}: ${message.summary}`;
    await this.provider.send({
      to: message.address,
      text: text.length > SMS_MAX_CHARACTERS ? `${text.slice(0, SMS_MAX_CHARACTERS - 1)}…` : text,
      reference: message.notificationId,
    });
  }
}
