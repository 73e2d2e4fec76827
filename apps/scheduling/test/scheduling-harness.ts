import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventCatalog, ParticipantAdded, ProgramCreated, Topics } from '@diplomacy/contracts';
import type { EventDefinition, ParticipantRole } from '@diplomacy/contracts';
import { OutboxWriter } from '@diplomacy/messaging';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { HOME_ORG, TopicRecorder, eventually, freshDatabase, testInfrastructure, testKafka, testTokens } from '@diplomacy/testing';
import { SchedulingService } from '../src/scheduling.service';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** supertest with the caller's token already set. */
export type HttpClient = Pick<ReturnType<typeof request>, Method>;

/**
 * The scheduling service in-process on a fresh database, consuming the real
 * programs.events topic in a consumer group of its own, plus a producer that plays
 * the programs service (envelopes built and validated by the real OutboxWriter).
 * Programs, community events and HTTP calls belong to HOME_ORG unless a test says otherwise,
 * and HTTP calls carry its coordinator's token (docs/security.md).
 */
export class SchedulingHarness {
  service!: ServiceApp;
  dataSource!: DataSource;
  recorder!: TopicRecorder;
  private producer!: Producer;
  private readonly programsWriter = new OutboxWriter('programs', new EventCatalog());
  private readonly communityEventsWriter = new OutboxWriter('community-events', new EventCatalog());

  static async start(database: string, env: Record<string, string> = {}): Promise<SchedulingHarness> {
    const harness = new SchedulingHarness();
    const groupId = `scheduling-test-${randomUUID()}`;
    await startGroupAtEnd(groupId, [Topics.programs, Topics.communityEvents]);
    const config = SchedulingService.loadConfig({
      DATABASE_URL: await freshDatabase(database),
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: groupId,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
      // Rate limits have their own test (security.int-spec.ts); elsewhere they would only get in the way.
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    });
    harness.service = await createServiceApp(serviceModule(SchedulingService, config), serviceAppOptions(SchedulingService, config));
    await harness.service.app.init();
    await harness.service.app.startAllMicroservices();
    harness.dataSource = harness.service.app.get(DataSource);
    harness.recorder = await TopicRecorder.start([Topics.scheduleChanges]);
    harness.producer = testKafka('programs-stand-in').producer();
    await harness.producer.connect();
    return harness;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.recorder?.stop();
    await this.service?.shutdown('test end');
  }

  /** Requests as a caller: the home organisation's coordinator unless told otherwise; null is anonymous. */
  http(token: string | null = testTokens.coordinator): HttpClient {
    const agent = request(this.service.app.getHttpServer());
    const as = (method: Method) => (url: string) => (token ? agent[method](url).set('Authorization', `Bearer ${token}`) : agent[method](url));
    return { get: as('get'), post: as('post'), put: as('put'), patch: as('patch'), delete: as('delete') } as HttpClient;
  }

  anonymous(): HttpClient {
    return this.http(null);
  }

  /** Publishes a programs event as the programs service would (for the home organisation unless told otherwise). */
  async publishProgramsEvent<P>(definition: EventDefinition<P>, programId: string, payload: P, organisationId: string | null = HOME_ORG): Promise<string> {
    const envelope = this.programsWriter.buildEnvelope({ definition, key: programId, organisationId, payload });
    await this.producer.send({ topic: Topics.programs, messages: [{ key: programId, value: JSON.stringify(envelope), headers: { 'event-id': envelope.id, 'event-type': envelope.type } }] });
    return envelope.id;
  }

  /** Publishes a community-events event (key: the community event id) as the community-events service would; returns the envelope. */
  async publishCommunityEvent<P>(definition: EventDefinition<P>, eventId: string, payload: P, organisationId: string = HOME_ORG) {
    const envelope = this.communityEventsWriter.buildEnvelope({ definition, key: eventId, organisationId, payload });
    await this.sendCommunityEnvelope(envelope);
    return envelope;
  }

  /** Sends an envelope as is (a redelivery keeps its id). */
  async sendCommunityEnvelope(envelope: { id: string; type: string; key: string }): Promise<void> {
    await this.producer.send({
      topic: Topics.communityEvents,
      messages: [{ key: envelope.key, value: JSON.stringify(envelope), headers: { 'event-id': envelope.id, 'event-type': envelope.type } }],
    });
  }

  /** A program with participants, announced over Kafka; resolves once the projection holds all of them. */
  async newProgram(
    participants = 3,
    dates = { startDate: '2027-03-08', endDate: '2027-03-20' },
    roles: ParticipantRole[] = [],
    options: { organisationId?: string; participantIds?: string[] } = {},
  ): Promise<{ programId: string; participantIds: string[] }> {
    const programId = randomUUID();
    const organisationId = options.organisationId ?? HOME_ORG;
    await this.publishProgramsEvent(
      ProgramCreated,
      programId,
      {
        programId,
        organisationId,
        title: `Delegation ${programId.slice(0, 8)}`,
        kind: 'international-visitor',
        status: 'planned',
        theme: null,
        ...dates,
      },
      organisationId,
    );
    const participantIds = options.participantIds ?? Array.from({ length: participants }, () => randomUUID());
    for (const [index, participantId] of participantIds.entries()) await this.addParticipant(programId, participantId, roles[index] ?? 'delegate', organisationId);
    await this.waitForParticipants(programId, participantIds.length);
    return { programId, participantIds };
  }

  async addParticipant(programId: string, participantId: string, role: ParticipantRole = 'delegate', organisationId: string = HOME_ORG): Promise<void> {
    await this.publishProgramsEvent(
      ParticipantAdded,
      programId,
      {
        programId,
        participantId,
        name: `Visitor ${participantId.slice(0, 4)}`,
        country: 'KE',
        title: null,
        organisationName: null,
        role,
        languages: ['en'],
        preferredLanguage: 'en',
        notificationChannels: ['email'],
        email: null,
        phone: null,
        version: 1,
      },
      organisationId,
    );
  }

  async waitForParticipants(programId: string, count: number): Promise<void> {
    await eventually(async () => {
      const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM program_participants WHERE program_id = $1 AND removed_at IS NULL`, [programId]);
      if (row.n !== count) throw new Error(`program ${programId} has ${row.n} participants in the projection, want ${count}`);
    }, 30_000);
  }

  async resource(body: Record<string, unknown>, token?: string): Promise<string> {
    const response = await this.http(token).post('/resources').send(body).expect(201);
    return response.body.resourceId as string;
  }

  /** Changes recorded on the schedule-changes topic for one item, in topic order. */
  changesOf(itemId: string) {
    return this.recorder.messages
      .map((message) => ({ message, envelope: parseOrNull(message.value) }))
      .filter(({ envelope }) => envelope?.payload?.itemId === itemId);
  }
}

/**
 * The service reads from the beginning when its group has no offsets; the shared
 * programs.events and community-events.events topics hold every other test's history,
 * so the test group is given committed offsets at their current end and sees only this
 * file's events.
 */
async function startGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
  const admin = testKafka('scheduling-test-admin').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (!existing.has(topic)) await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/** The shared topic also holds other tests' messages, some deliberately malformed (dead-letter tests): those are not ours. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseOrNull(value: string | null): any {
  try {
    return JSON.parse(value ?? 'null');
  } catch {
    return null;
  }
}

export const kc = {
  timeZone: 'America/Chicago',
  address: { line1: '1125 Locust St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' },
};
