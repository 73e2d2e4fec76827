import type { ChannelName, Recipient } from '../recipients/recipient';

/** A recipient as the planner resolved it, with what only some channels need. */
export interface ReachableRecipient extends Recipient {
  webhookUrl?: string | null;
}

/** One message, ready for its channel. */
export interface OutgoingNotification {
  notificationId: string;
  channel: ChannelName;
  recipientId: string;
  /** Email address, phone number, webhook URL or recipient id (in-app). */
  address: string;
  language: string;
  subject: string;
  text: string;
  html: string | null;
  /** One line: SMS text. */
  summary: string;
  /** Webhook body content: the source event. */
  payload: unknown;
  sourceEventType: string;
}

/** Why a send failed; a permanent failure is not retried (a 4xx from a webhook receiver, an SMTP 5xx). */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/**
 * A way of reaching people. Adding a channel is one class implementing this,
 * listed in channels.module.ts. Every channel receives the notification id and
 * passes it on as an idempotency key (Message-ID, x-webhook-id, SMS reference), so a
 * receiver can drop the copy a crash between "sent" and "recorded" might cause.
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  /** Where this recipient is reached on this channel, or null when they cannot be. */
  addressOf(recipient: ReachableRecipient): string | null;
  /** Resolves when the channel accepted the message; throws (DeliveryFailure for a known cause) otherwise. */
  send(message: OutgoingNotification): Promise<void>;
}

/** The channels this service has, by name. */
export class ChannelRegistry {
  private readonly byName = new Map<ChannelName, NotificationChannel>();

  constructor(channels: NotificationChannel[]) {
    for (const channel of channels) {
      if (this.byName.has(channel.name)) throw new Error(`Two channels named ${channel.name}`);
      this.byName.set(channel.name, channel);
    }
  }

  get(name: ChannelName): NotificationChannel {
    const channel = this.byName.get(name);
    if (!channel) throw new Error(`No channel ${name}`);
    return channel;
  }

  names(): ChannelName[] {
    return [...this.byName.keys()];
  }
}
