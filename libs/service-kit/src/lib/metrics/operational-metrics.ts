import type { CachedReading, KafkaReading } from './kafka-metrics';
import type { ServiceMetrics } from './service-metrics';

export interface OutboxReading {
  pending: number;
  /** Age of the oldest unpublished row; 0 when there is none. */
  oldestAgeSeconds: number;
  /** Rows the broker refused for good and the relay set aside (they wait for an operator). */
  setAside: number;
}

/**
 * One round trip, each part on its partial index (`outbox_pending_idx`, `outbox_set_aside_idx`);
 * ages come from the database clock.
 */
export const OUTBOX_BACKLOG_SQL = `
  SELECT p.pending, p.oldest_age_seconds, s.set_aside
    FROM (SELECT count(*)::int AS pending,
                 COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)::float8 AS oldest_age_seconds
            FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL) p,
         (SELECT count(*)::int AS set_aside FROM outbox WHERE set_aside_at IS NOT NULL) s`;

export function outboxReading(rows: readonly { pending: unknown; oldest_age_seconds: unknown; set_aside?: unknown }[]): OutboxReading {
  const [row] = rows;
  return {
    pending: Number(row?.pending ?? 0),
    oldestAgeSeconds: Math.max(0, Number(row?.oldest_age_seconds ?? 0)),
    setAside: Number(row?.set_aside ?? 0),
  };
}

/** What the relay of this process says about itself (OutboxRelay.status()). */
export interface RelayReading {
  consecutiveFailures: number;
}

export interface OperationalSources {
  consumerGroup: string | null;
  deadLetterTopic: string;
  outbox: CachedReading<OutboxReading>;
  kafka: CachedReading<KafkaReading>;
  relay: () => RelayReading;
}

/**
 * The series every service has, collected when Prometheus scrapes (nothing runs in between):
 *
 * - `outbox_pending_messages`, `outbox_oldest_pending_age_seconds`: rows not yet on Kafka;
 * - `outbox_set_aside_messages`: rows the broker refused for good, set aside so the rest go on;
 * - `outbox_relay_consecutive_failures`: the relay's failed publish attempts in a row (0 while it publishes);
 * - `kafka_consumer_lag{group,topic,partition}`: messages after the group's committed offset;
 * - `dead_letter_messages_total{topic}`: messages ever written to the service's dead-letter topic;
 * - `metrics_source_up{source}`: 1 when the outbox / Kafka reading of this scrape succeeded.
 *
 * A failed reading never fails the scrape: the outbox gauges say NaN (unknown: no threshold
 * alert fires on it), the lag series are left out, the dead-letter counter keeps its last value,
 * and `metrics_source_up` says 0.
 */
export function registerOperationalMetrics(metrics: ServiceMetrics, sources: OperationalSources): void {
  metrics.gauge({
    name: 'metrics_source_up',
    help: 'Whether this scrape could read the source: outbox (the service database) or kafka (consumer lag, dead letters).',
    labelNames: ['source'],
    async collect() {
      const [outbox, kafka] = await Promise.all([succeeded(sources.outbox), succeeded(sources.kafka)]);
      this.set({ source: 'outbox' }, outbox ? 1 : 0);
      this.set({ source: 'kafka' }, kafka ? 1 : 0);
    },
  });

  metrics.gauge({
    name: 'outbox_pending_messages',
    help: 'Outbox rows committed but not yet published to Kafka.',
    async collect() {
      const reading = await sources.outbox.get().catch(() => null);
      this.set(reading ? reading.pending : NaN);
    },
  });

  metrics.gauge({
    name: 'outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox row not yet published to Kafka (0 when there is none).',
    async collect() {
      const reading = await sources.outbox.get().catch(() => null);
      this.set(reading ? reading.oldestAgeSeconds : NaN);
    },
  });

  metrics.gauge({
    name: 'outbox_set_aside_messages',
    help: 'Outbox rows the broker refused for good (too large for the topic, invalid topic), set aside with the reason so later rows go on.',
    async collect() {
      const reading = await sources.outbox.get().catch(() => null);
      this.set(reading ? reading.setAside : NaN);
    },
  });

  metrics.gauge({
    name: 'outbox_relay_consecutive_failures',
    help: "Failed publish attempts in a row of this instance's outbox relay; 0 once a batch goes through.",
    collect() {
      this.set(sources.relay().consecutiveFailures);
    },
  });

  metrics.gauge({
    name: 'kafka_consumer_lag',
    help: "Messages on a partition after the service's consumer group committed offset.",
    labelNames: ['group', 'topic', 'partition'],
    async collect() {
      this.reset();
      const reading = await sources.kafka.get().catch(() => null);
      if (!reading || !sources.consumerGroup) return;
      for (const { topic, partition, lag } of reading.lag) {
        this.set({ group: sources.consumerGroup, topic, partition: String(partition) }, lag);
      }
    },
  });

  let lastDeadLetters: number | null = null;
  metrics.counter({
    name: 'dead_letter_messages_total',
    help: "Messages written to the service's dead-letter topic, read from its end offsets (so it survives restarts).",
    labelNames: ['topic'],
    async collect() {
      const reading = await sources.kafka.get().catch(() => null);
      if (reading) lastDeadLetters = reading.deadLetters;
      this.reset();
      if (lastDeadLetters !== null) this.inc({ topic: sources.deadLetterTopic }, lastDeadLetters);
    },
  });
}

async function succeeded(reading: CachedReading<unknown>): Promise<boolean> {
  return reading.get().then(
    () => true,
    () => false,
  );
}
