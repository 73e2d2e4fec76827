import { DeliveryFailure } from './notification-channel';
import type { SmsProvider } from './sms-provider';

export interface HttpSmsGatewaySettings {
  url: string;
  token: string | null;
  timeoutMs: number;
}

/**
 * A generic HTTP SMS gateway: POST {to, text, reference} as JSON with a bearer token,
 * 2xx means accepted, an `id` in the answer is the provider's message id.
 */
export class HttpSmsGatewayProvider implements SmsProvider {
  constructor(private readonly settings: HttpSmsGatewaySettings) {}

  async send(message: { to: string; text: string; reference: string }): Promise<{ providerMessageId: string | null }> {
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.settings.token ? { authorization: `Bearer ${this.settings.token}` } : {}),
          'idempotency-key': message.reference,
        },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryFailure(`SMS gateway: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      throw new DeliveryFailure(`SMS gateway answered HTTP ${response.status}: ${text.slice(0, 200)}`, permanent);
    }
    try {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      return { providerMessageId: typeof id === 'string' ? id : null };
    } catch {
      return { providerMessageId: null };
    }
  }
}
