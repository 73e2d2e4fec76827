import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { now, sleep } from './stats';
import { HarnessError } from './types';

export type MessageId = (topic: string, message: KafkaMessage) => string | null;

/** Identifies a message by its `event-id` header (set by the outbox and by the baselines alike). */
export const byEventIdHeader: MessageId = (_topic, message) => message.headers?.['event-id']?.toString() ?? null;
/** Identifies a message by its key (the program id for program events). */
export const byKey: MessageId = (_topic, message) => message.key?.toString() ?? null;

/**
 * The measuring consumer: records when each message reached a consumer. Every
 * scenario measures the system and its baseline through the same kind of
 * consumer with the same settings, so the consumer's own cost is in both.
 */
export class ArrivalRecorder {
  readonly arrivals = new Map<string, number>();
  private consumer: Consumer | null = null;

  static async start(
    kafka: Kafka,
    options: { topics: string[]; groupId: string; idOf: MessageId; fromBeginning: boolean; partitions?: number },
  ): Promise<ArrivalRecorder> {
    const recorder = new ArrivalRecorder();
    const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    recorder.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    const firstFetch = new Promise<void>((resolve) => consumer.on(consumer.events.FETCH_START, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: options.partitions ?? 6,
      eachBatch: async ({ batch }) => {
        const at = now();
        for (const message of batch.messages) {
          const id = options.idOf(batch.topic, message);
          if (id !== null && !recorder.arrivals.has(id)) recorder.arrivals.set(id, at);
        }
      },
    });
    await withTimeout(joined, 30_000, `consumer group ${options.groupId} did not join`);
    await withTimeout(firstFetch, 10_000, `consumer group ${options.groupId} did not fetch`);
    return recorder;
  }

  /** Resolves when every id arrived; a HarnessError names how many never did. */
  async waitFor(ids: Iterable<string>, timeoutMs: number): Promise<void> {
    const wanted = [...ids];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = wanted.filter((id) => !this.arrivals.has(id)).length;
      if (missing === 0) return;
      if (Date.now() > deadline) throw new HarnessError(`${missing} of ${wanted.length} message(s) never reached the measuring consumer`);
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HarnessError(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
