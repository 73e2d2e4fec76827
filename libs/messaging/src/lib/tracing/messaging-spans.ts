import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context as contextApi, trace } from '@opentelemetry/api';
import type { Attributes, Link, Span } from '@opentelemetry/api';
import { TraceHeaders, extractTraceContext, injectTraceContext, remoteSpanContext } from './trace-propagation';

/**
 * The spans messaging makes, named and attributed after the OpenTelemetry messaging
 * semantic conventions (`create`, `send`, `process`). Through the API only: without a
 * registered SDK (unit tests, scripts) every call is a no-op that still carries the
 * caller's trace context along. Attributes are set only on recording spans, so a
 * service that exports nothing pays for ids, not for attribute maps.
 */
const tracer = trace.getTracer('@diplomacy/messaging');

const KAFKA = { 'messaging.system': 'kafka' } as const;

/**
 * Opens and closes the `create` span of one event written to the outbox, and returns the
 * headers that carry it: the consumer's `process` span becomes its child, however long
 * the row waits for the relay.
 */
export function traceOutboxEvent(topic: string, event: { id: string; type: string; key: string }, headers: Record<string, string>): Record<string, string> {
  const span = tracer.startSpan(`create ${topic}`, { kind: SpanKind.PRODUCER });
  if (span.isRecording()) {
    span.setAttributes({
      ...KAFKA,
      'messaging.operation.type': 'create',
      'messaging.operation.name': 'create',
      'messaging.destination.name': topic,
      'messaging.message.id': event.id,
      'messaging.kafka.message.key': event.key,
      'diplomacy.event.type': event.type,
    });
  }
  span.end();
  return injectTraceContext(headers, trace.setSpan(contextApi.active(), span));
}

/**
 * Runs one relay batch inside a `send` span linked to every message's `create` span: a
 * batch mixes events of many requests, so it is a trace of its own, not a child of one.
 */
export async function traceRelayBatch<T>(messages: readonly { topic: string; headers: Record<string, string> }[], publish: () => Promise<T>): Promise<T> {
  const topics = [...new Set(messages.map((m) => m.topic))];
  const span = tracer.startSpan(topics.length === 1 ? `send ${topics[0]}` : 'send', { kind: SpanKind.CLIENT, root: true });
  if (span.isRecording()) {
    span.setAttributes({ ...KAFKA, 'messaging.operation.type': 'send', 'messaging.operation.name': 'send', 'messaging.batch.message_count': messages.length });
    if (topics.length === 1) span.setAttribute('messaging.destination.name', topics[0]);
    const links: Link[] = [];
    for (const message of messages) {
      const linked = remoteSpanContext(message.headers);
      if (linked) links.push({ context: linked });
    }
    span.addLinks(links);
  }
  try {
    return await publish();
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  headers: Readonly<Record<string, string | Buffer | (string | Buffer)[] | undefined>> | undefined;
}

/**
 * The `process` span of one consumed message, a child of the producer's `create` span
 * (taken from the message's `traceparent` header; a message without one starts a trace).
 * `run` executes inside it, so everything the handler does (its transaction, the events
 * it writes to its own outbox, the log lines) belongs to the same trace.
 */
export async function traceConsumedMessage<T>(message: ConsumedMessage, run: (span: Span) => Promise<T>): Promise<T> {
  const parent = extractTraceContext(message.headers);
  const span = tracer.startSpan(`process ${message.topic}`, { kind: SpanKind.CONSUMER }, parent);
  if (span.isRecording()) {
    span.setAttributes({
      ...KAFKA,
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': message.topic,
      'messaging.destination.partition.id': String(message.partition),
      'messaging.kafka.offset': Number(message.offset),
      'messaging.consumer.group.name': message.groupId,
    });
  }
  try {
    return await contextApi.with(trace.setSpan(parent, span), () => run(span));
  } finally {
    span.end();
  }
}

/**
 * Continues, in a span of its own, a trace captured earlier with `currentTraceparent()`
 * (work queued in a table and picked up by another loop, e.g. a notification and its
 * dispatcher). Further captured traces the work also serves (a digest of several
 * notifications) become links.
 */
export async function continueStoredTrace<T>(
  traceparent: string | null | undefined,
  name: string,
  options: { attributes?: Attributes; links?: readonly (string | null | undefined)[] },
  run: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(traceparent ? { [TraceHeaders.traceparent]: traceparent } : undefined, ROOT_CONTEXT);
  const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL }, parent);
  if (span.isRecording()) {
    if (options.attributes) span.setAttributes(options.attributes);
    const links: Link[] = [];
    for (const other of options.links ?? []) {
      const linked = other && other !== traceparent ? remoteSpanContext({ [TraceHeaders.traceparent]: other }) : undefined;
      if (linked) links.push({ context: linked });
    }
    if (links.length > 0) span.addLinks(links);
  }
  try {
    return await contextApi.with(trace.setSpan(parent, span), () => run(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed with the error's message (no stack: it may quote data). */
export function failSpan(span: Span, error: unknown, message?: string): void {
  if (!span.isRecording()) return;
  const text = message ?? (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: text.slice(0, 500) });
}
