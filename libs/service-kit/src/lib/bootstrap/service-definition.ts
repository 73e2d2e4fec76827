import { Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EntitySchema } from 'typeorm';
import { MessagingModule } from '@diplomacy/messaging';
import type { ServiceEnvironment } from '../config/service-config';
import { brokersOf } from '../config/service-config';
import { dataSourceOptions, runMigrations } from '../database/database-options';
import { securitySettings } from '../security/security-settings';
import type { DatabaseSettings, MigrationClass } from '../database/database-options';
import { ServiceKitModule } from '../service-kit.module';
import { runService } from './service-app';
import type { ServiceAppOptions } from './service-app';

/** Everything that makes one service different from another; the wiring is shared. */
export interface ServiceDefinition<C extends ServiceEnvironment = ServiceEnvironment> {
  name: string;
  description: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  migrations: MigrationClass[];
  features: Type[];
  /** Present when the service consumes topics through `@EventConsumer()` classes. */
  consumer?: ServiceAppOptions['consumer'];
  /**
   * 'enforced': every route needs a valid bearer token and a role unless marked @Public(), and
   * the tenant of the token scopes every repository query (docs/security.md). Absent or 'off':
   * none of that yet (services adopt it one by one).
   */
  security?: 'enforced' | 'off';
  loadConfig(env?: NodeJS.ProcessEnv): C;
}

export function serviceDatabase(definition: ServiceDefinition, config: ServiceEnvironment): DatabaseSettings {
  return {
    url: config.DATABASE_URL,
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsRun: config.DB_MIGRATIONS_RUN,
    applicationName: definition.name,
  };
}

/** The service's validated configuration, injectable in every feature module. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

@Module({})
export class ServiceRootModule {}

/** The root module of a service: database, messaging, logging/health/errors, then its features. */
export function serviceModule(definition: ServiceDefinition, config: ServiceEnvironment): DynamicModule {
  const consumer = serviceAppOptions(definition, config).consumer;
  return {
    module: ServiceRootModule,
    global: true,
    providers: [{ provide: SERVICE_CONFIG, useValue: config }],
    exports: [SERVICE_CONFIG],
    imports: [
      TypeOrmModule.forRoot(dataSourceOptions(serviceDatabase(definition, config))),
      MessagingModule.forRoot({
        serviceName: definition.name,
        kafka: { brokers: brokersOf(config), clientId: definition.name },
        relay: { pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS, batchSize: config.OUTBOX_BATCH_SIZE, stallAfterFailures: config.OUTBOX_STALL_AFTER_FAILURES },
        maxBatchBytes: config.OUTBOX_MAX_BATCH_BYTES,
      }),
      ServiceKitModule.forRoot({
        serviceName: definition.name,
        logLevel: config.LOG_LEVEL,
        consumer,
        // Resolved here, at start-up, so a bad key configuration stops the service before it serves.
        security: definition.security === 'enforced' ? securitySettings(config) : undefined,
      }),
      ...definition.features,
    ],
  };
}

export function serviceAppOptions(definition: ServiceDefinition, config: ServiceEnvironment): ServiceAppOptions {
  const consumer = definition.consumer && { ...definition.consumer, groupId: config.KAFKA_CONSUMER_GROUP ?? definition.consumer.groupId };
  return { serviceName: definition.name, description: definition.description, config, consumer };
}

/** A service's `main`: `node main.js` serves; `node main.js migrate` applies migrations and exits. */
export async function startFromCommandLine(definition: ServiceDefinition, argv = process.argv): Promise<void> {
  const config = definition.loadConfig();
  if (argv[2] === 'migrate') {
    const applied = await runMigrations({ ...serviceDatabase(definition, config), migrationsRun: false });
    console.log(JSON.stringify({ service: definition.name, msg: 'migrations applied', applied }));
    return;
  }
  await runService(serviceModule(definition, config), serviceAppOptions(definition, config));
}
