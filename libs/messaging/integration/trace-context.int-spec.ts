import { randomBytes, randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { TopicRecorder, createTestTopic, eventually, freshDatabase } from '@diplomacy/testing';
import { UnitOfWork } from '@diplomacy/messaging';
import { startTestService, testEvent } from './harness';
import type { TestService } from './harness';

/**
 * The trace context travels with the event: stored in the outbox row in the writing
 * transaction, put on the Kafka message by the relay, and continued by the consumer's
 * handler. This service exports nothing (no OTLP endpoint), which is the default: ids
 * still propagate, and a caller's sampled decision is kept.
 */
describe('trace context through outbox, relay and consumer (real Postgres, real Kafka)', () => {
  let service: TestService;
  let topic: string;
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    topic = await createTestTopic('tracing', 1);
    service = await startTestService({ databaseUrl: await freshDatabase('messaging_tracing_test'), topic, relay: { pollIntervalMs: 100 } });
    dataSource = service.app.get(DataSource);
    unitOfWork = service.app.get(UnitOfWork);
  });

  afterAll(async () => {
    await service?.shutdown('test end');
  });

  const traceparentPattern = (traceId: string, flags: string) => new RegExp(`^00-${traceId}-[0-9a-f]{16}-${flags}$`);

  it('stores the caller’s trace with the outbox row, sends it in the Kafka headers and continues it in the handler', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const caller = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: callerSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    const key = randomUUID();
    const recorder = await TopicRecorder.start([topic]);
    try {
      const [written] = await context.with(caller, () =>
        unitOfWork.run((tx) => tx.publish({ definition: testEvent(topic), key, organisationId: null, payload: { seq: 1, fail: false } })),
      );
      const [row] = await dataSource.query('SELECT headers FROM outbox WHERE event_id = $1', [written.id]);
      const stored = row.headers.traceparent as string;
      // The outbox write's own span, child of the caller's, sampled as the caller decided.
      expect(stored).toMatch(traceparentPattern(traceId, '01'));
      expect(stored).not.toContain(callerSpanId);

      const [message] = await recorder.waitFor((messages) => messages.some((m) => m.key === key));
      expect(message.headers['traceparent']).toBe(stored);
      expect(message.headers['event-id']).toBe(written.id);

      await eventually(() => expect(service.handled.find((h) => h.envelope.id === written.id)).toBeDefined());
      const handled = service.handled.find((h) => h.envelope.id === written.id);
      expect(handled?.traceparent).toMatch(traceparentPattern(traceId, '01'));
      expect(handled?.traceparent).not.toBe(stored);
    } finally {
      await recorder.stop();
    }
  });

  it('gives an event written outside any trace a trace id of its own, unsampled', async () => {
    const key = randomUUID();
    const [written] = await context.with(ROOT_CONTEXT, () =>
      unitOfWork.run((tx) => tx.publish({ definition: testEvent(topic), key, organisationId: null, payload: { seq: 1, fail: false } })),
    );
    const [row] = await dataSource.query('SELECT headers FROM outbox WHERE event_id = $1', [written.id]);
    expect(row.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    await eventually(() => expect(service.handled.find((h) => h.envelope.id === written.id)).toBeDefined());
    const handled = service.handled.find((h) => h.envelope.id === written.id);
    // Same trace id in the consumer: its log lines join the producer's.
    expect(handled?.traceparent?.split('-')[1]).toBe((row.headers.traceparent as string).split('-')[1]);
  });
});
