import type { OutgoingMessage } from '../publisher/event-publisher';

/**
 * Bytes a record adds to a Kafka record batch (v2): its length, attributes, timestamp and offset
 * deltas and the varint lengths of key, value and every header. Twenty bytes covers them for the
 * sizes this system writes; the constant errs high on purpose.
 */
const RECORD_OVERHEAD_BYTES = 20;
const HEADER_OVERHEAD_BYTES = 4;
/** The record batch header (61 bytes) plus the produce request's per-topic and per-partition framing. */
export const BATCH_OVERHEAD_BYTES = 256;

/** The relay's default batch bound (`OUTBOX_MAX_BATCH_BYTES`): 768 KiB, a quarter below the broker's 1 MB default. */
export const DEFAULT_MAX_BATCH_BYTES = 786_432;

/** The broker's default `message.max.bytes` (1 MiB + 12). */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * What one record costs in a record batch: key, value and headers, serialised, plus framing.
 * The broker measures `message.max.bytes` against the whole batch a partition receives, so the
 * relay adds these up (see OutboxRelay) and the writer refuses a single event that could never fit.
 */
export function recordSize(message: Pick<OutgoingMessage, 'key' | 'value' | 'headers'>): number {
  let size = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) {
    size += HEADER_OVERHEAD_BYTES + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return size;
}

function byteLength(value: string | Buffer): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * The largest record batch the relay hands the producer, shared by the outbox writer (which
 * refuses an event that alone would exceed it) and the relay (which cuts batches at it).
 *
 * It starts at the configured bound (`OUTBOX_MAX_BATCH_BYTES`, safely below the broker's 1 MB
 * default) and only ever shrinks: when the broker or a topic says it accepts less
 * (`message.max.bytes`, `max.message.bytes`), the bound drops below that with a margin for
 * the framing this estimate cannot see.
 */
export class MessageSizeLimit {
  private brokerLimit: number | null = null;

  constructor(readonly configuredBytes: number) {
    if (!Number.isInteger(configuredBytes) || configuredBytes < 1024) throw new Error(`max batch bytes must be an integer >= 1024, got ${configuredBytes}`);
  }

  /** The bound in force now. */
  get bytes(): number {
    if (this.brokerLimit === null) return this.configuredBytes;
    return Math.min(this.configuredBytes, Math.floor(this.brokerLimit * 0.9) - BATCH_OVERHEAD_BYTES);
  }

  /** The smallest `message.max.bytes` / `max.message.bytes` the broker reported; null when unknown. */
  get brokerBytes(): number | null {
    return this.brokerLimit;
  }

  /** Records what the broker accepts (the smallest of the broker's and the topics' limits). */
  learnBrokerLimit(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes <= 0) return;
    this.brokerLimit = this.brokerLimit === null ? bytes : Math.min(this.brokerLimit, bytes);
  }

  /** The largest single event the writer accepts: one that fits a batch on its own. */
  get maxEventBytes(): number {
    return this.bytes - BATCH_OVERHEAD_BYTES;
  }
}

/**
 * An event larger than any batch the broker accepts. Thrown at write time by the outbox writer,
 * inside the caller's transaction, so the domain change rolls back with it and the row can never
 * reach (and wedge) the relay. The HTTP edge answers 413 with a problem document.
 */
export class EventTooLargeError extends Error {
  readonly status = 413;
  readonly code = 'event-too-large';

  constructor(
    readonly eventType: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`The ${eventType} event this change produces is ${sizeBytes} bytes; at most ${limitBytes} bytes can be published. Split the change into smaller ones.`);
    this.name = 'EventTooLargeError';
  }
}
