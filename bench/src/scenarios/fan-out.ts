import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { CommunityEventCancelled, EnvelopeHeaders, RegistrationCancelled, RegistrationConfirmed, Topics } from '@diplomacy/contracts';
import type { Consumer } from 'kafkajs';
import { ArrivalRecorder, withTimeout } from '../harness/arrivals';
import type { BenchEnvironment } from '../harness/environment';
import { benchEnvelope, checkedEnvelope, envelopeHeaders, envelopeMessage } from '../harness/envelopes';
import { baselineProducer } from '../harness/kafka-baseline';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import { SmtpSink } from '../harness/smtp-sink';
import { now, round, sleep } from '../harness/stats';
import { coordinatorAuth } from '../harness/tokens';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

/**
 * Issue 8: cancel a community event with N registrants → every registrant told, in-app and
 * by email. community-events publishes ONE `event.cancelled` (its outbox); notifications
 * fans it out to the registrants it learnt from `registration.*` events, in one inbox
 * transaction, and its dispatcher sends the 2·N notifications. Baseline: a raw kafkajs
 * consumer of N registration.cancelled envelopes that inserts one row per message, a batch
 * per INSERT, into a table shaped like `notifications`, same run.
 */
const ORG = 'kansas-city-council';
const LANGUAGES = ['en-US', 'es-MX', 'fr-FR', 'ar-EG'];
const POLL_INTERVAL_MS = 50;
/**
 * Restricts notifications to this event's registrants ($1 = the event id): the service's group reads the
 * shared community-events topic, so other sessions' events on this broker are planned and sent there too.
 */
const OURS = `recipient_id IN (SELECT recipient_id FROM event_registrations WHERE event_id = $1)`;
const log = (line: string) => console.log(`[bench] fan-out: ${line}`);

interface Registrant {
  registrationId: string;
  name: string;
  email: string;
  preferredLanguage: string;
}

function eventBody(capacity: number): Record<string, unknown> {
  const start = new Date(Date.now() + 30 * 24 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    organisationId: ORG,
    kind: 'festival',
    title: 'Bench festival with the visiting delegations',
    description: 'Music, food stalls and a meet-the-delegates tent.',
    coHostOrganisationIds: [],
    venue: { name: 'Theis Park', address: '7000 Oak St, Kansas City, MO' },
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 6 * 3_600_000).toISOString(),
    timeZone: 'America/Chicago',
    capacity,
    maxPartySize: 1,
    visibility: 'public',
    programIds: [],
  };
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>, progress?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let nextReport = Date.now() + 15_000;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new HarnessError(`${what}: not reached after ${timeoutMs / 1000} s${progress ? ` (${await progress()})` : ''}`);
    if (progress && Date.now() > nextReport) {
      log(`${what}: ${await progress()}`);
      nextReport = Date.now() + 15_000;
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

export const fanOutScenario: Scenario = {
  name: 'fan-out',
  title: 'Fan-out: cancel a community event → every registrant notified (in-app + email over SMTP)',
  services: ['community-events', 'notifications'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { registrants: 10_000, seedTimeoutMs: 20 * 60_000, fanOutTimeoutMs: 30 * 60_000 },
      smoke: { registrants: 200, seedTimeoutMs: 120_000, fanOutTimeoutMs: 120_000 },
    });
    const n = sizes.registrants;
    const smtp = await SmtpSink.start();
    env.onCleanup(() => smtp.stop());
    const group = env.groupId('notifications-fanout');
    const positioned = await env.positionGroupAtEndOfContractTopics(group);
    const [notifications, communityEvents] = await Promise.all([
      env.startService('notifications', { KAFKA_CONSUMER_GROUP: group, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' }, 'notifications_fanout'),
      env.startService('community-events', { LOG_LEVEL: 'warn' }, 'community_events_fanout'),
    ]);
    const url = communityEvents.baseUrl;
    if (!url) throw new HarnessError('community-events started without a URL');
    const auth = { ...coordinatorAuth(env.settings.repoRoot, ORG), 'content-type': 'application/json' };
    const eventsDb = await env.pg(env.databaseUrl('community_events_fanout'));
    const notificationsDb = await env.pg(env.databaseUrl('notifications_fanout'));
    const lastLines = () => `notifications:\n${notifications.lastLines()}\ncommunity-events:\n${communityEvents.lastLines()}`;

    // 1. The event, created and published over HTTP: event.published reaches notifications' projection.
    const created = await fetch(`${url}/community-events`, { method: 'POST', headers: auth, body: JSON.stringify(eventBody(n)) });
    if (created.status !== 201) throw new HarnessError(`POST /community-events answered ${created.status}: ${await created.text()}`);
    const { id: eventId } = (await created.json()) as { id: string };
    const published = await fetch(`${url}/community-events/${eventId}/publish`, { method: 'POST', headers: auth });
    if (published.status !== 200) throw new HarnessError(`publish answered ${published.status}: ${await published.text()}`);
    await waitUntil('notifications projects the published event', 60_000, async () => {
      const { rows } = await notificationsDb.query(`SELECT 1 FROM community_events WHERE event_id = $1`, [eventId]);
      return rows.length === 1;
    }).catch((error: Error) => {
      throw new HarnessError(`${error.message}\n${lastLines()}`);
    });

    // 2. N registrants, in bulk: the registrations rows and, in the same transaction, the
    //    registration.confirmed outbox rows RegisterUseCase would have written with them.
    //    community-events' own relay publishes them; notifications learns the registrants
    //    (and tells each one they are confirmed) the way it does in production.
    const registrants: Registrant[] = Array.from({ length: n }, (_, i) => ({
      registrationId: randomUUID(),
      name: `Resident ${i + 1}`,
      email: `resident-${i + 1}-${randomUUID().slice(0, 8)}@example.org`,
      preferredLanguage: LANGUAGES[i % LANGUAGES.length],
    }));
    const seedStart = now();
    await eventsDb.query('BEGIN');
    try {
      for (let i = 0; i < n; i += 2_000) {
        const chunk = registrants.slice(i, i + 2_000);
        await eventsDb.query(
          `INSERT INTO registrations (id, event_id, name, email, party_size, preferred_language, status, token_hash)
           SELECT r.id, $1, r.name, r.email, 1, r.lang, 'confirmed', sha256(convert_to(r.id::text || r.email, 'UTF8'))
             FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS r(id, name, email, lang)`,
          [eventId, chunk.map((r) => r.registrationId), chunk.map((r) => r.name), chunk.map((r) => r.email), chunk.map((r) => r.preferredLanguage)],
        );
        const envelopes = chunk.map((r) =>
          checkedEnvelope(
            benchEnvelope(RegistrationConfirmed, eventId, ORG, {
              eventId,
              registrationId: r.registrationId,
              partySize: 1,
              confirmedBy: 'registered',
              registrant: { name: r.name, email: r.email, phone: null, preferredLanguage: r.preferredLanguage },
            }),
          ),
        );
        await eventsDb.query(
          `INSERT INTO outbox (event_id, event_type, topic, partition_key, envelope, headers)
           SELECT o.id, $1, $2, $3, o.envelope, o.headers FROM unnest($4::uuid[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS o(id, envelope, headers, i) ORDER BY o.i`,
          [
            RegistrationConfirmed.type,
            Topics.communityEvents,
            eventId,
            envelopes.map((e) => e.id),
            envelopes.map((e) => JSON.stringify(e)),
            envelopes.map((e) => JSON.stringify(envelopeHeaders(e))),
          ],
        );
      }
      await eventsDb.query('COMMIT');
    } catch (error) {
      await eventsDb.query('ROLLBACK');
      throw error;
    }
    const seeded = now();
    const seedCounts = async () => {
      const { rows } = await notificationsDb.query<{ projected: number; planned: number; pending: number }>(
        `SELECT (SELECT count(*)::int FROM event_registrations WHERE event_id = $1) AS projected,
                (SELECT count(*)::int FROM notifications WHERE source_event_type = $2 AND ${OURS}) AS planned,
                (SELECT count(*)::int FROM notifications WHERE status IN ('queued', 'sending') AND ${OURS}) AS pending`,
        [eventId, RegistrationConfirmed.type],
      );
      return rows[0];
    };
    const seedProgress = async () => {
      const c = await seedCounts();
      return `${c.projected}/${n} registrants projected, ${c.planned} confirmations planned, ${c.pending} pending, ${smtp.received.size} emails received`;
    };
    let projectedAt = 0;
    await waitUntil(
      'notifications learns every registrant and sends their confirmations',
      sizes.seedTimeoutMs,
      async () => {
        const c = await seedCounts();
        if (c.projected === n && projectedAt === 0) projectedAt = now();
        return c.projected === n && c.planned === 2 * n && c.pending === 0;
      },
      seedProgress,
    ).catch(async (error: Error) => {
      throw new HarnessError(`${error.message}\n${lastLines()}`);
    });
    const seedDone = now();
    log(`seeded ${n} registrants: projected after ${round((projectedAt - seeded) / 1000)} s, confirmations delivered after ${round((seedDone - seeded) / 1000)} s`);

    // 3. The measured part: one cancellation over HTTP → 2·N notifications delivered.
    const probeGroup = env.groupId('fanout-probe');
    await env.positionGroupAtEnd(probeGroup, Topics.communityEvents);
    const recorder = await ArrivalRecorder.start(env.kafka, {
      topics: [Topics.communityEvents],
      groupId: probeGroup,
      fromBeginning: true,
      idOf: (_topic, m) => (m.headers?.[EnvelopeHeaders.eventType]?.toString() === CommunityEventCancelled.type && m.key?.toString() === eventId ? 'cancelled' : null),
    });
    env.onCleanup(() => recorder.stop());
    const cpu0 = cpuSnapshot();
    const t0 = now();
    const cancelled = await fetch(`${url}/community-events/${eventId}/cancel`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'Severe weather warning for the whole afternoon' }) });
    const answeredAt = now();
    if (cancelled.status !== 200) throw new HarnessError(`cancel answered ${cancelled.status}: ${await cancelled.text()}`);

    let plannedAt = 0;
    let emailIds: string[] = [];
    let inAppSent = 0;
    let inAppDoneAt = 0;
    const fanOutProgress = async () => `${emailIds.length ? 2 * n : 0}/${2 * n} planned, ${inAppSent}/${n} in-app sent, ${emailIds.filter((id) => smtp.received.has(id)).length}/${n} emails received`;
    await waitUntil(
      'every cancellation notification delivered',
      sizes.fanOutTimeoutMs,
      async () => {
        if (plannedAt === 0) {
          const { rows } = await notificationsDb.query<{ id: string; channel: string }>(
            `SELECT notification_id::text AS id, channel FROM notifications WHERE source_event_type = $2 AND ${OURS}`,
            [eventId, CommunityEventCancelled.type],
          );
          // A large fan-out is planned in committed chunks: wait until every chunk is in.
          const inApp = rows.filter((r) => r.channel === 'in-app').length;
          const emails = rows.filter((r) => r.channel === 'email').map((r) => r.id);
          if (inApp > n || emails.length > n) throw new HarnessError(`the cancellation planned ${inApp} in-app and ${emails.length} email notifications for ${n} registrants`);
          if (inApp < n || emails.length < n) return false;
          plannedAt = now();
          emailIds = emails;
        }
        if (inAppDoneAt === 0) {
          const { rows } = await notificationsDb.query<{ sent: number }>(
            `SELECT count(*)::int AS sent FROM notifications WHERE source_event_type = $2 AND channel = 'in-app' AND status = 'sent' AND ${OURS}`,
            [eventId, CommunityEventCancelled.type],
          );
          inAppSent = rows[0].sent;
          if (inAppSent === n) inAppDoneAt = now();
        }
        return inAppDoneAt > 0 && emailIds.every((id) => smtp.received.has(id));
      },
      fanOutProgress,
    ).catch((error: Error) => {
      throw new HarnessError(`${error.message}\n${lastLines()}`);
    });
    const cpu1 = cpuSnapshot();
    await recorder.waitFor(['cancelled'], 10_000);
    const onTopicAt = recorder.arrivals.get('cancelled') as number;
    const emailTimes = emailIds.map((id) => smtp.received.get(id) as number).sort((a, b) => a - b);
    const lastEmail = emailTimes[emailTimes.length - 1];
    const firstEmail = emailTimes[0];
    const { rows: sentRows } = await notificationsDb.query<{ first: Date; last: Date }>(
      `SELECT min(sent_at) AS first, max(sent_at) AS last FROM notifications WHERE source_event_type = $2 AND channel = 'in-app' AND ${OURS}`,
      [eventId, CommunityEventCancelled.type],
    );
    // In-app delivery is the service's own sent_at (Postgres wall clock), moved onto the bench's clock like the email times.
    const wallToBench = now() - Date.now();
    const lastInApp = sentRows[0].last.getTime() + wallToBench;
    const systemSeconds = (Math.max(lastEmail, lastInApp) - t0) / 1000;
    const sample = await notificationsDb.query<{ subject: string; body: string; html: string | null; summary: string; language: string; template: string; category: string }>(
      `SELECT subject, body, html, summary, language, template, category FROM notifications WHERE source_event_type = $2 AND channel = 'email' AND ${OURS} LIMIT 1`,
      [eventId, CommunityEventCancelled.type],
    );
    await env.stopProcess(notifications);
    await env.stopProcess(communityEvents);

    // 4. Baseline: the same number of messages consumed raw and written as rows of the same shape.
    const baseline = await consumeAndInsertBaseline(env, notificationsDb, n, eventId, sample.rows[0]);

    const label = `kafkajs consume of ${n} registration.cancelled envelopes (one partition, keyed by event id like community-events) + one multi-row INSERT per fetched batch into a copy of the notifications table, 1 row per message`;
    const metrics: Metric[] = [
      {
        metric: `cancel → all ${2 * n} notifications delivered (${n} registrants × in-app + email)`,
        unit: 's',
        direction: 'lower-is-better',
        system: systemSeconds,
        baseline: baseline.seconds,
        baselineLabel: label,
      },
      { metric: `notifications delivered/s (fan-out of ${n})`, unit: 'events/s', direction: 'higher-is-better', system: (2 * n) / systemSeconds, baseline: n / baseline.seconds, baselineLabel: label },
      { metric: `cancel → event.cancelled on community-events.events`, unit: 'ms', direction: 'lower-is-better', system: onTopicAt - t0, baseline: null },
      { metric: `cancel → all ${2 * n} notifications planned (every chunk committed)`, unit: 's', direction: 'lower-is-better', system: (plannedAt - t0) / 1000, baseline: null },
      { metric: `cancel → every in-app notification sent (${n})`, unit: 's', direction: 'lower-is-better', system: (lastInApp - t0) / 1000, baseline: null },
      { metric: `cancel → every email received by the SMTP server (${n})`, unit: 's', direction: 'lower-is-better', system: (lastEmail - t0) / 1000, baseline: null },
      {
        metric: `registration.confirmed projected/s (${n} on one partition, from the seed's commit)`,
        unit: 'events/s',
        direction: 'higher-is-better',
        system: n / Math.max(0.001, (projectedAt - seeded) / 1000),
        baseline: null,
      },
    ];
    const notes = [
      `Seeding (not measured): the event was created and published over HTTP (coordinator token from scripts/dev/mint-token.mjs); then ${n} registrations (party of 1, confirmed, languages ${LANGUAGES.join('/')}) were INSERTed into bench_community_events_fanout together with their ${n} registration.confirmed outbox rows (envelopes checked by the contracts' EventCatalog), in one transaction, in ${round((seeded - seedStart) / 1000)} s. community-events' own relay published them and notifications projected every registrant ${round((projectedAt - seeded) / 1000)} s after the commit and delivered their ${2 * n} confirmations after ${round((seedDone - seeded) / 1000)} s. Bulk SQL skips the registration HTTP path (the registrations scenario measures it); the events are the real ones, so notifications knows the registrants exactly as in production, and the measurement starts only once it is idle.`,
      `Measured from the moment the bench sent POST /community-events/{id}/cancel (answered 200 after ${round(answeredAt - t0)} ms). community-events wrote ONE event.cancelled (contracts: notifications fans it out to the registrants it knows) which reached the topic after ${round(onTopicAt - t0)} ms; notifications planned all ${2 * n} notifications (resolve the registrants, preferences, render in each language, insert), all chunks visible ${round((plannedAt - t0) / 1000)} s after the cancel (polled every ${POLL_INTERVAL_MS} ms).`,
      `Delivery: in-app rows marked sent from ${round((sentRows[0].first.getTime() + wallToBench - t0) / 1000)} s to ${round((lastInApp - t0) / 1000)} s (notifications' sent_at: the start of the transaction that marks a row sent; the bench's poller saw them all at ${round((inAppDoneAt - t0) / 1000)} s), emails received by the bench's SMTP server (smtp-server, matched by Message-ID) from ${round((firstEmail - t0) / 1000)} s to ${round((lastEmail - t0) / 1000)} s. Machine CPU busy (all cores) from cancel to last delivery: ${cpuBusyBetween(cpu0, cpu1)}.`,
      `Baseline: ${n} RegistrationCancelled envelopes (${baseline.messageBytes} B each) produced to a fresh 6-partition topic while a raw kafkajs consumer (maxWaitTimeInMs 100) was paused; timed from resume to the last INSERT returning: ${baseline.batches} fetched batches, one INSERT … SELECT FROM unnest(…) each, into fanout_baseline (CREATE TABLE … (LIKE notifications INCLUDING ALL): same columns, checks and indexes, no foreign key) with the subject, text and HTML of a real cancellation email. CPU busy: ${baseline.cpu}.`,
      `notifications (own bench_notifications_fanout; group positioned at the end of ${positioned.length} contract topics; SMTP_URL = the bench's SMTP server) and community-events (own bench_community_events_fanout) ran as built processes with LOG_LEVEL=warn and default settings (DISPATCH_BATCH_SIZE 50, outbox relay batch 500).`,
    ];
    return { parameters: { registrants: n, notifications: 2 * n, languages: LANGUAGES, baselineMessageBytes: baseline.messageBytes }, metrics, notes };
  },
};

interface NotificationSample {
  subject: string;
  body: string;
  html: string | null;
  summary: string;
  language: string;
  template: string;
  category: string;
}

async function consumeAndInsertBaseline(
  env: BenchEnvironment,
  db: Client,
  n: number,
  eventId: string,
  sample: NotificationSample,
): Promise<{ seconds: number; batches: number; messageBytes: number; cpu: string }> {
  await db.query(`CREATE TABLE fanout_baseline (LIKE notifications INCLUDING ALL)`);
  const topic = await env.createTopic('fanout-baseline');
  const producer = await baselineProducer(env.kafka);
  env.onCleanup(() => producer.disconnect());
  const messages = Array.from({ length: n }, () =>
    envelopeMessage(
      benchEnvelope(RegistrationCancelled, eventId, ORG, { eventId, registrationId: randomUUID(), partySize: 1, previousStatus: 'confirmed', reason: 'registrant' }),
    ),
  );
  const consumer: Consumer = env.kafka.consumer({ groupId: env.groupId('fanout-baseline'), maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  env.onCleanup(() => consumer.disconnect());
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let inserted = 0;
  let batches = 0;
  let lastInsert = 0;
  let failure: Error | null = null;
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const rows = batch.messages.map((m) => JSON.parse(String(m.value)) as { id: string; correlationId: string; payload: { registrationId: string } });
      try {
        await db.query(
          `INSERT INTO fanout_baseline (notification_id, source_event_id, source_event_type, organisation_id, correlation_id, recipient_id, recipient_kind, channel, address,
                                        template, category, critical, language, subject, body, html, summary, status, attempts, sent_at)
           SELECT gen_random_uuid(), r.event_id, $1, $2, r.correlation_id, r.recipient_id, 'registrant', 'email', 'registrant-' || r.recipient_id || '@example.org',
                  $3, $4, false, $5, $6, $7, $8, $9, 'sent', 1, now()
             FROM unnest($10::uuid[], $11::text[], $12::uuid[]) AS r(event_id, correlation_id, recipient_id)`,
          [
            RegistrationCancelled.type,
            ORG,
            sample.template,
            sample.category,
            sample.language,
            sample.subject,
            sample.body,
            sample.html,
            sample.summary,
            rows.map((r) => r.id),
            rows.map((r) => r.correlationId),
            rows.map((r) => r.payload.registrationId),
          ],
        );
      } catch (error) {
        failure = error as Error;
        throw error;
      }
      inserted += rows.length;
      batches += 1;
      lastInsert = now();
    },
  });
  await withTimeout(joined, 30_000, 'the baseline consumer did not join');
  consumer.pause([{ topic }]);
  for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  const cpu0 = cpuSnapshot();
  const start = now();
  consumer.resume([{ topic }]);
  const deadline = Date.now() + 120_000;
  while (inserted < n) {
    if (failure) throw new HarnessError(`baseline INSERT failed: ${(failure as Error).message}`);
    if (Date.now() > deadline) throw new HarnessError(`baseline: ${inserted} of ${n} rows inserted after 120 s`);
    await sleep(5);
  }
  const cpu = cpuBusyBetween(cpu0, cpuSnapshot());
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM fanout_baseline`);
  if (rows[0].n !== n) throw new HarnessError(`baseline: ${rows[0].n} rows in fanout_baseline, expected ${n}`);
  await consumer.disconnect();
  return { seconds: (lastInsert - start) / 1000, batches, messageBytes: Buffer.byteLength(messages[0].value), cpu };
}
