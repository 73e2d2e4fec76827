import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { EventCatalog, defineEvent } from '@diplomacy/contracts';
import type { EventDefinition } from '@diplomacy/contracts';
import { TopicRecorder, controlBroker, createTestTopic, eventually, freshDatabase, testKafka } from '@diplomacy/testing';
import { EventTooLargeError, OutboxRelay, OutboxWriter, UnitOfWork } from '@diplomacy/messaging';
import { startTestService } from './harness';
import type { TestService } from './harness';

jest.setTimeout(300_000);

interface PaddedPayload {
  seq: number;
  padding: string;
}

/** An event shaped like a rescheduled agenda item with its before/after state: a few KB each. */
function paddedEvent(topic: string): EventDefinition<PaddedPayload> {
  return defineEvent<PaddedPayload>({
    type: 'test.padded',
    version: 1,
    topic,
    description: 'An event only the messaging tests use, as large as they need.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['seq', 'padding'],
      properties: { seq: { type: 'integer' }, padding: { type: 'string' } },
    },
  });
}

/** A unit of work whose writer knows the test's own event (the harness' catalogue knows none). */
function unitOfWorkFor(service: TestService, definition: EventDefinition<PaddedPayload>): UnitOfWork {
  const relay = service.app.get(OutboxRelay);
  const writer = new OutboxWriter('messaging-test', new EventCatalog([definition as EventDefinition<unknown>]), relay.sizeLimit);
  return new UnitOfWork(service.app.get(DataSource), writer, relay);
}

async function pendingFor(dataSource: DataSource, key: string): Promise<number> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL AND partition_key = $1', [key]);
  return row.n;
}

function seqsOf(recorder: TopicRecorder, key: string): number[] {
  return recorder.messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value!).payload.seq);
}

describe('the outbox never wedges (real Postgres, real Kafka)', () => {
  describe('with the default batch bounds', () => {
    let service: TestService;
    let topic: string;
    let definition: EventDefinition<PaddedPayload>;
    let unitOfWork: UnitOfWork;
    let dataSource: DataSource;

    beforeAll(async () => {
      topic = await createTestTopic('outbox-wedge', 3);
      definition = paddedEvent(topic);
      // The relay's batch size stays at its default of 500 rows: the count alone lets a batch reach 2 MB here.
      service = await startTestService({ databaseUrl: await freshDatabase('messaging_outbox_wedge'), relay: { pollIntervalMs: 200, maxBackoffMs: 1000 } });
      dataSource = service.app.get(DataSource);
      unitOfWork = unitOfWorkFor(service, definition);
    });

    afterAll(async () => {
      await service?.shutdown('test end');
    });

    it('publishes a one-key backlog above 1 MB written during a broker outage, in order, with nothing stuck', async () => {
      const key = randomUUID();
      const changes = 300;
      // ~4.3 KB an event, like a rescheduled agenda item of a 20-person delegation: 300 of them make ~1.3 MB.
      const padding = 'x'.repeat(4000);
      controlBroker('stop');
      try {
        for (let seq = 1; seq <= changes; seq += 1) {
          await unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq, padding } }));
        }
        const [{ bytes }] = await dataSource.query(`SELECT sum(octet_length(envelope::text))::int AS bytes FROM outbox WHERE partition_key = $1`, [key]);
        expect(bytes).toBeGreaterThan(1_048_588);
        expect(await pendingFor(dataSource, key)).toBe(changes);
      } finally {
        controlBroker('start');
      }
      const recorder = await TopicRecorder.start([topic]);
      try {
        await recorder.waitFor(() => new Set(seqsOf(recorder, key)).size >= changes, 120_000);
        // At least once: a batch the broker half-took may arrive twice. First deliveries keep the order.
        const firsts = seqsOf(recorder, key).filter((seq, index, all) => all.indexOf(seq) === index);
        expect(firsts).toEqual(Array.from({ length: changes }, (_, i) => i + 1));
      } finally {
        await recorder.stop();
      }
      await eventually(async () => expect(await pendingFor(dataSource, key)).toBe(0));
      const [setAside] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE set_aside_at IS NOT NULL');
      expect(setAside.n).toBe(0);
      // Every batch the relay sent stayed below the bound, and the bound below the broker's limit.
      expect(service.app.get(OutboxRelay).status().maxBatchBytes).toBeLessThan(1_048_588);
    });

    it('refuses an event larger than any batch the broker accepts when it is written, together with the change', async () => {
      const key = randomUUID();
      const limit = service.app.get(OutboxRelay).sizeLimit.maxEventBytes;
      await expect(
        unitOfWork.run(async (tx) => {
          await tx.manager.query('INSERT INTO test_effects (event_id, seq) VALUES ($1, $2)', [randomUUID(), -1]);
          await tx.publish({ definition, key, organisationId: null, payload: { seq: 1, padding: 'y'.repeat(limit) } });
        }),
      ).rejects.toBeInstanceOf(EventTooLargeError);
      const [outbox] = await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE partition_key = $1', [key]);
      const [effects] = await dataSource.query('SELECT count(*)::int AS n FROM test_effects WHERE seq = -1');
      expect([outbox.n, effects.n]).toEqual([0, 0]);
      // Just below the limit goes through.
      await unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq: 2, padding: 'y'.repeat(limit - 1000) } }));
      await eventually(async () => expect(await pendingFor(dataSource, key)).toBe(0), 60_000);
    });
  });

  describe('when the broker refuses one message for good', () => {
    let service: TestService;

    afterAll(async () => {
      await service?.shutdown('test end');
    });

    it('sets that message aside with the reason and publishes the ones after it, in order', async () => {
      // A topic that takes at most 16 KB per batch, while the writer allows far more: the broker refuses the big one.
      const topic = await createTestTopic('outbox-refused', 1, { 'max.message.bytes': '16384' });
      const definition = paddedEvent(topic);
      service = await startTestService({ databaseUrl: await freshDatabase('messaging_outbox_refused'), relay: { pollIntervalMs: 200, maxBackoffMs: 1000 } });
      const dataSource = service.app.get(DataSource);
      const relay = service.app.get(OutboxRelay);
      await relay.stop(); // write the three first, so they reach the broker in one batch
      const unitOfWork = unitOfWorkFor(service, definition);
      const key = randomUUID();
      const write = (seq: number, size: number) => unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq, padding: 'z'.repeat(size) } }));
      await write(1, 100);
      await write(2, 40_000);
      await write(3, 100);
      const recorder = await TopicRecorder.start([topic]);
      try {
        relay.start();
        await recorder.waitFor(() => new Set(seqsOf(recorder, key)).size >= 2, 60_000);
        await write(4, 100);
        await recorder.waitFor(() => new Set(seqsOf(recorder, key)).size >= 3, 60_000);
        expect(seqsOf(recorder, key).filter((seq, index, all) => all.indexOf(seq) === index)).toEqual([1, 3, 4]);
      } finally {
        await recorder.stop();
      }
      const rows: { seq: number; set_aside_reason: string | null; published: boolean }[] = await dataSource.query(
        `SELECT (envelope->'payload'->>'seq')::int AS seq, set_aside_reason, published_at IS NOT NULL AS published FROM outbox WHERE partition_key = $1 ORDER BY id`,
        [key],
      );
      expect(rows.map((r) => [r.seq, r.published, r.set_aside_reason === null ? null : 'set aside'])).toEqual([
        [1, true, null],
        [2, false, 'set aside'],
        [3, true, null],
        [4, true, null],
      ]);
      expect(rows[1].set_aside_reason).toContain('MESSAGE_TOO_LARGE');
      expect(relay.status()).toMatchObject({ consecutiveFailures: 0, setAsideSinceStart: 1 });
      expect(await relay.pendingCount()).toBe(0);
    });
  });

  describe('when the relay cannot publish while the broker itself is fine', () => {
    let service: TestService;

    afterAll(async () => {
      await service?.shutdown('test end');
    });

    it('reports the stall in readiness and metrics, and recovers by itself once the cause is fixed', async () => {
      // A topic that does not exist (auto-creation is off): the broker answers, the relay cannot publish.
      const topic = `test.outbox-missing.${randomUUID().slice(0, 8)}`;
      const definition = paddedEvent(topic);
      service = await startTestService({
        databaseUrl: await freshDatabase('messaging_outbox_stall'),
        relay: { pollIntervalMs: 200, maxBackoffMs: 500, stallAfterFailures: 3 },
      });
      await service.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
      const unitOfWork = unitOfWorkFor(service, definition);
      const key = randomUUID();
      await unitOfWork.run((tx) => tx.publish({ definition, key, organisationId: null, payload: { seq: 1, padding: '' } }));

      await eventually(async () => {
        const response = await fetch(`${base}/health/ready`);
        const body = (await response.json()) as { checks: Record<string, { up: boolean; detail: string }> };
        expect(response.status).toBe(503);
        expect(body.checks.kafka.up).toBe(true);
        expect(body.checks.outbox).toMatchObject({ up: false, detail: expect.stringContaining('stalled') });
      }, 120_000);
      // What the gauges outbox_relay_consecutive_failures / outbox_pending_messages read (scraping /metrics here
      // would leave its Kafka lag reader retrying the missing topic after the test; the gauges are unit-tested).
      const relay = service.app.get(OutboxRelay);
      expect(relay.status().consecutiveFailures).toBeGreaterThanOrEqual(3);
      expect(await relay.pendingCount()).toBeGreaterThanOrEqual(1);

      // The operator creates the topic: the relay publishes on its next attempt, and readiness turns green.
      const admin = testKafka('test-admin').admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
      await eventually(async () => {
        const response = await fetch(`${base}/health/ready`);
        expect(response.status).toBe(200);
      }, 120_000);
      expect(relay.status().consecutiveFailures).toBe(0);
      expect(await relay.pendingCount()).toBe(0);
    });
  });
});
