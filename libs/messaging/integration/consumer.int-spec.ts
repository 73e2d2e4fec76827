import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { TopicRecorder, createTestTopic, eventually, freshDatabase, testKafka } from '@diplomacy/testing';
import { DeadLetterHeaders } from '@diplomacy/messaging';
import { startTestService } from './harness';
import type { TestService } from './harness';

jest.setTimeout(120_000);

function envelope(seq: number, overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'test.recorded',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'messaging-test',
    key: 'program-1',
    organisationId: null,
    correlationId: `corr-${seq}`,
    causationId: null,
    payload: { seq, fail: false, ...payload },
    ...overrides,
  };
}

describe('reliable consumer (real Postgres, real Kafka)', () => {
  let service: TestService;
  let topic: string;
  let deadLetterTopic: string;
  let producer: Producer;
  let dataSource: DataSource;

  beforeAll(async () => {
    topic = await createTestTopic('consumer', 1);
    deadLetterTopic = await createTestTopic('consumer-dlt', 1);
    const databaseUrl = await freshDatabase('messaging_consumer_test');
    service = await startTestService({ databaseUrl, topic, deadLetterTopic, maxAttempts: 3 });
    dataSource = service.app.get(DataSource);
    producer = testKafka('test-producer').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.shutdown('test end');
  });

  async function send(...values: (string | object)[]) {
    await producer.send({
      topic,
      messages: values.map((value) => ({ key: 'program-1', value: typeof value === 'string' ? value : JSON.stringify(value) })),
    });
  }

  it('processes a redelivered event once', async () => {
    const event = envelope(1);
    await send(event, event);
    await eventually(() => expect(service.handled.filter((h) => h.envelope.id === event.id)).toHaveLength(2));
    expect(service.handled.filter((h) => h.envelope.id === event.id).map((h) => h.outcome)).toEqual(['processed', 'duplicate']);
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM test_effects WHERE event_id = $1', [event.id]);
    expect(rows[0].n).toBe(1);
  });

  it('dead-letters poison messages with their reason and goes on with the next good message', async () => {
    const dlt = await TopicRecorder.start([deadLetterTopic]);
    const failing = envelope(3, {}, { fail: true });
    const good = envelope(4);
    try {
      await send(
        '{"this is": not json',
        envelope(2, { type: 'test.unheard-of' }),
        envelope(2, {}, { seq: 'two' }),
        { hello: 'world' },
        failing,
        good,
      );
      await eventually(() => expect(service.handled.map((h) => h.envelope.id)).toContain(good.id));
      const dead = await dlt.waitFor((messages) => messages.length >= 5);
      expect(dead.map((m) => m.headers[DeadLetterHeaders.reason])).toEqual([
        'malformed-json',
        'unknown-event-type',
        'invalid-payload',
        'invalid-envelope',
        'handler-failed',
      ]);
      for (const message of dead) {
        expect(message.headers[DeadLetterHeaders.originalTopic]).toBe(topic);
        expect(message.headers[DeadLetterHeaders.originalPartition]).toBe('0');
        expect(Number(message.headers[DeadLetterHeaders.originalOffset])).toBeGreaterThanOrEqual(0);
        expect(message.key).toBe('program-1');
      }
      const handlerFailure = dead[4];
      expect(handlerFailure.headers[DeadLetterHeaders.attempts]).toBe('3');
      expect(handlerFailure.headers[DeadLetterHeaders.error]).toContain('refusing seq 3');
      expect(JSON.parse(handlerFailure.value!).id).toBe(failing.id);
    } finally {
      await dlt.stop();
    }
    const effects = await dataSource.query('SELECT seq FROM test_effects WHERE event_id = $1', [good.id]);
    expect(effects).toEqual([{ seq: 4 }]);
  });
});
