import { Inject, Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule, OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA_CLIENT, OutboxRelay } from '@diplomacy/messaging';
import { httpDurationHistogram, httpMetricsMiddleware } from './http-metrics';
import { CachedReading, KafkaMetricsReader } from './kafka-metrics';
import type { KafkaReading } from './kafka-metrics';
import { METRICS_OPTIONS, metricsOptions } from './metrics.options';
import type { MetricsOptions } from './metrics.options';
import { MetricsController } from './metrics.controller';
import { OUTBOX_BACKLOG_SQL, outboxReading, registerOperationalMetrics } from './operational-metrics';
import { ServiceMetrics } from './service-metrics';

/** Provider that registers the outbox / Kafka series once the DataSource and Kafka client exist. */
const OPERATIONAL_METRICS = Symbol('OPERATIONAL_METRICS');

/** How long one outbox reading is shared: the two outbox gauges of one scrape use one query. */
const OUTBOX_CACHE_MS = 1000;

/**
 * `GET /metrics` for one service: HTTP latency, outbox backlog, consumer lag and dead letters
 * (see registerOperationalMetrics), plus whatever the service registers through the injectable
 * `ServiceMetrics` (`metrics.counter({...})`). Needs the DataSource (TypeOrmModule) and
 * KAFKA_CLIENT (MessagingModule), which every service has.
 */
@Module({})
export class MetricsModule implements NestModule, OnModuleDestroy {
  constructor(
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
    @Inject(KafkaMetricsReader) private readonly kafkaReader: KafkaMetricsReader,
  ) {}

  static forRoot(serviceName: string, overrides: Partial<MetricsOptions> = {}): DynamicModule {
    const options = metricsOptions(serviceName, overrides);
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(options) },
        {
          provide: KafkaMetricsReader,
          useFactory: (kafka: Kafka) => new KafkaMetricsReader(kafka, options.consumerGroup, options.deadLetterTopic, options.kafkaTimeoutMs),
          inject: [KAFKA_CLIENT],
        },
        {
          provide: OPERATIONAL_METRICS,
          useFactory: (metrics: ServiceMetrics, dataSource: DataSource, reader: KafkaMetricsReader, relay: OutboxRelay) => {
            registerOperationalMetrics(metrics, {
              consumerGroup: options.consumerGroup,
              deadLetterTopic: options.deadLetterTopic,
              outbox: new CachedReading(OUTBOX_CACHE_MS, async () => outboxReading(await dataSource.query(OUTBOX_BACKLOG_SQL))),
              kafka: new CachedReading<KafkaReading>(options.kafkaCacheMs, () => reader.read()),
              relay: () => relay.status(),
            });
            return true;
          },
          inject: [ServiceMetrics, DataSource, KafkaMetricsReader, OutboxRelay],
        },
      ],
      exports: [ServiceMetrics, METRICS_OPTIONS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware(httpDurationHistogram(this.metrics))).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onModuleDestroy(): Promise<void> {
    await this.kafkaReader.close();
  }
}
