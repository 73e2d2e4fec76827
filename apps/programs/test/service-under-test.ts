import { DataSource } from 'typeorm';
import request from 'supertest';
import { EventCatalog, Topics } from '@diplomacy/contracts';
import type { EventEnvelope } from '@diplomacy/contracts';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { TopicRecorder, freshDatabase, testInfrastructure } from '@diplomacy/testing';
import { ProgramsService } from '../src/programs.service';

/**
 * The programs service in-process against real Postgres (a fresh database per
 * test file) and the real broker, with a recorder on its topic.
 */
export class ServiceUnderTest {
  private readonly catalog = new EventCatalog();

  private constructor(
    readonly service: ServiceApp,
    readonly dataSource: DataSource,
    readonly recorder: TopicRecorder,
  ) {}

  static async start(database: string, env: Record<string, string> = {}): Promise<ServiceUnderTest> {
    const databaseUrl = await freshDatabase(database);
    const config = ProgramsService.loadConfig({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...env,
    });
    const service = await createServiceApp(serviceModule(ProgramsService, config), serviceAppOptions(ProgramsService, config));
    await service.app.init();
    const recorder = await TopicRecorder.start([Topics.programs]);
    return new ServiceUnderTest(service, service.app.get(DataSource), recorder);
  }

  http() {
    return request(this.service.app.getHttpServer());
  }

  async stop(): Promise<void> {
    await this.recorder.stop();
    await this.service.shutdown('test end');
  }

  /** Waits for `count` events of `type` keyed by `key`, validates each against the catalogue, and returns them in topic order. */
  async events(key: string, type: string, count = 1): Promise<EventEnvelope[]> {
    const matching = () =>
      this.recorder.messages.filter((m) => m.key === key && m.headers['event-type'] === type);
    await this.recorder.waitFor(() => matching().length >= count);
    return matching().map((message) => {
      const parsed = this.catalog.parse(message.value);
      if (!parsed.ok) throw new Error(`${type} broke its contract: ${parsed.reason} ${parsed.detail}`);
      return parsed.envelope;
    });
  }

  /** All raw message values for a key, for assertions about what must never be on the topic. */
  rawMessages(key: string): string[] {
    return this.recorder.messages.filter((m) => m.key === key).map((m) => m.value ?? '');
  }

  async count(table: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return (row as { n: number }).n;
  }
}

export function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}
