/** Settings of the metrics endpoint; ServiceKitModule fills them from the service's definition. */
export interface MetricsOptions {
  /** Becomes the `service` label on every series. */
  serviceName: string;
  /** The service's Kafka consumer group; lag is reported for the topics it is assigned or has committed. Null: no consumer. */
  consumerGroup: string | null;
  /** The topic this service dead-letters into; its end offsets are the dead-letter count. */
  deadLetterTopic: string;
  /** Upper bound of one Kafka admin round trip during a scrape. */
  kafkaTimeoutMs: number;
  /** How long a Kafka reading (lag, dead letters) is reused by later scrapes. */
  kafkaCacheMs: number;
  /** Node.js process metrics (CPU, memory, event loop lag, GC) from prom-client. */
  defaultMetrics: boolean;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export function metricsOptions(serviceName: string, overrides: Partial<MetricsOptions> = {}): MetricsOptions {
  return {
    serviceName,
    consumerGroup: null,
    deadLetterTopic: `${serviceName}.dead-letter`,
    kafkaTimeoutMs: 2000,
    kafkaCacheMs: 5000,
    defaultMetrics: true,
    ...overrides,
  };
}
