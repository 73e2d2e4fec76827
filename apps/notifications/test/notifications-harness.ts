import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  AgendaItemRescheduled,
  EnvelopeHeaders,
  EventCatalog,
  OrganisationCreated,
  ParticipantAdded,
  ProgramCreated,
  Topics,
} from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, EventEnvelope, ParticipantSnapshotV1, ScheduleChangeV1 } from '@diplomacy/contracts';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { HOME_ORG, testInfrastructure, testKafka, testTokens } from '@diplomacy/testing';
import { NotificationsService } from '../src/notifications.service';

export const CONSUMED_TOPICS = [Topics.programs, Topics.scheduleChanges, Topics.communityEvents];
const catalog = new EventCatalog();

/**
 * A consumer group of its own that starts at the end of the shared topics, so a test
 * sees only its own events and not the history other suites left there.
 */
export async function freshConsumerGroup(prefix: string): Promise<string> {
  const groupId = `test-${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    for (const topic of CONSUMED_TOPICS) {
      // Explicit high-water marks: "latest" committed as -1 would be read as "no offset", i.e. from the beginning.
      const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
      await admin.setOffsets({ groupId, topic, partitions });
    }
  } finally {
    await admin.disconnect();
  }
  return groupId;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** supertest with the caller's token already set. */
export type HttpClient = Pick<ReturnType<typeof request>, Method>;

export interface NotificationsUnderTest {
  service: ServiceApp;
  dataSource: DataSource;
  http: ReturnType<ServiceApp['app']['getHttpServer']>;
  /** Requests as a caller: the home organisation's coordinator unless told otherwise; null is anonymous. */
  api(token?: string | null): HttpClient;
}

/** Boots the whole service in-process: HTTP, the reliable consumer and the dispatcher. */
export async function startNotifications(databaseUrl: string, groupId: string, env: Record<string, string>): Promise<NotificationsUnderTest> {
  // The features read their settings from the environment (see notificationsConfigProvider).
  Object.assign(process.env, { LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', DISPATCH_POLL_INTERVAL_MS: '100', ...env });
  const config = NotificationsService.loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: groupId,
    OUTBOX_POLL_INTERVAL_MS: '100',
  });
  const service = await createServiceApp(serviceModule(NotificationsService, config), serviceAppOptions(NotificationsService, config));
  await service.app.init();
  await service.app.startAllMicroservices();
  const http = service.app.getHttpServer();
  const api = (token: string | null = testTokens.coordinator): HttpClient => {
    const agent = request(http);
    const as = (method: Method) => (url: string) => (token ? agent[method](url).set('Authorization', `Bearer ${token}`) : agent[method](url));
    return { get: as('get'), post: as('post'), put: as('put'), patch: as('patch'), delete: as('delete') } as HttpClient;
  };
  return { service, dataSource: service.app.get(DataSource), http, api };
}

/** Publishes envelopes the way a producing service's relay would: keyed, with the envelope headers. */
export class EventProducer {
  private constructor(private readonly producer: Producer) {}

  static async start(): Promise<EventProducer> {
    const producer = testKafka('test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new EventProducer(producer);
  }

  async send(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      const checked = catalog.validate(envelope);
      if (!checked.ok) throw new Error(`test event is invalid: ${checked.detail}`);
      await this.producer.send({
        topic: checked.definition.topic,
        acks: -1,
        messages: [
          {
            key: envelope.key,
            value: JSON.stringify(envelope),
            headers: { [EnvelopeHeaders.eventId]: envelope.id, [EnvelopeHeaders.eventType]: envelope.type, [EnvelopeHeaders.correlationId]: envelope.correlationId },
          },
        ],
      });
    }
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** An event of the home organisation (the test tokens' `org`), unless told otherwise. */
export function envelope<P>(definition: EventDefinition<P>, key: string, payload: P, occurredAt = new Date(), organisationId: string = HOME_ORG): EventEnvelope {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: occurredAt.toISOString(),
    producer: definition.topic.split('.')[0],
    key,
    organisationId,
    correlationId: `test-${randomUUID().slice(0, 8)}`,
    causationId: null,
    payload,
  };
}

export function programCreated(programId: string, title = 'Digital government: a ministerial delegation', organisationId: string = HOME_ORG): EventEnvelope {
  return envelope(
    ProgramCreated,
    programId,
    {
      programId,
      organisationId,
    title,
      kind: 'international-visitor',
      status: 'planned',
      theme: null,
      startDate: '2027-03-08',
      endDate: '2027-03-12',
    },
    new Date(),
    organisationId,
  );
}

export function participant(programId: string, overrides: Partial<ParticipantSnapshotV1> = {}): ParticipantSnapshotV1 {
  return {
    programId,
    participantId: randomUUID(),
    name: 'Amina Mwangi',
    country: 'KE',
    title: null,
    organisationName: null,
    role: 'delegate',
    languages: ['en'],
    preferredLanguage: 'en',
    notificationChannels: ['email'],
    email: `p-${randomUUID().slice(0, 8)}@visitors.example`,
    phone: null,
    version: 1,
    ...overrides,
  };
}

export const participantAdded = (p: ParticipantSnapshotV1) => envelope(ParticipantAdded, p.programId, p);
export const participantAddedIn = (organisationId: string, p: ParticipantSnapshotV1) => envelope(ParticipantAdded, p.programId, p, new Date(), organisationId);

export function hostCouncil(coordinator: { name: string; email: string; preferredLanguage: string | null }) {
  const organisationId = randomUUID();
  return envelope(OrganisationCreated, organisationId, {
    organisationId,
    managedBy: HOME_ORG,
    name: 'Kansas City International Visitors Council',
    kind: 'host-council',
    resourceType: null,
    address: { line1: '1 Main St', line2: null, city: 'Kansas City', region: 'MO', postalCode: '64105', country: 'US' },
    timeZone: 'America/Chicago',
    contacts: [{ contactId: randomUUID(), name: coordinator.name, role: 'Program coordinator', email: coordinator.email, phone: null, preferredLanguage: coordinator.preferredLanguage }],
    version: 1,
  });
}

export function agendaItem(programId: string, attendees: string[], interpreters: string[], overrides: Partial<AgendaItemStateV1> = {}): AgendaItemStateV1 {
  return {
    itemId: randomUUID(),
    programId,
    kind: 'resource-meeting',
    title: 'Election security briefing',
    status: 'confirmed',
    startsAt: '2027-03-09T20:00:00.000Z',
    endsAt: '2027-03-09T21:00:00.000Z',
    timeZone: 'America/Chicago',
    venue: { venueId: randomUUID(), name: 'City Hall', address: { line1: '414 E 12th St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' }, capacity: 40 },
    resource: { resourceId: randomUUID(), name: 'Election Board' },
    attendees: { wholeDelegation: false, participantIds: attendees, interpreterIds: interpreters },
    notes: null,
    travelBufferMinutes: 30,
    outsideProgramDates: false,
    cancellationReason: null,
    version: 1,
    ...overrides,
  };
}

export function rescheduled(
  before: AgendaItemStateV1,
  movedBy: { hours: number },
  resourceContactEmail: string | null = null,
  occurredAt = new Date('2027-03-01T12:00:00Z'),
  organisationId: string = HOME_ORG,
): EventEnvelope {
  const shift = (iso: string) => new Date(Date.parse(iso) + movedBy.hours * 3600_000).toISOString();
  const after = { ...before, startsAt: shift(before.startsAt), endsAt: shift(before.endsAt), version: before.version + 1 };
  const change: ScheduleChangeV1 = {
    programId: before.programId,
    itemId: before.itemId,
    version: after.version,
    cause: 'coordinator',
    reason: null,
    before,
    after,
    affectedParticipantIds: before.attendees.participantIds,
    resourceContact: resourceContactEmail ? { name: 'Pat Lee', role: 'Deputy clerk', email: resourceContactEmail, phone: null } : null,
  };
  return envelope(AgendaItemRescheduled, before.programId, change, occurredAt, organisationId);
}

export interface NotificationCount {
  channel: string;
  status: string;
  count: number;
}

export async function notificationsOf(dataSource: DataSource, sourceEventId: string): Promise<{ recipient_id: string; channel: string; status: string; address: string; language: string }[]> {
  return dataSource.query(`SELECT recipient_id, channel, status, address, language FROM notifications WHERE source_event_id = $1 ORDER BY address, channel`, [sourceEventId]);
}
