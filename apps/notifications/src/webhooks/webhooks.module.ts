import { Module } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG, notificationsConfigProvider } from '../config/notifications.config';
import type { NotificationsEnvironment } from '../config/notifications.config';
import { SecretBox } from './secret-box';
import { WebhookSubscriberRepository } from './webhook-subscriber.repository';
import { WebhookSubscribersController } from './webhook-subscribers.controller';

@Module({
  controllers: [WebhookSubscribersController],
  providers: [
    notificationsConfigProvider,
    WebhookSubscriberRepository,
    { provide: SecretBox, useFactory: (config: NotificationsEnvironment) => new SecretBox(config.WEBHOOK_SECRET_KEY), inject: [NOTIFICATIONS_CONFIG] },
  ],
  exports: [WebhookSubscriberRepository, SecretBox],
})
export class WebhooksModule {}
