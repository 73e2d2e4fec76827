import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { EventCatalog, Topics } from '@diplomacy/contracts';
import type { EventEnvelope } from '@diplomacy/contracts';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { TopicRecorder, freshDatabase, testInfrastructure, testKafka, testTokens } from '@diplomacy/testing';
import { ProgramsService } from '../src/programs.service';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** supertest with the caller's token already set. */
export type HttpClient = Pick<ReturnType<typeof request>, Method>;

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
    /** The consumer group when the service consumes (`consume: true`), else null. */
    readonly consumerGroup: string | null,
  ) {}

  /**
   * `consume: true` also starts the service's consumer, in a group of its own whose
   * offsets start at the current end of the consumed topics: those topics are shared
   * with every other suite, and this file must see only the events it produces.
   */
  static async start(database: string, env: Record<string, string> = {}, options: { consume?: boolean } = {}): Promise<ServiceUnderTest> {
    const databaseUrl = await freshDatabase(database);
    const consumerGroup = options.consume ? await groupAtEndOf(`programs-test-${randomUUID().slice(0, 8)}`, CONSUMED_TOPICS) : null;
    const config = ProgramsService.loadConfig({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...(consumerGroup ? { KAFKA_CONSUMER_GROUP: consumerGroup } : {}),
      ...env,
    });
    const service = await createServiceApp(serviceModule(ProgramsService, config), serviceAppOptions(ProgramsService, config));
    await service.app.init();
    if (consumerGroup) await service.app.startAllMicroservices();
    const recorder = await TopicRecorder.start([Topics.programs]);
    return new ServiceUnderTest(service, service.app.get(DataSource), recorder, consumerGroup);
  }

  /**
   * Requests as a caller: the home organisation's coordinator (HOME_ORG) unless told
   * otherwise; null sends no token.
   */
  http(token: string | null = testTokens.coordinator): HttpClient {
    const agent = request(this.service.app.getHttpServer());
    const as = (method: Method) => (url: string) => (token ? agent[method](url).set('Authorization', `Bearer ${token}`) : agent[method](url));
    return { get: as('get'), post: as('post'), put: as('put'), patch: as('patch'), delete: as('delete') } as HttpClient;
  }

  /** Requests without a token. */
  anonymous(): HttpClient {
    return this.http(null);
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

/** The topics ImpactEventsConsumer reads. */
export const CONSUMED_TOPICS = [Topics.scheduleChanges, Topics.communityEvents];

async function groupAtEndOf(groupId: string, topics: readonly string[]): Promise<string> {
  const admin = testKafka('programs-test-admin').admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      // Explicit high-water marks: an offset of -1 ("latest") would be read as "none", i.e. from the beginning.
      const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
      await admin.setOffsets({ groupId, topic, partitions });
    }
  } finally {
    await admin.disconnect();
  }
  return groupId;
}

export function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}
