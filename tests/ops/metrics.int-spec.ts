import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DeadLetterTopics, NOTIFICATION_DELIVERY_CHANNELS, Topics, topicDefinition } from '@diplomacy/contracts';
import { BuiltService, eventually, testKafka, testTokens } from '@diplomacy/testing';
import { samples, value } from './prometheus-text';

const NAMES = ['programs', 'scheduling', 'community-events', 'notifications'] as const;
/** OutboxRelay's default advisory lock id: whoever holds it is the one relay of the database. */
const RELAY_LOCK_ID = 7_411_000;

/**
 * GET /metrics on the four built services, each a process of its own against the real Postgres and
 * Kafka: HTTP latency, outbox backlog and age, consumer lag per partition, dead letters.
 */
describe('/metrics on every service (built services, real Postgres and Kafka)', () => {
  const services = {} as Record<(typeof NAMES)[number], BuiltService>;
  const group = `ops-test-${randomUUID()}`;

  beforeAll(async () => {
    // The group starts at the end of the shared topics: the test measures lag on its own
    // traffic, not on however much history earlier runs left on this broker.
    const admin = testKafka('ops-test-admin').admin();
    await admin.connect();
    try {
      for (const topic of [Topics.programs, Topics.scheduleChanges, Topics.communityEvents]) {
        const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
        await admin.setOffsets({ groupId: group, topic, partitions });
      }
    } finally {
      await admin.disconnect();
    }
    const started = await Promise.all(
      // notifications gets a consumer group of its own, so no other copy of it is disturbed.
      NAMES.map((name) =>
        BuiltService.start(name, { database: `ops_${name.replace(/-/g, '_')}_test`, env: { LOG_LEVEL: 'warn', ...(name === 'notifications' ? { KAFKA_CONSUMER_GROUP: group } : {}) } }),
      ),
    );
    started.forEach((service, index) => (services[NAMES[index]] = service));
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
  });

  it.each(NAMES)('%s answers in the Prometheus text format, labelled with the service', async (name) => {
    const response = await fetch(`${services[name].baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    for (const type of [
      'http_request_duration_seconds histogram',
      'outbox_pending_messages gauge',
      'outbox_oldest_pending_age_seconds gauge',
      'kafka_consumer_lag gauge',
      'dead_letter_messages_total counter',
    ]) {
      expect(body).toContain(`# TYPE ${type}`);
    }
    expect(value(body, 'process_start_time_seconds', { service: name })).toBeGreaterThan(0);
  });

  it.each(NAMES)('%s: HTTP latency by method, route pattern and status (the readiness probes it answered)', async (name) => {
    const body = await services[name].metrics();
    expect(value(body, 'http_request_duration_seconds_count', { service: name, method: 'GET', route: '/health/ready', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(value(body, 'http_request_duration_seconds_bucket', { service: name, method: 'GET', route: '/health/ready', status: '200', le: '+Inf' })).toBeGreaterThanOrEqual(1);
  });

  it('programs: a request with an id is counted under its route pattern, not its URL', async () => {
    const id = randomUUID();
    expect((await fetch(`${services.programs.baseUrl}/programs/${id}`, { headers: { authorization: `Bearer ${testTokens.coordinator}` } })).status).toBe(404);
    const body = await services.programs.metrics();
    expect(value(body, 'http_request_duration_seconds_count', { method: 'GET', route: '/programs/:id', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(body).not.toContain(id);
  });

  it.each(NAMES)('%s: outbox backlog and age read from its database, Kafka readable', async (name) => {
    const body = await services[name].metrics();
    expect(value(body, 'outbox_pending_messages', { service: name })).toBeGreaterThanOrEqual(0);
    expect(value(body, 'outbox_oldest_pending_age_seconds', { service: name })).toBeGreaterThanOrEqual(0);
    expect(value(body, 'metrics_source_up', { service: name, source: 'outbox' })).toBe(1);
    expect(value(body, 'metrics_source_up', { service: name, source: 'kafka' })).toBe(1);
  });

  it('scheduling: a row the relay cannot publish shows as backlog with its age', async () => {
    const client = new Client({ connectionString: services.scheduling.databaseUrl });
    await client.connect();
    const eventId = randomUUID();
    try {
      // Holding the relay's lock keeps it from publishing, as a relay stuck on a broker error would.
      await client.query('SELECT pg_advisory_lock($1)', [RELAY_LOCK_ID]);
      await client.query(
        `INSERT INTO outbox (event_id, event_type, topic, partition_key, envelope, created_at)
         VALUES ($1, 'ops.test', 'ops.test.never-published', 'k', '{}'::jsonb, clock_timestamp() - interval '90 seconds')`,
        [eventId],
      );
      await eventually(async () => {
        const body = await services.scheduling.metrics();
        // At least the held row: scheduling also reacts to other services' events, and with its relay
        // held those rows wait too. The age shows the held row is the oldest.
        expect(value(body, 'outbox_pending_messages', { service: 'scheduling' })).toBeGreaterThanOrEqual(1);
        expect(value(body, 'outbox_oldest_pending_age_seconds', { service: 'scheduling' })).toBeGreaterThanOrEqual(90);
      }, 10_000, 250);
    } finally {
      await client.query('DELETE FROM outbox WHERE event_id = $1', [eventId]);
      await client.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK_ID]);
      await client.end();
    }
    await eventually(async () => {
      expect(value(await services.scheduling.metrics(), 'outbox_pending_messages', { service: 'scheduling' })).toBe(0);
    }, 10_000, 250);
  });

  it('notifications: consumer lag for every partition of programs.events, down to 0 once it caught up', async () => {
    const partitions = topicDefinition(Topics.programs).partitions;
    await eventually(async () => {
      const lag = samples(await services.notifications.metrics(), 'kafka_consumer_lag', { group, topic: Topics.programs });
      expect(lag.map((s) => Number(s.labels['partition'])).sort((a, b) => a - b)).toEqual([...Array(partitions).keys()]);
      for (const sample of lag) expect(sample.value).toBe(0);
    }, 60_000, 500);
  });

  it('notifications: dead_letter_messages_total follows the end offsets of notifications.dead-letter', async () => {
    const topic = DeadLetterTopics.notifications;
    const before = value(await services.notifications.metrics(), 'dead_letter_messages_total', { topic });
    const admin = testKafka('ops-test-admin').admin();
    const producer = testKafka('ops-test-producer').producer();
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      const endOffsets = async () => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      expect(before).toBeLessThanOrEqual(await endOffsets());
      // What the consumer writes when it gives up on a message; marked as coming from this test.
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'ops-test', value: 'not json', headers: { 'dlt-reason': 'malformed-json', 'dlt-error': 'synthetic: written by tests/ops to check dead_letter_messages_total' } }],
      });
      const after = await endOffsets();
      // The reading is cached for a few seconds.
      await eventually(async () => {
        expect(value(await services.notifications.metrics(), 'dead_letter_messages_total', { topic })).toBeGreaterThanOrEqual(after);
      }, 15_000, 500);
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  });

  it.each(NAMES.filter((name) => name !== 'notifications'))('%s: reports its own dead-letter topic', async (name) => {
    const topic = `${name}.dead-letter`;
    expect(value(await services[name].metrics(), 'dead_letter_messages_total', { service: name, topic })).toBeGreaterThanOrEqual(0);
  });

  it('notifications: sent and failed per channel, every series present from the start', async () => {
    const body = await services.notifications.metrics();
    expect(body).toContain('# TYPE notifications_sent_total counter');
    expect(body).toContain('# TYPE notifications_failed_total counter');
    // Real deliveries moving these counters: apps/notifications/test/delivery-metrics.int-spec.ts.
    for (const channel of NOTIFICATION_DELIVERY_CHANNELS) {
      expect(value(body, 'notifications_sent_total', { service: 'notifications', channel })).toBeGreaterThanOrEqual(0);
      for (const reason of ['transient', 'permanent', 'exhausted']) {
        expect(value(body, 'notifications_failed_total', { service: 'notifications', channel, reason })).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('every service still stops cleanly on SIGTERM with the metrics module loaded', async () => {
    const codes = await Promise.all(Object.values(services).map((service) => service.stop()));
    expect(codes).toEqual([0, 0, 0, 0]);
  });
});
