import { Inject, Module } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventCatalog, defineEvent } from '@diplomacy/contracts';
import type { EventDefinition, EventEnvelope } from '@diplomacy/contracts';
import { COMMON_DEFAULTS, ServiceEnvironment, ServiceKitModule, createServiceApp, dataSourceOptions, loadConfig } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { testInfrastructure } from '@diplomacy/testing';
import { EventConsumer, Inbox, MessagingModule, currentTraceparent } from '@diplomacy/messaging';
import type { OutboxRelayOptions } from '@diplomacy/messaging';

export interface TestPayload {
  seq: number;
  /** When set, the consumer's handler throws: a message that fails after it was parsed. */
  fail: boolean;
}

export function testEvent(topic: string): EventDefinition<TestPayload> {
  return defineEvent<TestPayload>({
    type: 'test.recorded',
    version: 1,
    topic,
    description: 'An event only the messaging tests use.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['seq', 'fail'],
      properties: { seq: { type: 'integer' }, fail: { type: 'boolean' } },
    },
  });
}

export interface HandledEvent {
  envelope: EventEnvelope<TestPayload>;
  outcome: 'processed' | 'duplicate';
  /** The trace the handler ran in (W3C traceparent). */
  traceparent: string | null;
}

export interface TestService extends ServiceApp {
  handled: HandledEvent[];
}

/**
 * A minimal service built exactly like the real ones (service kit, messaging
 * module, reliable consumer), whose handler writes an effect row through the inbox.
 */
export async function startTestService(options: {
  databaseUrl: string;
  topic?: string;
  deadLetterTopic?: string;
  groupId?: string;
  relay?: Partial<OutboxRelayOptions>;
  maxAttempts?: number;
  /** How long the group waits for a silent member (the broker's minimum is 6 s). */
  sessionTimeoutMs?: number;
  /** A handler that works this long inside its inbox transaction: longer than the session timeout. */
  handlerDelayMs?: number;
}): Promise<TestService> {
  const infra = testInfrastructure();
  const catalog = new EventCatalog(options.topic ? [testEvent(options.topic) as EventDefinition<unknown>] : []);
  const config = loadConfig(ServiceEnvironment, {
    ...COMMON_DEFAULTS,
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    CONSUMER_MAX_ATTEMPTS: String(options.maxAttempts ?? 3),
    ...(options.sessionTimeoutMs ? { KAFKA_SESSION_TIMEOUT_MS: String(options.sessionTimeoutMs) } : {}),
  }, {});
  const handled: HandledEvent[] = [];

  const controllers: Type[] = [];
  if (options.topic) {
    @EventConsumer()
    class TestConsumer {
      constructor(@Inject(Inbox) private readonly inbox: Inbox) {}

      @EventPattern(options.topic)
      async onEvent(@Payload() envelope: EventEnvelope<TestPayload>): Promise<void> {
        if (envelope.payload.fail) throw new Error(`refusing seq ${envelope.payload.seq}`);
        const outcome = await this.inbox.handleOnce('test-consumer', envelope, async (tx) => {
          await tx.manager.query('INSERT INTO test_effects (event_id, seq) VALUES ($1, $2)', [envelope.id, envelope.payload.seq]);
          if (options.handlerDelayMs) await new Promise((resolve) => setTimeout(resolve, options.handlerDelayMs));
        });
        handled.push({ envelope, outcome, traceparent: currentTraceparent() });
      }
    }
    controllers.push(TestConsumer);
  }

  @Module({})
  class TestAppModule {
    static register(): DynamicModule {
      return {
        module: TestAppModule,
        imports: [
          TypeOrmModule.forRoot(dataSourceOptions({ url: options.databaseUrl, entities: [], migrations: [], migrationsRun: true, applicationName: 'messaging-test' })),
          MessagingModule.forRoot({ serviceName: 'messaging-test', kafka: { brokers: infra.kafkaBrokers, clientId: 'messaging-test' }, relay: options.relay, catalog }),
          ServiceKitModule.forRoot({ serviceName: 'messaging-test', logLevel: 'warn' }),
        ],
        controllers,
      };
    }
  }

  const service = await createServiceApp(TestAppModule.register(), {
    serviceName: 'messaging-test',
    description: 'test',
    config,
    consumer: options.topic ? { groupId: options.groupId ?? `test-${Date.now()}`, deadLetterTopic: options.deadLetterTopic ?? 'programs.dead-letter' } : undefined,
  });
  await service.app.init();
  const dataSource = service.app.get(DataSource);
  await dataSource.query('CREATE TABLE IF NOT EXISTS test_effects (event_id uuid PRIMARY KEY, seq int NOT NULL)');
  if (options.topic) await service.app.startAllMicroservices();
  return Object.assign(service, { handled });
}
