import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const NOTIFICATION_DELIVERY_CHANNELS = ['email', 'sms', 'webhook', 'in-app'] as const;
export type NotificationDeliveryChannel = (typeof NOTIFICATION_DELIVERY_CHANNELS)[number];

export const NOTIFICATION_RECIPIENT_KINDS = ['participant', 'resource-contact', 'registrant', 'coordinator', 'webhook-subscriber'] as const;
export type NotificationRecipientKind = (typeof NOTIFICATION_RECIPIENT_KINDS)[number];

/** What every notification outcome says about the notification itself. No contact details or message text travel. */
export interface NotificationOutcomeV1 {
  notificationId: string;
  /** The domain event that caused the notification. */
  sourceEventId: string;
  sourceEventType: string;
  /** The program the source event belongs to, when it belongs to one. */
  programId: string | null;
  recipientId: string;
  recipientKind: NotificationRecipientKind;
  channel: NotificationDeliveryChannel;
  /** Rule template that produced it, e.g. `agenda-item.rescheduled`. */
  template: string;
  /** Send attempts made, this one included. */
  attempts: number;
}

export interface NotificationSentV1 extends NotificationOutcomeV1 {
  sentAt: string;
  /** Set when the notification went out merged with others in one digest message. */
  digestId: string | null;
}

export interface NotificationFailedV1 extends NotificationOutcomeV1 {
  failedAt: string;
  /** The last error, at most 1,000 characters. */
  reason: string;
}

const OUTCOME_PROPERTIES = {
  notificationId: { type: 'string', format: 'uuid' },
  sourceEventId: { type: 'string', format: 'uuid' },
  sourceEventType: { type: 'string', minLength: 1, maxLength: 100 },
  programId: { type: 'string', format: 'uuid', nullable: true },
  recipientId: { type: 'string', format: 'uuid' },
  recipientKind: { type: 'string', enum: [...NOTIFICATION_RECIPIENT_KINDS] },
  channel: { type: 'string', enum: [...NOTIFICATION_DELIVERY_CHANNELS] },
  template: { type: 'string', minLength: 1, maxLength: 100 },
  attempts: { type: 'integer', minimum: 1 },
} as const;

export const NotificationSent = defineEvent<NotificationSentV1>({
  type: 'notification.sent',
  version: 1,
  topic: Topics.notifications,
  description:
    'A notification was handed to its channel (SMTP server accepted it, webhook answered 2xx, SMS gateway accepted it, or it entered the in-app inbox). Keyed by program id, else recipient id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...Object.keys(OUTCOME_PROPERTIES), 'sentAt', 'digestId'],
    properties: { ...OUTCOME_PROPERTIES, sentAt: { type: 'string', format: 'date-time' }, digestId: { type: 'string', format: 'uuid', nullable: true } },
  },
});

export const NotificationFailed = defineEvent<NotificationFailedV1>({
  type: 'notification.failed',
  version: 1,
  topic: Topics.notifications,
  description:
    'A notification could not be delivered after its retries (exponential backoff with jitter); a copy went to notifications.dead-letter. Keyed by program id, else recipient id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...Object.keys(OUTCOME_PROPERTIES), 'failedAt', 'reason'],
    properties: { ...OUTCOME_PROPERTIES, failedAt: { type: 'string', format: 'date-time' }, reason: { type: 'string', minLength: 1, maxLength: 1000 } },
  },
});
