import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { ChaosKafka } from './infrastructure';

export type PoisonKind = 'malformed-json' | 'unknown-version' | 'schema-violation';

/** The dead-letter reason each kind must be filed under (libs/contracts EventCatalog). */
export const EXPECTED_REASON: Record<PoisonKind, string> = {
  'malformed-json': 'malformed-json',
  'unknown-version': 'unknown-event-type',
  'schema-violation': 'invalid-payload',
};

/** Who consumes each source topic, and so which dead-letter topics a poison message must reach (one per consumer group). */
export const CONSUMERS_OF: Record<string, { group: string; deadLetterTopic: string }[]> = {
  'programs.events': [
    { group: 'scheduling', deadLetterTopic: 'scheduling.dead-letter' },
    { group: 'notifications', deadLetterTopic: 'notifications.dead-letter' },
  ],
  'scheduling.schedule-changes': [
    { group: 'notifications', deadLetterTopic: 'notifications.dead-letter' },
    { group: 'programs', deadLetterTopic: 'programs.dead-letter' },
  ],
  'community-events.events': [
    { group: 'scheduling', deadLetterTopic: 'scheduling.dead-letter' },
    { group: 'notifications', deadLetterTopic: 'notifications.dead-letter' },
    { group: 'programs', deadLetterTopic: 'programs.dead-letter' },
  ],
};

export const POISON_HEADER = 'chaos-poison-id';

const TYPE_OF_TOPIC: Record<string, string> = {
  'programs.events': 'participant.added',
  'scheduling.schedule-changes': 'agenda-item.rescheduled',
  'community-events.events': 'registration.confirmed',
};

export interface PoisonMessage {
  id: string;
  topic: string;
  kind: PoisonKind;
}

function poisonValue(kind: PoisonKind, topic: string, key: string): string {
  const envelope = {
    id: randomUUID(),
    type: TYPE_OF_TOPIC[topic],
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: topic.split('.')[0],
    key,
    organisationId: 'chaos-council',
    correlationId: `chaos-poison-${randomUUID().slice(0, 8)}`,
    causationId: null,
    payload: { programId: key } as Record<string, unknown>,
  };
  if (kind === 'malformed-json') return `{"id": "${envelope.id}", "type": "${envelope.type}", "payload": {`;
  if (kind === 'unknown-version') return JSON.stringify({ ...envelope, version: 99 });
  // A known type and version whose payload breaks its JSON Schema.
  return JSON.stringify({ ...envelope, payload: { programId: 'not-a-uuid', unexpected: true } });
}

/** Mixes poison messages into the source topics, each tagged with a header the dead letter keeps. */
export class PoisonInjector {
  readonly sent: PoisonMessage[] = [];
  private producer: Producer | undefined;

  constructor(private readonly kafka: ChaosKafka) {}

  async inject(keys: string[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.kafka('chaos-poison').producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    for (const topic of Object.keys(CONSUMERS_OF)) {
      for (const kind of Object.keys(EXPECTED_REASON) as PoisonKind[]) {
        const id = randomUUID();
        const key = keys[Math.floor(Math.random() * keys.length)] ?? randomUUID();
        await this.producer.send({ topic, acks: -1, messages: [{ key, value: poisonValue(kind, topic, key), headers: { [POISON_HEADER]: id, 'content-type': 'application/json' } }] });
        this.sent.push({ id, topic, kind });
      }
    }
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }
}
