import { createHash } from 'node:crypto';

/** Namespace of this service's name-based recipient ids. */
const NAMESPACE = Buffer.from('5b0e1c7a3d2f4e8b9a6c1d2e3f405162', 'hex');

/**
 * A stable UUID (version 5) for people the source events identify only by an address,
 * such as registrants and ad-hoc resource contacts: the same person gets the same id
 * on every event, so preferences and the idempotency key hold across events.
 */
export function nameBasedRecipientId(kind: string, address: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${kind}:${address.trim().toLowerCase()}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
