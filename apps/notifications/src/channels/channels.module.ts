import { Module } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG, notificationsConfigProvider } from '../config/notifications.config';
import type { NotificationsEnvironment } from '../config/notifications.config';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EmailChannel } from './email.channel';
import { HttpSmsGatewayProvider } from './http-sms-gateway.provider';
import { InAppChannel } from './in-app.channel';
import { ChannelRegistry } from './notification-channel';
import type { NotificationChannel } from './notification-channel';
import { SmsChannel } from './sms.channel';
import { SMS_PROVIDER } from './sms-provider';
import { WebhookChannel } from './webhook.channel';

/** Every channel this service delivers on. A new channel is one class, added here. */
const CHANNELS = [EmailChannel, SmsChannel, WebhookChannel, InAppChannel];

@Module({
  imports: [WebhooksModule],
  providers: [
    notificationsConfigProvider,
    ...CHANNELS,
    {
      provide: SMS_PROVIDER,
      useFactory: (config: NotificationsEnvironment) =>
        new HttpSmsGatewayProvider({ url: config.SMS_GATEWAY_URL, token: config.SMS_GATEWAY_TOKEN ?? null, timeoutMs: config.WEBHOOK_TIMEOUT_MS }),
      inject: [NOTIFICATIONS_CONFIG],
    },
    { provide: ChannelRegistry, useFactory: (...channels: NotificationChannel[]) => new ChannelRegistry(channels), inject: CHANNELS },
  ],
  exports: [ChannelRegistry],
})
export class ChannelsModule {}
