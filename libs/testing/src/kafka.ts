import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, KafkaMessage } from 'kafkajs';
import { createKafka } from '@diplomacy/messaging';
import { testInfrastructure } from './infrastructure';

export function testKafka(clientId = 'test') {
  return createKafka({ brokers: testInfrastructure().kafkaBrokers, clientId });
}

/** A topic of its own for one test, so tests never read each other's messages. */
export async function createTestTopic(prefix: string, partitions = 3, config: Record<string, string> = {}): Promise<string> {
  const topic = `test.${prefix}.${randomUUID().slice(0, 8)}`;
  const admin: Admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const configEntries = Object.entries(config).map(([name, value]) => ({ name, value }));
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, configEntries }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export interface CollectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function toCollected(topic: string, partition: number, message: KafkaMessage): CollectedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers };
}

/** Reads topics from the beginning in a throwaway group and keeps every message for assertions. */
export class TopicRecorder {
  readonly messages: CollectedMessage[] = [];
  private consumer: Consumer | null = null;

  static async start(topics: string[]): Promise<TopicRecorder> {
    const recorder = new TopicRecorder();
    const consumer = testKafka('test-recorder').consumer({ groupId: `test-recorder-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ topic, partition, message }) => void recorder.messages.push(toCollected(topic, partition, message)) });
    recorder.consumer = consumer;
    return recorder;
  }

  async waitFor(predicate: (messages: CollectedMessage[]) => boolean, timeoutMs = 30_000): Promise<CollectedMessage[]> {
    await eventually(() => {
      if (!predicate(this.messages)) throw new Error(`condition not met; ${this.messages.length} message(s) recorded`);
    }, timeoutMs);
    return this.messages;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Retries an assertion until it passes or the deadline passes; the last failure is what the test reports. */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 30_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
