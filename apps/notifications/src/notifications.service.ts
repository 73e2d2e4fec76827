import { DeadLetterTopics } from '@diplomacy/contracts';
import type { ServiceDefinition } from '@diplomacy/service-kit';
import { loadNotificationsConfig } from './config/notifications.config';
import type { NotificationsEnvironment } from './config/notifications.config';
import { DeliveryModule } from './delivery/delivery.module';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { ProgramDirectoryEntry } from './program-directory/program-directory.entity';
import { ProgramDirectoryModule } from './program-directory/program-directory.module';
import { RecipientsModule } from './recipients/recipients.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export const NotificationsService: ServiceDefinition<NotificationsEnvironment> = {
  name: 'notifications',
  description: 'Turns domain events into messages for exactly the affected people, in their language, once.',
  entities: [ProgramDirectoryEntry],
  migrations: NOTIFICATIONS_MIGRATIONS,
  features: [ProgramDirectoryModule, RecipientsModule, WebhooksModule, DeliveryModule],
  consumer: { groupId: 'notifications', deadLetterTopic: DeadLetterTopics.notifications },
  // Every route needs a token (docs/security.md): participants read their own inbox, the
  // organisation's staff read its notifications, and coordinators manage its webhook subscribers.
  security: 'enforced',
  loadConfig: loadNotificationsConfig,
};
