import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG } from '../config/notifications.config';
import type { NotificationsEnvironment } from '../config/notifications.config';
import { DeliveryFailure } from './notification-channel';
import type { NotificationChannel, OutgoingNotification, ReachableRecipient } from './notification-channel';

/** Email over SMTP (nodemailer), with a text and an HTML part whose `lang`/`dir` follow the language. */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleDestroy {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnvironment) {
    this.transport = createTransport(config.SMTP_URL, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
    this.from = config.MAIL_FROM;
  }

  addressOf(recipient: ReachableRecipient): string | null {
    return recipient.kind === 'webhook-subscriber' ? null : recipient.email;
  }

  async send(message: OutgoingNotification): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.address,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        // The notification id as Message-ID: a resend after a crash is recognisably the same message.
        messageId: `<${message.notificationId}@notifications.citizen-diplomacy.example>`,
        headers: { 'Content-Language': message.language, 'X-Notification-Id': message.notificationId },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new DeliveryFailure(`SMTP: ${(error as Error).message}`, code !== undefined && code >= 500);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
