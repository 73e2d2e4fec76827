import { createHmac } from 'node:crypto';
import { WebhookSigner, verifyWebhook } from './webhook-signature';

const secret = 'whsec-0123456789abcdef0123';
const body = JSON.stringify({ notificationId: 'n-1', type: 'agenda-item.rescheduled', event: { id: 'e-1' } });
const now = Date.UTC(2027, 2, 9, 12, 0, 0);
const ts = Math.floor(now / 1000);

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over "timestamp.body", as a receiver can recompute', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(WebhookSigner.sign(secret, ts, body)).toBe(`v1=${expected}`);
  });

  it('accepts a fresh, correctly signed delivery', () => {
    expect(verifyWebhook({ secret, body, signature: WebhookSigner.sign(secret, ts, body), timestamp: String(ts), nowMs: now + 30_000 })).toEqual({ ok: true, timestamp: ts });
  });

  it('rejects a tampered body, a wrong secret and a swapped timestamp', () => {
    const signature = WebhookSigner.sign(secret, ts, body);
    expect(verifyWebhook({ secret, body: body.replace('e-1', 'e-2'), signature, timestamp: String(ts), nowMs: now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret: 'another-secret-of-enough-length', body, signature, timestamp: String(ts), nowMs: now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret, body, signature, timestamp: String(ts + 1), nowMs: now })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a replay outside the tolerance, even correctly signed', () => {
    const signature = WebhookSigner.sign(secret, ts, body);
    expect(verifyWebhook({ secret, body, signature, timestamp: String(ts), nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'outside-tolerance' });
    expect(verifyWebhook({ secret, body, signature, timestamp: String(ts), nowMs: now + 60_000, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'outside-tolerance' });
  });

  it('rejects missing or malformed headers', () => {
    expect(verifyWebhook({ secret, body, signature: undefined, timestamp: String(ts), nowMs: now })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verifyWebhook({ secret, body, signature: 'v1=00', timestamp: '12e3', nowMs: now })).toEqual({ ok: false, reason: 'malformed-timestamp' });
  });
});
