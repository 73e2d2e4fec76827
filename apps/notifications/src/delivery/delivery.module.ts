import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { notificationsConfigProvider } from '../config/notifications.config';
import { ProgramDirectoryModule } from '../program-directory/program-directory.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryMetrics } from './delivery-metrics';
import { DomainEventsConsumer } from './domain-events.consumer';
import { InboxController } from './inbox.controller';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationPlanner } from './notification-planner';
import { NotificationRepository } from './notification.repository';

@Module({
  imports: [RecipientsModule, WebhooksModule, ChannelsModule, ProgramDirectoryModule],
  controllers: [DomainEventsConsumer, InboxController, DeliveryLogController],
  providers: [notificationsConfigProvider, NotificationRepository, NotificationPlanner, NotificationDispatcher, DeliveryMetrics],
  exports: [NotificationDispatcher],
})
export class DeliveryModule {}
