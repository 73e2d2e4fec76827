import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

/** Every error code this service answers with; the problem+json filter maps them in one place. */
export enum NotificationsErrorCode {
  RecipientNotKnown = 'recipient-not-known',
  SubscriberNotKnown = 'webhook-subscriber-not-known',
  NotificationNotKnown = 'notification-not-known',
  NotInInbox = 'notification-not-in-inbox',
}

export class RecipientNotKnownError extends DomainError {
  readonly code = NotificationsErrorCode.RecipientNotKnown;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(recipientId: string) {
    super(`No recipient ${recipientId} is known to this service`);
  }
}

export class SubscriberNotKnownError extends DomainError {
  readonly code = NotificationsErrorCode.SubscriberNotKnown;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(subscriberId: string) {
    super(`No webhook subscriber ${subscriberId}`);
  }
}

export class NotificationNotInInboxError extends DomainError {
  readonly code = NotificationsErrorCode.NotInInbox;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(notificationId: string, recipientId: string) {
    super(`Notification ${notificationId} is not in the inbox of ${recipientId}`);
  }
}
