import { Inject, Logger, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { EventCatalog } from '@diplomacy/contracts';
import { createKafka } from './kafka-settings';
import type { KafkaSettings } from './kafka-settings';
import { EVENT_PUBLISHER } from './publisher/event-publisher';
import type { EventPublisher } from './publisher/event-publisher';
import { KafkajsEventPublisher } from './publisher/kafkajs-event-publisher';
import { OutboxWriter } from './outbox/outbox-writer';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay } from './outbox/outbox-relay';
import type { OutboxRelayOptions } from './outbox/outbox-relay';
import { UnitOfWork } from './outbox/unit-of-work';
import { DEFAULT_MAX_BATCH_BYTES, MessageSizeLimit } from './outbox/message-size';
import { readBrokerLimits } from './outbox/broker-limits';
import { Inbox } from './inbox/inbox';
import { KafkaHealth } from './health/kafka-health';

export interface MessagingModuleOptions {
  /** The producing service's name; it goes into every envelope. */
  serviceName: string;
  kafka: KafkaSettings;
  relay?: Partial<OutboxRelayOptions>;
  /** The largest record batch the relay hands the producer (`OUTBOX_MAX_BATCH_BYTES`); lowered to what the broker reports. */
  maxBatchBytes?: number;
  /** Defaults to every event in the contracts lib; tests pass their own. */
  catalog?: EventCatalog;
}

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the relay with the application and drains it on shutdown (called by the service's shutdown sequence). */
export class MessagingLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(KafkaHealth) private readonly health: KafkaHealth,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(EventCatalog) private readonly catalog: EventCatalog,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    // In the background: until the broker answers, the configured bound (below the 1 MB default) holds,
    // and a batch refused as too large is split anyway.
    void this.learnBrokerLimits();
  }

  private async learnBrokerLimits(): Promise<void> {
    const limits = await readBrokerLimits(this.kafka, this.catalog.list().map((d) => d.topic));
    if (limits.bytes === null) {
      this.logger.warn(`could not read the broker's message size limits; outbox batches stay below ${this.relay.sizeLimit.bytes} bytes`);
      return;
    }
    this.relay.sizeLimit.learnBrokerLimit(limits.bytes);
    this.logger.log(`outbox batches stay below ${this.relay.sizeLimit.bytes} bytes (${limits.sources.join(', ')})`);
  }

  /** Stop the relay loop, publish what is still pending (bounded), then let go of the broker. */
  async drainAndDisconnect(timeoutMs: number): Promise<void> {
    await this.relay.stop();
    const published = await this.relay.drain(timeoutMs);
    const left = await this.relay.pendingCount().catch(() => -1);
    this.logger.log(`outbox drained: ${published} published on shutdown, ${left} left for the next start`);
    await this.publisher.disconnect();
    await this.health.close();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const relayOptions: OutboxRelayOptions = { ...DEFAULT_RELAY_OPTIONS, ...options.relay };
    // One bound for the writer (refuses an event that could never fit) and the relay (cuts batches at it).
    const sizeLimit = new MessageSizeLimit(options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES);
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: EventCatalog, useValue: options.catalog ?? new EventCatalog() },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka(options.kafka) },
        { provide: EVENT_PUBLISHER, useFactory: (kafka: Kafka) => new KafkajsEventPublisher(kafka), inject: [KAFKA_CLIENT] },
        { provide: KafkaHealth, useFactory: (kafka: Kafka) => new KafkaHealth(kafka), inject: [KAFKA_CLIENT] },
        {
          provide: OutboxWriter,
          useFactory: (catalog: EventCatalog) => new OutboxWriter(options.serviceName, catalog, sizeLimit),
          inject: [EventCatalog],
        },
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, publisher: EventPublisher) =>
            new OutboxRelay(dataSource, publisher, relayOptions, new Logger('OutboxRelay'), sizeLimit),
          inject: [DataSource, EVENT_PUBLISHER],
        },
        {
          provide: UnitOfWork,
          useFactory: (dataSource: DataSource, writer: OutboxWriter, relay: OutboxRelay) => new UnitOfWork(dataSource, writer, relay),
          inject: [DataSource, OutboxWriter, OutboxRelay],
        },
        { provide: Inbox, useFactory: (unitOfWork: UnitOfWork) => new Inbox(unitOfWork), inject: [UnitOfWork] },
        MessagingLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, EventCatalog, KAFKA_CLIENT, EVENT_PUBLISHER, KafkaHealth, OutboxWriter, OutboxRelay, UnitOfWork, Inbox, MessagingLifecycle],
    };
  }
}
