import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to people (self-service links, calendar feeds, webhook secrets): 32 random
 * bytes as base64url (43 characters, URL- and QR-friendly). Only the sha256 is stored, so a
 * database leak exposes no working secret; revoking one is deleting or replacing its hash.
 * The secret has 256 bits of entropy, so a fast hash is enough (no password stretching needed).
 */
export class SecretToken {
  static readonly PATTERN = /^[A-Za-z0-9_-]{43}$/;

  static generate(): { token: string; hash: Buffer } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: SecretToken.hash(token) };
  }

  static hash(token: string): Buffer {
    return createHash('sha256').update(token, 'utf8').digest();
  }

  static isWellFormed(token: string): boolean {
    return SecretToken.PATTERN.test(token);
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  static matches(token: string, storedHash: Buffer): boolean {
    const presented = SecretToken.hash(token);
    return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
  }
}
