import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { TraceHeaders, currentTraceparent, extractTraceContext, injectTraceContext, remoteSpanContext } from './trace-propagation';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

function contextWith(spanContext: SpanContext) {
  return trace.setSpanContext(ROOT_CONTEXT, spanContext);
}

describe('trace propagation through message headers', () => {
  it('round-trips a span context through headers, as kafkajs hands them back (Buffers)', () => {
    const original: SpanContext = { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, traceState: new TraceState('vendor=a1') };
    const headers = injectTraceContext({ 'event-id': 'e-1' }, contextWith(original));
    expect(headers[TraceHeaders.traceparent]).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(headers[TraceHeaders.tracestate]).toBe('vendor=a1');
    expect(headers['event-id']).toBe('e-1');

    const asKafkaDeliversThem = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]));
    const extracted = trace.getSpanContext(extractTraceContext(asKafkaDeliversThem));
    expect(extracted).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(extracted?.traceState?.get('vendor')).toBe('a1');
  });

  it('keeps the sampled flag off when the caller did not sample', () => {
    const headers = injectTraceContext({}, contextWith({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE }));
    expect(headers[TraceHeaders.traceparent]).toBe(`00-${TRACE_ID}-${SPAN_ID}-00`);
    expect(trace.getSpanContext(extractTraceContext(headers))?.traceFlags).toBe(TraceFlags.NONE);
  });

  it('takes the last value of a repeated header', () => {
    const extracted = remoteSpanContext({ traceparent: [Buffer.from('garbage'), Buffer.from(`00-${TRACE_ID}-${SPAN_ID}-01`)] });
    expect(extracted?.spanId).toBe(SPAN_ID);
  });

  it.each([
    ['not a traceparent', 'garbage'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['the forbidden version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(2)}-${SPAN_ID}-01`],
    ['an empty value', ''],
  ])('ignores %s: the work starts a new trace instead', (_what, value) => {
    const base = ROOT_CONTEXT.setValue(Symbol.for('marker'), 'kept');
    const extracted = extractTraceContext({ traceparent: value }, base);
    expect(trace.getSpanContext(extracted)).toBeUndefined();
    expect(extracted.getValue(Symbol.for('marker'))).toBe('kept');
    expect(remoteSpanContext({ traceparent: value })).toBeUndefined();
  });

  it('writes nothing and captures nothing outside a trace', () => {
    expect(injectTraceContext({}, ROOT_CONTEXT)).toEqual({});
    expect(currentTraceparent(ROOT_CONTEXT)).toBeNull();
    expect(extractTraceContext(undefined)).toBe(ROOT_CONTEXT);
  });

  it('captures the active span as one traceparent value', () => {
    expect(currentTraceparent(contextWith({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED }))).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
  });
});
