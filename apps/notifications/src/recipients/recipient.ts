import { NOTIFICATION_DELIVERY_CHANNELS } from '@diplomacy/contracts';
import type { NotificationDeliveryChannel, NotificationRecipientKind } from '@diplomacy/contracts';

export const CHANNEL_NAMES = NOTIFICATION_DELIVERY_CHANNELS;
export type ChannelName = NotificationDeliveryChannel;
export type RecipientKind = NotificationRecipientKind;

/** What a message is about; recipients opt out per category and channel. */
export const NOTIFICATION_CATEGORIES = ['schedule', 'program', 'community-event', 'registration', 'integration'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** A person or system this service can reach, as its projections know it. */
export interface Recipient {
  recipientId: string;
  kind: RecipientKind;
  name: string;
  email: string | null;
  phone: string | null;
  /** From the source events. */
  language: string;
  timeZone: string | null;
  /** Channels the source events say the person uses. */
  sourceChannels: string[];
  /** Set through the preferences API; wins over the source events. */
  languageOverride: string | null;
  timeZoneOverride: string | null;
}

export interface ChannelPreference {
  channel: ChannelName;
  enabled: boolean;
  optedOutCategories: NotificationCategory[];
  /** 0: send each message at once; otherwise merge non-critical changes to one program within this window. */
  digestWindowSeconds: number;
}
