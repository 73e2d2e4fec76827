/** A text-message provider; the SMS channel talks only to this. */
export interface SmsProvider {
  /** `reference` is the notification id: providers that deduplicate on it never send twice. */
  send(message: { to: string; text: string; reference: string }): Promise<{ providerMessageId: string | null }>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** SMS segments are short and cost money: the summary, cut at a character budget. */
export const SMS_MAX_CHARACTERS = 480;
