import { CHANNEL_NAMES } from './recipient';
import type { ChannelName, ChannelPreference, NotificationCategory, Recipient } from './recipient';

export type ChannelDecision =
  | { channel: ChannelName; send: true; digestWindowSeconds: number }
  | { channel: ChannelName; send: false; reason: string };

/**
 * Which channels a message goes out on for one recipient, and whether it waits for a digest.
 * Defaults come from the source events; explicit preferences win; critical messages
 * ignore category opt-outs and digests, but never a channel the person has no address on.
 */
export class DeliveryPreferencePolicy {
  defaultsFor(recipient: Recipient): Set<ChannelName> {
    if (recipient.kind === 'webhook-subscriber') return new Set<ChannelName>(['webhook']);
    const channels = new Set<ChannelName>(['in-app']);
    const declared = recipient.sourceChannels;
    // Nobody told us otherwise: email is what everyone with an address reads.
    if (declared.length === 0 || declared.includes('email')) channels.add('email');
    if (declared.includes('sms')) channels.add('sms');
    return channels;
  }

  decide(recipient: Recipient, preferences: ChannelPreference[], message: { category: NotificationCategory; critical: boolean }): ChannelDecision[] {
    const defaults = this.defaultsFor(recipient);
    const decisions: ChannelDecision[] = [];
    for (const channel of CHANNEL_NAMES) {
      if (channel === 'webhook' && recipient.kind !== 'webhook-subscriber') continue;
      const preference = preferences.find((p) => p.channel === channel);
      const enabled = preference ? preference.enabled : defaults.has(channel);
      if (!enabled && !(message.critical && defaults.has(channel))) continue;
      if (preference?.optedOutCategories.includes(message.category) && !message.critical) {
        decisions.push({ channel, send: false, reason: `opted out of ${message.category} on ${channel}` });
        continue;
      }
      decisions.push({ channel, send: true, digestWindowSeconds: message.critical ? 0 : (preference?.digestWindowSeconds ?? 0) });
    }
    return decisions;
  }
}
