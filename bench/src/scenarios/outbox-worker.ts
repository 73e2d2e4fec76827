/**
 * Child process of the outbox scenario: the producing side, in a process of its
 * own like a service, so the measuring consumer in the bench process does not
 * share its event loop. Driven over IPC (see OutboxWorkerCommand).
 *
 * - system:   UnitOfWork.run → OutboxWriter.append (one event per transaction,
 *             real Postgres) → OutboxRelay (woken in-process) → KafkajsEventPublisher.
 * - baseline: the same payloads straight to a raw kafkajs producer with the
 *             same settings, batched by a MicroBatcher.
 *
 * The time recorded per event is when the caller could consider it written:
 * after COMMIT (system), or when handed to the batcher (baseline).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EnvelopeHeaders, EventCatalog, defineEvent } from '@diplomacy/contracts';
import type { EventDefinition } from '@diplomacy/contracts';
import { DEFAULT_RELAY_OPTIONS, KafkajsEventPublisher, OutboxRelay, OutboxWriter, UnitOfWork, createKafka } from '@diplomacy/messaging';
import type { EventPublisher, OutgoingMessage } from '@diplomacy/messaging';
import { dataSourceOptions } from '@diplomacy/service-kit';
import { MicroBatcher, baselineProducer } from '../harness/kafka-baseline';
import { atFixedRate, closedLoop, now } from '../harness/stats';

export type Load = { kind: 'burst'; count: number; concurrency: number } | { kind: 'rate'; rate: number; count: number };

export type OutboxWorkerCommand =
  | { cmd: 'phase'; phase: string; target: 'system' | 'baseline'; load: Load }
  | { cmd: 'stats' }
  | { cmd: 'stop' };

export type OutboxWorkerReply =
  | { type: 'ready' }
  | {
      type: 'done';
      phase: string;
      startedAt: number;
      finishedAt: number;
      /** [event id, time written] */
      written: [string, number][];
      /** Time each system write took (UnitOfWork.run, including COMMIT). */
      commitMs: number[];
    }
  | { type: 'stats'; publishCalls: number; publishedMessages: number; baselineSends: number }
  | { type: 'error'; message: string };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Shaped and sized like program.created, but the bench's own, so contract changes do not move this scenario. */
export interface ProbePayload {
  programId: string;
  organisationId: string;
  title: string;
  kind: string;
  status: string;
  theme: string | null;
  startDate: string;
  endDate: string;
}

export function probeDefinition(topic: string): EventDefinition<ProbePayload> {
  return defineEvent<ProbePayload>({
    type: 'bench.outbox-probe',
    version: 1,
    topic,
    description: 'The outbox benchmark probe event.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['programId', 'organisationId', 'title', 'kind', 'status', 'theme', 'startDate', 'endDate'],
      properties: {
        programId: { type: 'string', format: 'uuid' },
        organisationId: { type: 'string', minLength: 1 },
        title: { type: 'string', minLength: 1, maxLength: 300 },
        kind: { type: 'string', minLength: 1 },
        status: { type: 'string', minLength: 1 },
        theme: { type: 'string', nullable: true, maxLength: 500 },
        startDate: { type: 'string', format: 'date' },
        endDate: { type: 'string', format: 'date' },
      },
    },
  });
}

export function probePayload(): ProbePayload {
  return {
    programId: randomUUID(),
    organisationId: 'bench-council',
    title: 'Digital government: a ministerial delegation',
    kind: 'international-visitor',
    status: 'draft',
    theme: 'Democracy and civic engagement in the digital age',
    startDate: '2027-03-08',
    endDate: '2027-03-11',
  };
}

/** Counts what the relay hands to Kafka: how well it batches. */
class CountingPublisher implements EventPublisher {
  calls = 0;
  messages = 0;
  constructor(private readonly inner: EventPublisher) {}
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.calls += 1;
    this.messages += messages.length;
    await this.inner.publish(messages);
  }
  disconnect(): Promise<void> {
    return this.inner.disconnect();
  }
}

async function main(): Promise<void> {
  const systemTopic = env('BENCH_SYSTEM_TOPIC');
  const baselineTopic = env('BENCH_BASELINE_TOPIC');
  const brokers = env('BENCH_KAFKA_BROKERS').split(',');
  const definition = probeDefinition(systemTopic);
  const catalog = new EventCatalog([definition as EventDefinition<unknown>]);

  const dataSource = new DataSource(
    dataSourceOptions({ url: env('BENCH_DATABASE_URL'), entities: [], migrations: [], migrationsRun: true, applicationName: 'bench-outbox' }),
  );
  await dataSource.initialize();
  const kafka = createKafka({ brokers, clientId: 'bench-outbox-system' });
  const publisher = new CountingPublisher(new KafkajsEventPublisher(kafka));
  const relay = new OutboxRelay(dataSource, publisher, { ...DEFAULT_RELAY_OPTIONS }, { log: () => undefined, warn: (m) => console.warn(m) });
  const writer = new OutboxWriter('bench', catalog);
  const unitOfWork = new UnitOfWork(dataSource, writer, relay);
  relay.start();

  const producer = await baselineProducer(createKafka({ brokers, clientId: 'bench-outbox-baseline' }));
  const batcher = new MicroBatcher(producer, baselineTopic);

  const writeSystem = async (written: [string, number][], commitMs: number[]) => {
    const payload = probePayload();
    const started = now();
    const [envelope] = await unitOfWork.run((tx) =>
      tx.publish({ definition, key: payload.programId, organisationId: payload.organisationId, payload }),
    );
    const at = now();
    written.push([envelope.id, at]);
    commitMs.push(at - started);
  };

  const writeBaseline = async (written: [string, number][]) => {
    const payload = probePayload();
    const id = randomUUID();
    const envelope = {
      id,
      type: definition.type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      producer: 'bench',
      key: payload.programId,
      organisationId: payload.organisationId,
      correlationId: randomUUID(),
      causationId: null,
      payload,
    };
    batcher.push({
      key: payload.programId,
      value: JSON.stringify(envelope),
      headers: {
        [EnvelopeHeaders.eventId]: id,
        [EnvelopeHeaders.eventType]: envelope.type,
        [EnvelopeHeaders.eventVersion]: '1',
        [EnvelopeHeaders.correlationId]: envelope.correlationId,
        [EnvelopeHeaders.contentType]: 'application/json',
      },
    });
    written.push([id, now()]);
  };

  const send = (reply: OutboxWorkerReply) => process.send?.(reply);

  process.on('message', (command: OutboxWorkerCommand) => {
    void (async () => {
      if (command.cmd === 'stop') {
        await relay.stop();
        await batcher.flush().catch(() => undefined);
        await Promise.allSettled([publisher.disconnect(), producer.disconnect()]);
        await dataSource.destroy();
        process.exit(0);
      }
      if (command.cmd === 'stats') {
        send({ type: 'stats', publishCalls: publisher.calls, publishedMessages: publisher.messages, baselineSends: batcher.batches });
        return;
      }
      const written: [string, number][] = [];
      const commitMs: number[] = [];
      const write = command.target === 'system' ? () => writeSystem(written, commitMs) : () => writeBaseline(written);
      const startedAt = now();
      if (command.load.kind === 'burst') {
        await closedLoop(command.load.count, command.load.concurrency, write);
      } else {
        const settled = await atFixedRate(command.load.rate, command.load.count, write);
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
      }
      if (command.target === 'baseline') await batcher.flush();
      send({
        type: 'done',
        phase: command.phase,
        startedAt,
        finishedAt: now(),
        written,
        commitMs,
      });
    })().catch((error: Error) => send({ type: 'error', message: error.stack ?? error.message }));
  });
  send({ type: 'ready' });
}

main().catch((error: Error) => {
  console.error(error);
  process.send?.({ type: 'error', message: error.stack ?? error.message } satisfies OutboxWorkerReply);
  process.exit(1);
});
