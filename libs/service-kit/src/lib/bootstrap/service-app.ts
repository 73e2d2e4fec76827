import { Logger as NestLogger } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EventCatalog } from '@diplomacy/contracts';
import { MessagingLifecycle, OutboxRelay, ReliableKafkaServer } from '@diplomacy/messaging';
import { HealthController } from '../health/health.controller';
import { correlationMiddleware } from '../http/correlation.middleware';
import { securityHeaders } from '../security/security-headers';
import { TRACE_ID_HEADER, httpTracingMiddleware } from '../tracing/http-tracing.middleware';
import { startTracing } from '../tracing/tracing';
import { tracingSettings } from '../tracing/tracing-settings';
import type { ServiceEnvironment } from '../config/service-config';
import { brokersOf } from '../config/service-config';

export interface ServiceAppOptions {
  serviceName: string;
  description: string;
  config: ServiceEnvironment;
  /** Present when the service consumes topics; its handlers are its `@EventPattern(topic)` methods. */
  consumer?: { groupId: string; deadLetterTopic: string };
  /** Quiet Nest's own start-up logging (tests). */
  bufferLogs?: boolean;
}

export interface ServiceApp {
  app: NestExpressApplication;
  consumer: ReliableKafkaServer | null;
  openApi: OpenAPIObject;
  /** Stop consuming, stop taking requests, drain the outbox, close. Safe to call twice. */
  shutdown(reason?: string): Promise<void>;
}

export async function createServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<ServiceApp> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // NestFactory.create only flushes its buffer on listen(): without this, an app that is only
  // init()ed (every in-process test) silently drops everything logged through Nest's Logger.
  app.flushLogs();
  // Before anything serves or consumes: every request and message then runs in a span.
  const tracing = startTracing(tracingSettings(options.config, options.serviceName));
  app.use(httpTracingMiddleware);
  app.use(correlationMiddleware);
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: '256kb' });
  app.disable('x-powered-by');
  // The client IP (rate limits, logs) is the socket's unless trusted proxies say otherwise.
  if (options.config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', options.config.TRUST_PROXY_HOPS);
  const corsOrigins = options.config.CORS_ORIGINS?.split(',') ?? [];
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'x-correlation-id', 'traceparent', 'tracestate'],
      exposedHeaders: ['ETag', 'Retry-After', 'x-correlation-id', TRACE_ID_HEADER],
      maxAge: 600,
    });
  }

  // A relay that keeps failing (the broker unreachable, or refusing every attempt) takes the
  // instance out of readiness: its writes are safe in the outbox, but nobody is being told.
  const relay = app.get(OutboxRelay);
  app.get(HealthController).registerCheck('outbox', () => relay.health());

  let consumer: ReliableKafkaServer | null = null;
  if (options.consumer) {
    consumer = new ReliableKafkaServer({
      brokers: brokersOf(options.config),
      clientId: `${options.serviceName}-consumer`,
      groupId: options.consumer.groupId,
      deadLetterTopic: options.consumer.deadLetterTopic,
      catalog: app.get(EventCatalog),
      maxAttempts: options.config.CONSUMER_MAX_ATTEMPTS,
      retryBaseMs: 100,
      retryMaxMs: 2000,
      maxWaitTimeInMs: 100,
      partitionsConsumedConcurrently: 3,
      fromBeginning: options.config.KAFKA_CONSUMER_FROM_BEGINNING,
      sessionTimeoutMs: options.config.KAFKA_SESSION_TIMEOUT_MS,
    });
    app.connectMicroservice({ strategy: consumer });
    const server = consumer;
    app.get(HealthController).registerCheck('consumer', () => server.consumerHealth());
  }

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${options.serviceName} service`)
      .setDescription(options.description)
      .setVersion('1')
      .addTag('health')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });

  let closing: Promise<void> | null = null;
  const shutdown = (reason = 'shutdown'): Promise<void> => {
    closing ??= (async () => {
      const log = new NestLogger('Shutdown');
      log.log(`${reason}: stopping`);
      app.get(HealthController).markShuttingDown();
      if (consumer) await consumer.close();
      const server = app.getHttpServer();
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
      }
      await app.get(MessagingLifecycle).drainAndDisconnect(options.config.SHUTDOWN_TIMEOUT_MS);
      // The last spans (the drain's sends among them) go out before the process ends.
      await tracing.flush(2000);
      await app.close();
      log.log('stopped');
    })();
    return closing;
  };

  return { app, consumer, openApi, shutdown };
}

/** Starts a service for real: consumers, HTTP on PORT, and signal handling. */
export async function runService(module: DynamicModule, options: ServiceAppOptions): Promise<INestApplication> {
  const service = await createServiceApp(module, options);
  await service.app.startAllMicroservices();
  await service.app.listen(options.config.PORT, '0.0.0.0');
  const onSignal = (signal: NodeJS.Signals) => {
    service
      .shutdown(signal)
      .then(() => process.exit(0))
      .catch((error: Error) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return service.app;
}
