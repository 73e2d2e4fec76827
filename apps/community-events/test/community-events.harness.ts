import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventCatalog, Topics } from '@diplomacy/contracts';
import type { EventEnvelope } from '@diplomacy/contracts';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { TopicRecorder, freshDatabase, testInfrastructure, testTokens as tokens } from '@diplomacy/testing';
import { CommunityEventsService } from '../src/community-events.service';
import { ClaimDeadlineSweeper } from '../src/registrations/claim-deadline.sweeper';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** supertest with the caller's token already set. */
export type HttpClient = Pick<ReturnType<typeof request>, Method>;

/** One service in-process on its own fresh database, the real broker, and a recorder of its topic. */
export interface Harness {
  service: ServiceApp;
  dataSource: DataSource;
  recorder: TopicRecorder;
  sweeper: ClaimDeadlineSweeper;
  /** Requests as a caller: the home organisation's coordinator unless told otherwise; null is anonymous. */
  http(token?: string | null): HttpClient;
  /** Requests without a token. */
  anonymous(): HttpClient;
  /** Every envelope recorded so far for one event (the Kafka key), in partition order. */
  envelopesOf(eventId: string): EventEnvelope[];
  /** Waits until the event's envelopes satisfy the predicate; returns them. */
  waitForEnvelopes(eventId: string, predicate: (envelopes: EventEnvelope[]) => boolean, timeoutMs?: number): Promise<EventEnvelope[]>;
  stop(): Promise<void>;
}

const catalog = new EventCatalog();

export async function startHarness(database: string, env: Record<string, string> = {}): Promise<Harness> {
  const databaseUrl = await freshDatabase(database);
  // The sweeper's timer is off; tests sweep by hand with a chosen clock.
  process.env['CLAIM_SWEEP_INTERVAL_MS'] = '0';
  const config = CommunityEventsService.loadConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_INTERVAL_MS: '100',
    // Rate limits have their own test (security.int-spec.ts); elsewhere they would only slow tests down.
    RATE_LIMIT_BURST: '1000000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  const service = await createServiceApp(serviceModule(CommunityEventsService, config), serviceAppOptions(CommunityEventsService, config));
  await service.app.init();
  const recorder = await TopicRecorder.start([Topics.communityEvents]);
  const http = (token: string | null = tokens.coordinator): HttpClient => {
    const agent = request(service.app.getHttpServer());
    const as = (method: Method) => (url: string) => (token ? agent[method](url).set('Authorization', `Bearer ${token}`) : agent[method](url));
    return { get: as('get'), post: as('post'), put: as('put'), patch: as('patch'), delete: as('delete') } as HttpClient;
  };
  const envelopesOf = (eventId: string): EventEnvelope[] =>
    recorder.messages
      .filter((m) => m.key === eventId)
      .map((m) => {
        const parsed = catalog.parse(m.value);
        if (!parsed.ok) throw new Error(`invalid message on ${Topics.communityEvents}: ${parsed.detail}`);
        return parsed.envelope;
      });
  return {
    service,
    dataSource: service.app.get(DataSource),
    recorder,
    sweeper: service.app.get(ClaimDeadlineSweeper),
    http,
    anonymous: () => http(null),
    envelopesOf,
    async waitForEnvelopes(eventId, predicate, timeoutMs = 30_000) {
      await recorder.waitFor(() => predicate(envelopesOf(eventId)), timeoutMs);
      return envelopesOf(eventId);
    },
    async stop() {
      await recorder.stop();
      await service.shutdown('test end');
    },
  };
}

export const DEMO_PROGRAM_ID = '7d4c2f4e-3b7a-4a8e-9a51-0c1f6f0e2b11';

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = new Date(Date.now() + 30 * 24 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    organisationId: 'kansas-city-council',
    kind: 'potluck',
    title: 'Westside potluck with the visiting delegation',
    description: 'Bring a dish from home; meet the visitors.',
    coHostOrganisationIds: ['westside-library'],
    venue: { name: 'Westside Community Center', address: '2130 Jefferson St, Kansas City, MO' },
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    timeZone: 'America/Chicago',
    capacity: 50,
    maxPartySize: 4,
    visibility: 'public',
    programIds: [DEMO_PROGRAM_ID],
    ...overrides,
  };
}

/** Creates and publishes an event; returns its id. */
export async function publishedEvent(harness: Harness, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await harness.http().post('/community-events').send(eventBody(overrides)).expect(201);
  await harness.http().post(`/community-events/${created.body.id}/publish`).expect(200);
  return created.body.id as string;
}

let people = 0;
export function registrant(partySize = 1, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  people += 1;
  return { name: `Resident ${people}`, email: `resident-${people}-${randomUUID().slice(0, 6)}@example.org`, partySize, preferredLanguage: 'en-US', ...overrides };
}

/** Registers as the public does: anonymously. */
export async function register(harness: Harness, eventId: string, body: Record<string, unknown>) {
  const response = await harness.anonymous().post(`/community-events/${eventId}/registrations`).send(body);
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; selfServiceToken: string; partySize: number; waitlistPosition: number | null };
}

export async function seatsOf(harness: Harness, eventId: string): Promise<{ seated: number; seatsTaken: number; capacity: number }> {
  const [row] = await harness.dataSource.query(
    `SELECT (SELECT coalesce(sum(party_size), 0)::int FROM registrations WHERE event_id = $1 AND status IN ('confirmed', 'offered')) AS seated,
            seats_taken AS "seatsTaken", capacity FROM community_events WHERE id = $1`,
    [eventId],
  );
  return row;
}
