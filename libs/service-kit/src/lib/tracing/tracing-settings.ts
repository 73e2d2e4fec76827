import type { ServiceEnvironment, TraceSamplerName } from '../config/service-config';

/** What the tracing set-up needs, resolved from the validated configuration at start-up. */
export interface TracingSettings {
  serviceName: string;
  /** Where spans are POSTed (OTLP/HTTP, JSON); null: nothing is exported. */
  tracesUrl: string | null;
  sampler: TraceSamplerName;
  samplerRatio: number;
  batchDelayMs: number;
}

/**
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as it is; `OTEL_EXPORTER_OTLP_ENDPOINT` is
 * a base to which the signal path is appended (the OpenTelemetry exporter rules).
 */
export function tracingSettings(config: ServiceEnvironment, serviceName: string): TracingSettings {
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  return {
    serviceName: config.OTEL_SERVICE_NAME ?? serviceName,
    tracesUrl,
    sampler: config.OTEL_TRACES_SAMPLER,
    samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    batchDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
  };
}
