import { DeliveryPreferencePolicy } from './delivery-preferences';
import type { ChannelPreference, Recipient } from './recipient';

const person = (overrides: Partial<Recipient> = {}): Recipient => ({
  recipientId: 'r',
  kind: 'participant',
  name: 'Amina',
  email: 'amina@example.org',
  phone: '+15550100',
  language: 'sw',
  timeZone: null,
  sourceChannels: ['email', 'sms'],
  languageOverride: null,
  timeZoneOverride: null,
  ...overrides,
});

const policy = new DeliveryPreferencePolicy();
const sending = (decisions: ReturnType<DeliveryPreferencePolicy['decide']>) => decisions.filter((d) => d.send).map((d) => d.channel);
const schedule = { category: 'schedule' as const, critical: false };

describe('DeliveryPreferencePolicy', () => {
  it('defaults to the channels the source events name, plus the in-app inbox', () => {
    expect(sending(policy.decide(person(), [], schedule))).toEqual(['email', 'sms', 'in-app']);
    expect(sending(policy.decide(person({ sourceChannels: ['whatsapp'] }), [], schedule))).toEqual(['in-app']);
    expect(sending(policy.decide(person({ sourceChannels: [] }), [], schedule))).toEqual(['email', 'in-app']);
    expect(sending(policy.decide(person({ kind: 'webhook-subscriber' }), [], schedule))).toEqual(['webhook']);
  });

  it('honours a disabled channel and a category opt-out, and says why', () => {
    const prefs: ChannelPreference[] = [
      { channel: 'sms', enabled: false, optedOutCategories: [], digestWindowSeconds: 0 },
      { channel: 'email', enabled: true, optedOutCategories: ['schedule'], digestWindowSeconds: 0 },
    ];
    const decisions = policy.decide(person(), prefs, schedule);
    expect(sending(decisions)).toEqual(['in-app']);
    expect(decisions).toContainEqual({ channel: 'email', send: false, reason: 'opted out of schedule on email' });
    expect(sending(policy.decide(person(), prefs, { category: 'registration', critical: false }))).toEqual(['email', 'in-app']);
  });

  it('sends critical messages regardless of opt-outs and digests', () => {
    const prefs: ChannelPreference[] = [
      { channel: 'sms', enabled: false, optedOutCategories: [], digestWindowSeconds: 0 },
      { channel: 'email', enabled: true, optedOutCategories: ['schedule'], digestWindowSeconds: 300 },
    ];
    const decisions = policy.decide(person(), prefs, { category: 'schedule', critical: true });
    expect(decisions).toEqual([
      { channel: 'email', send: true, digestWindowSeconds: 0 },
      { channel: 'sms', send: true, digestWindowSeconds: 0 },
      { channel: 'in-app', send: true, digestWindowSeconds: 0 },
    ]);
  });

  it('passes the digest window of a channel on to non-critical messages', () => {
    const prefs: ChannelPreference[] = [{ channel: 'email', enabled: true, optedOutCategories: [], digestWindowSeconds: 300 }];
    expect(policy.decide(person(), prefs, schedule)[0]).toEqual({ channel: 'email', send: true, digestWindowSeconds: 300 });
  });
});
