import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import express from 'express';
import request from 'supertest';
import { currentTraceparent } from '@diplomacy/messaging';
import { COMMON_DEFAULTS, ConfigValidationError, ServiceEnvironment, loadConfig } from '../config/service-config';
import { pinoParams } from '../logging/logging';
import { TRACE_ID_HEADER, httpTracingMiddleware } from './http-tracing.middleware';
import { samplerFor } from './tracing';
import { tracingSettings } from './tracing-settings';

const defaults = { ...COMMON_DEFAULTS, PORT: '3002', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/scheduling' };
const settingsOf = (env: NodeJS.ProcessEnv) => tracingSettings(loadConfig(ServiceEnvironment, defaults, env), 'scheduling');

describe('tracing settings', () => {
  it('exports nothing by default and names the service after itself', () => {
    expect(settingsOf({})).toEqual({ serviceName: 'scheduling', tracesUrl: null, sampler: 'parentbased_traceidratio', samplerRatio: 1, batchDelayMs: 5000 });
  });

  it('appends the traces path to OTEL_EXPORTER_OTLP_ENDPOINT; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as it is and wins', () => {
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.org/traces' }).tracesUrl).toBe(
      'https://otlp.example.org/traces',
    );
    expect(settingsOf({ OTEL_SERVICE_NAME: 'scheduling-eu', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toMatchObject({
      serviceName: 'scheduling-eu',
      sampler: 'traceidratio',
      samplerRatio: 0.25,
    });
  });

  it('refuses to start with bad tracing settings, naming each', () => {
    let caught: unknown;
    try {
      settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_SAMPLER: 'jaeger_remote', OTEL_TRACES_SAMPLER_ARG: '1.5', OTEL_SERVICE_NAME: 'has spaces' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const problems = (caught as ConfigValidationError).problems.join('\n');
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG', 'OTEL_SERVICE_NAME']) expect(problems).toContain(name);
  });
});

describe('samplerFor', () => {
  const remoteParent = (flags: TraceFlags) => trace.setSpanContext(ROOT_CONTEXT, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: flags, isRemote: true });
  const decide = (sampler: ReturnType<typeof samplerFor>, ctx = ROOT_CONTEXT) => sampler.shouldSample(ctx, 'c'.repeat(32), 'span', SpanKind.SERVER, {}, []).decision;

  it('without an exporter records no trace that starts here, but keeps a caller’s sampled trace sampled', () => {
    const sampler = samplerFor({ tracesUrl: null, sampler: 'always_on', samplerRatio: 1 });
    expect(decide(sampler)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, remoteParent(TraceFlags.NONE))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, remoteParent(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('with an exporter follows the configured sampler', () => {
    const url = 'http://collector:4318/v1/traces';
    expect(decide(samplerFor({ tracesUrl: url, sampler: 'parentbased_traceidratio', samplerRatio: 1 }))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(samplerFor({ tracesUrl: url, sampler: 'parentbased_traceidratio', samplerRatio: 0 }))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(samplerFor({ tracesUrl: url, sampler: 'parentbased_traceidratio', samplerRatio: 0 }), remoteParent(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(samplerFor({ tracesUrl: url, sampler: 'always_off', samplerRatio: 1 }), remoteParent(TraceFlags.SAMPLED))).toBe(SamplingDecision.NOT_RECORD);
  });
});

describe('httpTracingMiddleware', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const app = express();
  app.use(httpTracingMiddleware);
  app.get('/agenda-items/:itemId', (_req, res) => {
    res.json({ traceparent: currentTraceparent(), log: (pinoParams('scheduling', 'info').pinoHttp as { mixin: () => object }).mixin() });
  });
  app.get('/boom', (_req, res) => {
    res.status(503).end();
  });
  app.get('/health/live', (_req, res) => {
    res.json({ traceparent: currentTraceparent() });
  });

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';

  it('continues the caller’s trace, names the span after the route, and answers with the trace id', async () => {
    const response = await request(app).get('/agenda-items/8f0e').set('traceparent', `00-${callerTraceId}-${callerSpanId}-01`).expect(200);
    expect(response.headers[TRACE_ID_HEADER]).toBe(callerTraceId);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('GET /agenda-items/:itemId');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(callerTraceId);
    expect(span.parentSpanContext).toMatchObject({ spanId: callerSpanId, isRemote: true });
    expect(span.attributes).toMatchObject({ 'http.route': '/agenda-items/:itemId', 'http.response.status_code': 200, 'http.request.method': 'GET' });
    // The handler runs inside the span: what it writes (outbox rows, log lines) names it.
    expect(response.body.traceparent).toBe(`00-${callerTraceId}-${span.spanContext().spanId}-01`);
    expect(response.body.log).toEqual({ trace_id: callerTraceId, span_id: span.spanContext().spanId });
  });

  it('starts a new trace when the caller’s traceparent is malformed', async () => {
    const response = await request(app).get('/agenda-items/8f0e').set('traceparent', `00-${callerTraceId}-zz-01`).expect(200);
    const traceId = response.headers[TRACE_ID_HEADER];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(callerTraceId);
    expect(exporter.getFinishedSpans()[0].parentSpanContext).toBeUndefined();
  });

  it('marks a 5xx answer as an error', async () => {
    await request(app).get('/boom').expect(503);
    expect(exporter.getFinishedSpans()[0].status.code).toBe(SpanStatusCode.ERROR);
  });

  it('leaves probes untraced', async () => {
    const response = await request(app).get('/health/live').expect(200);
    expect(response.headers[TRACE_ID_HEADER]).toBeUndefined();
    expect(response.body.traceparent).toBeNull();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
