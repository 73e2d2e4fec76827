import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventCatalog } from '@diplomacy/contracts';
import type { EventDefinition } from '@diplomacy/contracts';
import { TopicRecorder, controlBroker, createTestTopic, eventually, freshDatabase } from '@diplomacy/testing';
import { OutboxRelay, UnitOfWork, createKafka, KafkajsEventPublisher, OutboxWriter, DEFAULT_RELAY_OPTIONS } from '@diplomacy/messaging';
import { startTestService, testEvent } from './harness';
import type { TestService } from './harness';
import { testInfrastructure } from '@diplomacy/testing';

jest.setTimeout(240_000);

describe('transactional outbox (real Postgres, real Kafka)', () => {
  let service: TestService;
  let topic: string;
  let definition: EventDefinition<{ seq: number; fail: boolean }>;
  let unitOfWork: UnitOfWork;
  let dataSource: DataSource;

  beforeAll(async () => {
    topic = await createTestTopic('outbox', 3);
    definition = testEvent(topic);
    const databaseUrl = await freshDatabase('messaging_outbox_test');
    service = await startTestService({ databaseUrl, relay: { pollIntervalMs: 200, batchSize: 50, maxBackoffMs: 1000 } });
    // The harness' catalogue knows no topic when it runs no consumer: write through a writer that knows this one.
    dataSource = service.app.get(DataSource);
    const writer = new OutboxWriter('messaging-test', new EventCatalog([definition as EventDefinition<unknown>]));
    unitOfWork = new UnitOfWork(dataSource, writer, service.app.get(OutboxRelay));
  });

  afterAll(async () => {
    await service?.shutdown('test end');
  });

  it('rolls back the event together with a failed write', async () => {
    const key = randomUUID();
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.publish({ definition, key, organisationId: null, payload: { seq: 1, fail: false } });
        throw new Error('domain write failed');
      }),
    ).rejects.toThrow('domain write failed');
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE partition_key = $1', [key]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps per-program order across concurrent writers, small batches and two competing relays', async () => {
    const recorder = await TopicRecorder.start([topic]);
    const keys = Array.from({ length: 8 }, () => randomUUID());
    const perKey = 25;
    // A second relay on the same database competes for the leader lock the whole time.
    const rival = new OutboxRelay(
      dataSource,
      new KafkajsEventPublisher(createKafka({ brokers: testInfrastructure().kafkaBrokers, clientId: 'rival-relay' })),
      { ...DEFAULT_RELAY_OPTIONS, batchSize: 7, pollIntervalMs: 10 },
      { log: () => undefined, warn: () => undefined },
    );
    rival.start();
    try {
      await Promise.all(
        keys.map(async (key) => {
          for (let seq = 1; seq <= perKey; seq += 1) {
            await unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq, fail: false } }));
          }
        }),
      );
      await recorder.waitFor((messages) => messages.length >= keys.length * perKey);
    } finally {
      await rival.stop();
      await recorder.stop();
    }
    for (const key of keys) {
      const forKey = recorder.messages.filter((m) => m.key === key);
      const seqs = forKey.map((m) => JSON.parse(m.value!).payload.seq);
      expect(seqs).toEqual(Array.from({ length: perKey }, (_, i) => i + 1));
      // One key, one partition: that is what gives consumers per-program order.
      expect(new Set(forKey.map((m) => m.partition)).size).toBe(1);
    }
    const [pending] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    expect(pending.n).toBe(0);
  });

  it('accepts writes while the broker is stopped and publishes them, in order, after it restarts', async () => {
    const key = randomUUID();
    controlBroker('stop');
    try {
      for (let seq = 1; seq <= 5; seq += 1) {
        await unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq, fail: false } }));
      }
      // Give the relay time to try and fail against the stopped broker.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [pending] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND partition_key = $1', [key]);
      expect(pending.n).toBe(5);
    } finally {
      controlBroker('start');
    }
    const recorder = await TopicRecorder.start([topic]);
    try {
      const messages = await recorder.waitFor((all) => all.filter((m) => m.key === key).length >= 5, 90_000);
      const seqs = messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value!).payload.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await recorder.stop();
    }
    await eventually(async () => {
      const [pending] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND partition_key = $1', [key]);
      expect(pending.n).toBe(0);
    });
  });
});
