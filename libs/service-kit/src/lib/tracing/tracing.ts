import { Logger } from '@nestjs/common';
import { DiagLogLevel, context, diag, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Sampler } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingSettings } from './tracing-settings';

export interface Tracing {
  readonly settings: TracingSettings;
  /** True when spans leave the process (an OTLP endpoint is configured). */
  readonly exporting: boolean;
  /** Sends the spans still buffered; bounded, never throws (shutdown must go on). */
  flush(timeoutMs: number): Promise<void>;
}

export function samplerFor(settings: Pick<TracingSettings, 'sampler' | 'samplerRatio' | 'tracesUrl'>): Sampler {
  // Without an exporter nothing is recorded for traces that start here, but a trace a caller
  // sampled stays sampled, so services further down that do export still get whole traces.
  // Unrecorded spans still get ids: they travel in headers and log lines all the same.
  if (!settings.tracesUrl) return new ParentBasedSampler({ root: new AlwaysOffSampler() });
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(settings.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.samplerRatio) });
  }
}

let started: Tracing | null = null;

/**
 * Registers the OpenTelemetry SDK for this process: W3C propagation, an AsyncLocalStorage
 * context (so a span follows a request or a consumed event through every await), and, only
 * when an OTLP endpoint is configured, a batching exporter. The SDK is process-wide: the
 * first call wins and later ones (several apps in one test process) share it.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (started) return started;
  const logger = new Logger('Tracing');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // The SDK reports its own trouble (a collector that does not answer) through diag: only
  // warnings and errors, into the service's log.
  diag.setLogger(
    { error: (m) => logger.error(`opentelemetry: ${m}`), warn: (m) => logger.warn(`opentelemetry: ${m}`), info: () => undefined, debug: () => undefined, verbose: () => undefined },
    DiagLogLevel.WARN,
  );
  const exporting = settings.tracesUrl !== null;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    sampler: samplerFor(settings),
    spanProcessors: settings.tracesUrl
      ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }), scheduledDelayMillis: settings.batchDelayMs })]
      : [],
  });
  trace.setGlobalTracerProvider(provider);
  logger.log(exporting ? `exporting spans of ${settings.serviceName} to ${settings.tracesUrl} (${settings.sampler}, ${settings.samplerRatio})` : 'no OTLP endpoint configured: trace ids are propagated and logged, no span is exported');
  started = {
    settings,
    exporting,
    flush: async (timeoutMs) => {
      if (!exporting) return;
      await provider.forceFlush({ timeoutMillis: timeoutMs }).catch((error: Error) => logger.warn(`spans not flushed: ${error.message}`));
    },
  };
  return started;
}
