import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret in a registrant's self-service link and check-in QR code: 32 random bytes
 * as base64url (43 characters, URL- and QR-friendly). Only its sha256 is stored, so a
 * database leak exposes no working link.
 */
export class SelfServiceToken {
  static readonly PATTERN = /^[A-Za-z0-9_-]{43}$/;

  static generate(): { token: string; hash: Buffer } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: SelfServiceToken.hash(token) };
  }

  static hash(token: string): Buffer {
    return createHash('sha256').update(token, 'utf8').digest();
  }

  static isWellFormed(token: string): boolean {
    return SelfServiceToken.PATTERN.test(token);
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  static matches(token: string, storedHash: Buffer): boolean {
    const presented = SelfServiceToken.hash(token);
    return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
  }
}
