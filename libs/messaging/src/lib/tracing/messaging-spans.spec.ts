import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { continueStoredTrace, traceConsumedMessage, traceOutboxEvent, traceRelayBatch } from './messaging-spans';
import { TraceHeaders, currentTraceparent } from './trace-propagation';

// A real SDK with an in-memory exporter: what a service registers at start-up (libs/service-kit tracing), minus the network.
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const contextManager = new AsyncLocalStorageContextManager().enable();

beforeAll(() => {
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spanNamed = (name: string): ReadableSpan => {
  const found = exporter.getFinishedSpans().find((span) => span.name === name);
  if (!found) throw new Error(`no span ${name} among ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
  return found;
};
const event = { id: 'e1f3c1a0-0000-4000-8000-000000000001', type: 'agenda-item.rescheduled', key: 'program-1' };
const request = trace.getTracer('test');

describe('messaging spans', () => {
  it('chains HTTP request → outbox create → consumer process → the consumer’s own outbox event in one trace', async () => {
    const headers: Record<string, string> = { 'event-id': event.id };
    request.startActiveSpan('POST /agenda-items/:itemId/reschedule', { kind: SpanKind.SERVER }, (span) => {
      traceOutboxEvent('scheduling.schedule-changes', event, headers);
      span.end();
    });
    const server = spanNamed('POST /agenda-items/:itemId/reschedule');
    const create = spanNamed('create scheduling.schedule-changes');
    expect(create.kind).toBe(SpanKind.PRODUCER);
    expect(create.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(create.attributes['messaging.message.id']).toBe(event.id);
    expect(headers[TraceHeaders.traceparent]).toBe(`00-${server.spanContext().traceId}-${create.spanContext().spanId}-01`);

    // The relay: a batch of its own, linked to the message it carries.
    await traceRelayBatch([{ topic: 'scheduling.schedule-changes', headers }], async () => undefined);
    const send = spanNamed('send scheduling.schedule-changes');
    expect(send.parentSpanContext).toBeUndefined();
    expect(send.links.map((link) => link.context.spanId)).toEqual([create.spanContext().spanId]);

    // Kafka hands the headers back as Buffers.
    const delivered = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]));
    let capturedInHandler: string | null = null;
    await traceConsumedMessage({ topic: 'scheduling.schedule-changes', partition: 2, offset: '41', groupId: 'notifications', headers: delivered }, async () => {
      capturedInHandler = currentTraceparent();
      traceOutboxEvent('notifications.events', { ...event, id: 'e1f3c1a0-0000-4000-8000-000000000002', type: 'notification.sent' }, {});
    });
    const processed = spanNamed('process scheduling.schedule-changes');
    expect(processed.kind).toBe(SpanKind.CONSUMER);
    expect(processed.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(processed.parentSpanContext).toMatchObject({ spanId: create.spanContext().spanId, isRemote: true });
    expect(processed.attributes).toMatchObject({ 'messaging.destination.partition.id': '2', 'messaging.kafka.offset': 41, 'messaging.consumer.group.name': 'notifications' });
    expect(capturedInHandler).toBe(`00-${server.spanContext().traceId}-${processed.spanContext().spanId}-01`);
    expect(spanNamed('create notifications.events').parentSpanContext?.spanId).toBe(processed.spanContext().spanId);

    // Later, another loop continues the trace the handler captured.
    await continueStoredTrace(capturedInHandler, 'deliver email', { attributes: { 'notification.id': 'n-1' } }, async () => undefined);
    const deliver = spanNamed('deliver email');
    expect(deliver.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(deliver.parentSpanContext?.spanId).toBe(processed.spanContext().spanId);
    expect(deliver.attributes['notification.id']).toBe('n-1');
  });

  it('starts a new trace for a message whose traceparent is malformed or missing', async () => {
    await traceConsumedMessage({ topic: 't', partition: 0, offset: '0', groupId: 'g', headers: { traceparent: Buffer.from('00-nonsense-01') } }, async () => undefined);
    await traceConsumedMessage({ topic: 'u', partition: 0, offset: '0', groupId: 'g', headers: undefined }, async () => undefined);
    for (const name of ['process t', 'process u']) {
      const span = spanNamed(name);
      expect(span.parentSpanContext).toBeUndefined();
      expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
    }
  });

  it('records a failed send and a failed continuation as errors and rethrows', async () => {
    await expect(traceRelayBatch([{ topic: 't', headers: {} }], () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
    expect(spanNamed('send t').status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'Error: broker down' });
    await expect(continueStoredTrace(null, 'deliver sms', {}, () => Promise.reject(new Error('gateway 503')))).rejects.toThrow('gateway 503');
    expect(spanNamed('deliver sms').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('links the other traces a digest serves', async () => {
    const first = `00-${'a'.repeat(32)}-${'1'.repeat(16)}-01`;
    const second = `00-${'b'.repeat(32)}-${'2'.repeat(16)}-01`;
    await continueStoredTrace(first, 'deliver digest', { links: [first, second, null] }, async () => undefined);
    const span = spanNamed('deliver digest');
    expect(span.spanContext().traceId).toBe('a'.repeat(32));
    expect(span.links.map((link) => link.context.traceId)).toEqual(['b'.repeat(32)]);
  });
});
