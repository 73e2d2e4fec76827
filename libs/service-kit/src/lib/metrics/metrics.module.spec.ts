import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { KAFKA_CLIENT, OutboxRelay } from '@diplomacy/messaging';
import { MetricsModule } from './metrics.module';
import { ServiceMetrics } from './service-metrics';
import { fakeKafka, valueOf } from './testing/fakes';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

/** Stands in for TypeOrmModule and MessagingModule: a DataSource and KAFKA_CLIENT. */
function infrastructure(state: { outbox: () => Promise<unknown[]>; relayFailures: number }, kafka: ReturnType<typeof fakeKafka>) {
  @Module({
    providers: [
      { provide: DataSource, useValue: { query: () => state.outbox() } },
      { provide: KAFKA_CLIENT, useValue: kafka.kafka },
      { provide: OutboxRelay, useValue: { status: () => ({ consecutiveFailures: state.relayFailures }) } },
    ],
    exports: [DataSource, KAFKA_CLIENT, OutboxRelay],
  })
  class FakeInfrastructureModule {}
  return { module: FakeInfrastructureModule, global: true };
}

describe('MetricsModule (in a Nest app, with a fake database and broker)', () => {
  let app: INestApplication;
  const kafka = fakeKafka({ deadLetterEnds: ['4'] });
  const state = { outbox: async (): Promise<unknown[]> => [{ pending: 7, oldest_age_seconds: 42.5, set_aside: 1 }], relayFailures: 12 };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        infrastructure(state, kafka),
        MetricsModule.forRoot('notifications', { consumerGroup: 'notifications', kafkaCacheMs: 0, defaultMetrics: false }),
      ],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  const scrape = async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text;
  };

  it('times requests by method, route pattern and status; unknown paths share "unmatched"', async () => {
    await request(app.getHttpServer()).get('/things/a1').expect(200);
    await request(app.getHttpServer()).get('/things/b2').expect(200);
    await request(app.getHttpServer()).get('/things/missing').expect(404);
    await request(app.getHttpServer()).get('/nowhere/at/all').expect(404);
    const body = await scrape();
    expect(body).toContain('# TYPE http_request_duration_seconds histogram');
    const count = (route: string, status: string) =>
      valueOf(body, 'http_request_duration_seconds_count', { service: 'notifications', method: 'GET', route, status });
    expect(count('/things/:id', '200')).toBe(2);
    expect(count('/things/:id', '404')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(body).not.toContain('route="/metrics"');
    expect(body).not.toContain('/things/a1');
  });

  it('reports the outbox backlog and the age of its oldest row, read on scrape', async () => {
    let body = await scrape();
    expect(valueOf(body, 'outbox_pending_messages', { service: 'notifications' })).toBe(7);
    expect(valueOf(body, 'outbox_oldest_pending_age_seconds', { service: 'notifications' })).toBe(42.5);
    expect(valueOf(body, 'metrics_source_up', { source: 'outbox', service: 'notifications' })).toBe(1);
    expect(valueOf(body, 'outbox_set_aside_messages', { service: 'notifications' })).toBe(1);
    expect(valueOf(body, 'outbox_relay_consecutive_failures', { service: 'notifications' })).toBe(12);

    state.outbox = async () => [{ pending: 0, oldest_age_seconds: 0, set_aside: 0 }];
    state.relayFailures = 0;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the one-second outbox cache
    body = await scrape();
    expect(valueOf(body, 'outbox_pending_messages', { service: 'notifications' })).toBe(0);
    expect(valueOf(body, 'outbox_relay_consecutive_failures', { service: 'notifications' })).toBe(0);
  });

  it('reports consumer lag per topic and partition for the group, and the dead-letter count', async () => {
    const body = await scrape();
    const lag = (partition: number) =>
      valueOf(body, 'kafka_consumer_lag', { service: 'notifications', group: 'notifications', topic: 'programs.events', partition: String(partition) });
    expect([lag(0), lag(1), lag(2)]).toEqual([6, 5, 0]);
    expect(body).toContain('# TYPE dead_letter_messages_total counter');
    expect(valueOf(body, 'dead_letter_messages_total', { topic: 'notifications.dead-letter', service: 'notifications' })).toBe(4);
    expect(valueOf(body, 'metrics_source_up', { source: 'kafka', service: 'notifications' })).toBe(1);
  });

  it('still answers when the broker and the database fail: lag dropped, dead letters kept, sources down', async () => {
    kafka.state.connectFails = true;
    await app.get(MetricsModule).onModuleDestroy(); // drop the open admin connection
    state.outbox = async () => {
      throw new Error('database down');
    };
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const body = await scrape();
    expect(body).not.toContain('kafka_consumer_lag{');
    expect(valueOf(body, 'outbox_pending_messages', { service: 'notifications' })).toBeNaN();
    expect(valueOf(body, 'outbox_oldest_pending_age_seconds', { service: 'notifications' })).toBeNaN();
    expect(valueOf(body, 'dead_letter_messages_total', { topic: 'notifications.dead-letter', service: 'notifications' })).toBe(4);
    expect(valueOf(body, 'metrics_source_up', { source: 'kafka', service: 'notifications' })).toBe(0);
    expect(valueOf(body, 'metrics_source_up', { source: 'outbox', service: 'notifications' })).toBe(0);
    kafka.state.connectFails = false;
  });

  it('lets a feature register its own series through the injected ServiceMetrics', async () => {
    const metrics = app.get(ServiceMetrics);
    metrics.counter({ name: 'notifications_sent_total', help: 'sent', labelNames: ['channel'] }).inc({ channel: 'sms' });
    expect(valueOf(await scrape(), 'notifications_sent_total', { channel: 'sms', service: 'notifications' })).toBe(1);
  });
});
