/**
 * What the relay does with a failed publish:
 * - `retry`: the broker or the network failed, not the messages; the same batch goes again after a backoff;
 * - `split`: the broker refused the batch's contents (too large, invalid record, invalid topic). A batch of
 *   several is split in halves and each half tried again; a single message refused this way is set aside.
 *
 * kafkajs reports protocol errors by `type` and wraps them (retries exceeded, aggregates), so the
 * whole cause chain is searched.
 */
export type PublishFailure = 'retry' | 'split';

/** Broker refusals that are about the records themselves: retrying the same records can never succeed. */
const REFUSED_RECORD_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
]);

export function classifyPublishError(error: unknown): PublishFailure {
  return refusalOf(error) ? 'split' : 'retry';
}

/** The refusal's protocol type (e.g. MESSAGE_TOO_LARGE), or null when the failure is not about the records. */
export function refusalOf(error: unknown, depth = 0): string | null {
  if (depth > 8 || typeof error !== 'object' || error === null) return null;
  const candidate = error as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof candidate.type === 'string' && REFUSED_RECORD_TYPES.has(candidate.type)) return candidate.type;
  for (const inner of [candidate.cause, candidate.originalError]) {
    const found = refusalOf(inner, depth + 1);
    if (found) return found;
  }
  if (Array.isArray(candidate.errors)) {
    for (const inner of candidate.errors) {
      const found = refusalOf(inner, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
