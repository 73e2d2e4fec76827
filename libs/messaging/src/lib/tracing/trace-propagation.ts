import { ROOT_CONTEXT, context as contextApi, trace } from '@opentelemetry/api';
import type { Context, SpanContext, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * The W3C Trace Context header names. They travel on Kafka messages (written into the
 * outbox row's headers in the same transaction as the event), on HTTP requests, and in
 * columns of work queued for later (a notification waiting for its dispatcher).
 */
export const TraceHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/** Kafka header values as kafkajs hands them over (Buffers), or as the outbox stores them (strings). */
export type TraceCarrierValue = string | Buffer | (string | Buffer)[] | undefined | null;
export type TraceCarrier = Readonly<Record<string, TraceCarrierValue>>;

// W3C on the wire whatever propagator a service registers globally: the header names are
// part of the message contract (docs/architecture.md), not a deployment choice.
const w3c = new W3CTraceContextPropagator();

const getter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined || value === null) return undefined;
    // A header repeated by a client: the last one wins, as for every other header we read.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    return last === undefined ? undefined : last.toString();
  },
};

const setter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** Writes `traceparent` (and `tracestate` when there is one) for the span in `ctx`; nothing when it holds no valid span. */
export function injectTraceContext(headers: Record<string, string>, ctx: Context = contextApi.active()): Record<string, string> {
  w3c.inject(ctx, headers, setter);
  return headers;
}

/**
 * The context a message or request continues: `base` with the remote span of its
 * `traceparent`. A missing or malformed header leaves `base` as it is, so the work
 * simply starts a new trace.
 */
export function extractTraceContext(carrier: TraceCarrier | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!carrier) return base;
  return w3c.extract(base, carrier, getter);
}

/** The remote span context a carrier names, when it names a valid one (for span links). */
export function remoteSpanContext(carrier: TraceCarrier | undefined): SpanContext | undefined {
  const spanContext = trace.getSpanContext(extractTraceContext(carrier));
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The active span as one `traceparent` value, to store with work that runs later; null outside any trace. */
export function currentTraceparent(ctx: Context = contextApi.active()): string | null {
  return injectTraceContext({}, ctx)[TraceHeaders.traceparent] ?? null;
}
