import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';
import { pinoParams } from './logging/logging';
import { MetricsModule } from './metrics/metrics.module';
import type { MetricsOptions } from './metrics/metrics.options';
import { SecurityModule } from './security/security.module';
import type { SecuritySettings } from './security/security-settings';

export interface ServiceKitOptions {
  serviceName: string;
  logLevel: string;
  /** The service's Kafka consumer, when it has one: its group's lag and its dead-letter topic go to /metrics. */
  consumer?: { groupId: string; deadLetterTopic: string };
  /** Overrides of the metrics settings (timeouts, cache, process metrics). */
  metrics?: Partial<MetricsOptions>;
  /** Present when the service enforces authentication, roles, tenancy and rate limits (docs/security.md). */
  security?: SecuritySettings;
}

/**
 * What every service has: JSON logs, health endpoints, Prometheus metrics, request validation and
 * problem+json errors; and, when it enforces security, the global authentication/role/tenancy guard.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        LoggerModule.forRoot(pinoParams(options.serviceName, options.logLevel)),
        MetricsModule.forRoot(options.serviceName, {
          consumerGroup: options.consumer?.groupId ?? options.serviceName,
          deadLetterTopic: options.consumer?.deadLetterTopic ?? `${options.serviceName}.dead-letter`,
          ...options.metrics,
        }),
        ...(options.security ? [SecurityModule.forRoot(options.security)] : []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
