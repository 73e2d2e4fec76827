import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer } from 'kafkajs';

/**
 * The raw producer every baseline uses: the same settings as the system's
 * KafkajsEventPublisher (idempotent, one request in flight, acks=all, murmur2
 * partitioner, no compression), without anything of the system around it.
 */
export async function baselineProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

/**
 * Batching in front of a raw producer: messages handed over while a send is in
 * flight go out together in the next send (at most `maxBatch`). This is how a
 * caller gets kafkajs' batched throughput (kafkajs #772) without an outbox.
 */
export class MicroBatcher {
  private queue: Message[] = [];
  private sending: Promise<void> | null = null;
  private failure: Error | null = null;
  batches = 0;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly maxBatch = 500,
  ) {}

  push(message: Message): void {
    if (this.failure) throw this.failure;
    this.queue.push(message);
    this.sending ??= this.drain();
  }

  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.batches += 1;
        await this.producer.send({ topic: this.topic, messages: batch, acks: -1, compression: CompressionTypes.None });
      }
    } catch (error) {
      this.failure = error as Error;
    } finally {
      this.sending = null;
    }
  }
}
