import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `<feedId>.<secret>`: the id finds the row, the secret proves the holder was given the URL. */
export const FEED_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})(?:\.ics)?$/;

export class FeedToken {
  static issue(feedId: string): { token: string; hash: Buffer } {
    const secret = randomBytes(32).toString('base64url');
    return { token: `${feedId}.${secret}`, hash: FeedToken.hash(secret) };
  }

  static parse(token: string): { feedId: string; secret: string } | null {
    const match = FEED_TOKEN.exec(token);
    return match ? { feedId: match[1], secret: match[2] } : null;
  }

  static hash(secret: string): Buffer {
    return createHash('sha256').update(secret).digest();
  }

  /** Compares in constant time, so response timing says nothing about how much of a guess was right. */
  static matches(secret: string, storedHash: Buffer): boolean {
    const candidate = FeedToken.hash(secret);
    return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
  }
}
