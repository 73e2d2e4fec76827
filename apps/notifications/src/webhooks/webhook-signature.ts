import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers on every webhook delivery. */
export const WebhookHeaders = {
  /** `v1=<hex HMAC-SHA256 of "${timestamp}.${body}">` */
  signature: 'x-webhook-signature',
  /** Unix seconds when the request was signed; part of what is signed, so it cannot be swapped. */
  timestamp: 'x-webhook-timestamp',
  /** The notification id: the same on every retry, so receivers can drop a second copy. */
  id: 'x-webhook-id',
} as const;

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Signs webhook bodies. The timestamp is inside the MAC, so a captured request cannot be replayed later with a fresh one. */
export class WebhookSigner {
  static sign(secret: string, timestampSeconds: number, body: string): string {
    return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
  }
}

export type WebhookVerification = { ok: true; timestamp: number } | { ok: false; reason: 'missing-headers' | 'malformed-timestamp' | 'outside-tolerance' | 'bad-signature' };

export interface VerifyWebhookInput {
  secret: string;
  /** The raw request body, exactly as received (re-serialised JSON will not verify). */
  body: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  toleranceSeconds?: number;
  nowMs?: number;
}

/**
 * What a receiver runs on every delivery: rejects a wrong signature, and rejects a
 * correctly signed request whose timestamp is outside the tolerance (a replay).
 * Receivers that must never act twice also remember `x-webhook-id`.
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'malformed-timestamp' };
  const timestamp = Number(input.timestamp);
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'outside-tolerance' };
  const expected = Buffer.from(WebhookSigner.sign(input.secret, timestamp, input.body));
  const offered = Buffer.from(input.signature);
  if (expected.length !== offered.length || !timingSafeEqual(expected, offered)) return { ok: false, reason: 'bad-signature' };
  return { ok: true, timestamp };
}
