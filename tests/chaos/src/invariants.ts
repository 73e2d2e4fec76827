import { randomUUID } from 'node:crypto';
import type { ChaosKafka } from './infrastructure';
import { log, sleep } from './infrastructure';
import { CONSUMERS_OF, EXPECTED_REASON, POISON_HEADER } from './poison';
import type { PoisonMessage } from './poison';
import { DATABASES } from './system';
import type { ChaosSystem } from './system';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads topics from the beginning up to their current end, in a throwaway group. */
export async function readTopics(kafka: ChaosKafka, topics: string[], timeoutMs = 60_000): Promise<RecordedMessage[]> {
  const client = kafka.kafka('chaos-reader');
  const admin = client.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([k]) => k));
  const messages: RecordedMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = client.consumer({ groupId: `chaos-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(Array.isArray(value) ? value[value.length - 1] : value);
      const offset = Number(message.offset);
      messages.push({ topic, partition, offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
      if (offset + 1 >= (ends.get(`${topic}/${partition}`) ?? 0)) remaining.delete(`${topic}/${partition}`);
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (remaining.size > 0 && Date.now() < deadline) await sleep(100);
  await consumer.disconnect();
  if (remaining.size > 0) throw new Error(`could not read to the end of ${[...remaining].join(', ')}`);
  return messages;
}

interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  topic: string;
  partition_key: string;
  affected: string[] | null;
}

const SOURCE_SERVICES = ['programs', 'scheduling', 'community-events'] as const;

export interface InvariantReport {
  sourceEvents: number;
  sourceEventsByType: Record<string, number>;
  expectedNotifications: number;
  notifications: number;
  notificationsByStatus: Record<string, number>;
  lost: number;
  lostExamples: string[];
  duplicated: number;
  /** Same Message-ID (same notification) received again: the documented crash window; a receiver drops it. */
  wireResends: number;
  emailsReceived: number;
  unexpectedNotifications: number;
  orderViolations: Record<string, number>;
  orderChecked: Record<string, number>;
  doubleBookings: number;
  resourceDoubleBookings: number;
  overCapacityEvents: number;
  seatsCounterMismatches: number;
  registrationsBySeatStatus: Record<string, number>;
  poisonSent: number;
  poisonExpectedDeadLetters: number;
  poisonDeadLettered: number;
  poisonMissing: string[];
  poisonWrongReason: string[];
  /** Valid events a consumer group dead-lettered (e.g. handler-failed while Postgres restarted): each is a loss for that consumer. */
  validEventsDeadLettered: Record<string, number>;
  validEventsDeadLetteredExamples: string[];
  drained: boolean;
  drainMs: number;
}

async function sourceOutbox(system: ChaosSystem): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = [];
  for (const service of SOURCE_SERVICES) {
    rows.push(
      ...(await system.postgres.query<OutboxRow>(
        DATABASES[service],
        `SELECT id::text, event_id::text, event_type, topic, partition_key, envelope->'payload'->'affectedParticipantIds' AS affected FROM outbox ORDER BY outbox.id`,
      )),
    );
  }
  return rows;
}

/** Valid events (not our poison) a consumer group gave up on and dead-lettered: `${group}/${eventId}` → reason. */
export async function deadLetteredValidEvents(system: ChaosSystem): Promise<Map<string, string>> {
  const dead = await readTopics(system.kafka, ['programs.dead-letter', 'scheduling.dead-letter', 'notifications.dead-letter']);
  const result = new Map<string, string>();
  for (const m of dead) {
    if (m.headers[POISON_HEADER] || !m.headers['event-id']) continue;
    result.set(`${m.headers['dlt-consumer-group']}/${m.headers['event-id']}`, `${m.headers['dlt-reason']}: ${(m.headers['dlt-error'] ?? '').slice(0, 120)}`);
  }
  return result;
}

/** Waits until everything in flight has landed: outboxes published, every consumer caught up, nothing left to send. */
export async function drain(system: ChaosSystem, poison: PoisonMessage[], timeoutMs: number): Promise<{ drained: boolean; ms: number; detail: string }> {
  const started = Date.now();
  let detail = '';
  let lastEmails = -1;
  while (Date.now() - started < timeoutMs) {
    try {
      const unpublished = (
        await Promise.all(SOURCE_SERVICES.map((s) => system.postgres.query<{ n: string }>(DATABASES[s], `SELECT count(*)::text AS n FROM outbox WHERE published_at IS NULL`)))
      ).reduce((sum, [r]) => sum + Number(r.n), 0);
      const source = await sourceOutbox(system);
      const handled = new Set(
        (await system.postgres.query<{ event_id: string }>(DATABASES.notifications, `SELECT event_id::text FROM inbox WHERE consumer = 'notifications.delivery'`)).map((r) => r.event_id),
      );
      const deadLettered = await deadLetteredValidEvents(system);
      const notHandled = source.filter((r) => !handled.has(r.event_id) && !deadLettered.has(`notifications/${r.event_id}`)).length;
      const impact = new Set(
        (await system.postgres.query<{ event_id: string }>(DATABASES.programs, `SELECT event_id::text FROM inbox WHERE consumer = 'programs.impact-projection'`)).map((r) => r.event_id),
      );
      const impactMissing = source.filter((r) => r.topic === 'scheduling.schedule-changes' && !impact.has(r.event_id) && !deadLettered.has(`programs/${r.event_id}`)).length;
      const [pending] = await system.postgres.query<{ n: string }>(DATABASES.notifications, `SELECT count(*)::text AS n FROM notifications WHERE status IN ('queued', 'sending')`);
      const [sentEmail] = await system.postgres.query<{ n: string }>(DATABASES.notifications, `SELECT count(*)::text AS n FROM notifications WHERE status = 'sent' AND channel = 'email'`);
      const emails = system.smtp.received.size;
      detail = `unpublished=${unpublished} notifications-not-handled=${notHandled} programs-not-handled=${impactMissing} queued/sending=${pending.n} sent-emails=${sentEmail.n} distinct-received=${emails}`;
      if (unpublished === 0 && notHandled === 0 && impactMissing === 0 && Number(pending.n) === 0 && emails >= Number(sentEmail.n) && emails === lastEmails) {
        const dead = await readTopics(system.kafka, ['programs.dead-letter', 'scheduling.dead-letter', 'notifications.dead-letter']);
        const expected = poison.reduce((sum, p) => sum + CONSUMERS_OF[p.topic].length, 0);
        const found = new Set(dead.filter((m) => m.headers[POISON_HEADER]).map((m) => `${m.headers[POISON_HEADER]}/${m.topic}`)).size;
        detail += ` poison-dead-lettered=${found}/${expected}`;
        if (found >= expected) return { drained: true, ms: Date.now() - started, detail };
      }
      lastEmails = emails;
    } catch (error) {
      detail = `not readable yet: ${(error as Error).message}`;
    }
    if ((Date.now() - started) % 10_000 < 1000) log(`draining: ${detail}`);
    await sleep(1000);
  }
  return { drained: false, ms: Date.now() - started, detail };
}

export async function checkInvariants(system: ChaosSystem, poison: PoisonMessage[], drained: { drained: boolean; ms: number }): Promise<InvariantReport> {
  const source = await sourceOutbox(system);
  const sourceEventsByType: Record<string, number> = {};
  for (const row of source) sourceEventsByType[row.event_type] = (sourceEventsByType[row.event_type] ?? 0) + 1;

  // ---- expected notifications: (event, recipient|*, channel) slots
  const expected = new Map<string, number>(); // `${event}|${recipient or *}|${channel}` → count
  const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
  for (const row of source) {
    if (row.event_type === 'agenda-item.rescheduled') {
      for (const participantId of row.affected ?? []) for (const channel of ['email', 'in-app']) add(`${row.event_id}|${participantId}|${channel}`);
    } else if (row.event_type === 'registration.confirmed' || row.event_type === 'registration.waitlisted') {
      for (const channel of ['email', 'in-app']) add(`${row.event_id}|*|${channel}`);
    }
  }
  const notifications = await system.postgres.query<{ notification_id: string; source_event_id: string; recipient_id: string; channel: string; status: string }>(
    DATABASES.notifications,
    `SELECT notification_id::text, source_event_id::text, recipient_id::text, channel, status FROM notifications`,
  );
  const notificationsByStatus: Record<string, number> = {};
  const perKey = new Map<string, string[]>();
  for (const n of notifications) {
    notificationsByStatus[n.status] = (notificationsByStatus[n.status] ?? 0) + 1;
    const key = `${n.source_event_id}|${n.recipient_id}|${n.channel}`;
    perKey.set(key, [...(perKey.get(key) ?? []), n.notification_id]);
  }
  const delivered = (n: { notification_id: string; channel: string; status: string }) =>
    n.status === 'sent' && (n.channel !== 'email' || system.smtp.received.has(n.notification_id));
  let lost = 0;
  const lostExamples: string[] = [];
  let unexpected = 0;
  const remaining = new Map(expected);
  for (const n of notifications) {
    const exact = `${n.source_event_id}|${n.recipient_id}|${n.channel}`;
    const wildcard = `${n.source_event_id}|*|${n.channel}`;
    const slot = remaining.has(exact) && (remaining.get(exact) ?? 0) > 0 ? exact : remaining.has(wildcard) && (remaining.get(wildcard) ?? 0) > 0 ? wildcard : undefined;
    if (!slot) {
      unexpected += 1;
      continue;
    }
    remaining.set(slot, (remaining.get(slot) ?? 0) - 1);
    if (!delivered(n)) {
      lost += 1;
      if (lostExamples.length < 5) lostExamples.push(`${exact} status=${n.status}${n.channel === 'email' ? ` smtp=${system.smtp.received.has(n.notification_id)}` : ''}`);
    }
  }
  for (const [key, count] of remaining) {
    if (count > 0) {
      lost += count;
      if (lostExamples.length < 10) lostExamples.push(`${key} never planned`);
    }
  }
  // ---- duplicates per idempotency key: more than one notification for a key, or mail nobody planned
  let duplicated = 0;
  for (const ids of perKey.values()) if (ids.length > 1) duplicated += ids.length - 1;
  const known = new Set(notifications.map((n) => n.notification_id));
  for (const id of system.smtp.received.keys()) if (!known.has(id)) duplicated += 1;
  let wireResends = 0;
  for (const count of system.smtp.received.values()) if (count > 1) wireResends += count - 1;

  // ---- per-program order of schedule changes, for every consumer
  const scheduleChanges = source.filter((r) => r.topic === 'scheduling.schedule-changes');
  const position = new Map(scheduleChanges.map((r, i) => [r.event_id, i]));
  const programOf = new Map(scheduleChanges.map((r) => [r.event_id, r.partition_key]));
  const orderViolations: Record<string, number> = {};
  const orderChecked: Record<string, number> = {};
  const checkSequence = (consumer: string, eventIds: string[]) => {
    const lastByProgram = new Map<string, number>();
    let violations = 0;
    let checked = 0;
    for (const id of eventIds) {
      const program = programOf.get(id);
      const at = position.get(id);
      if (program === undefined || at === undefined) continue;
      checked += 1;
      if ((lastByProgram.get(program) ?? -1) > at) violations += 1;
      lastByProgram.set(program, Math.max(at, lastByProgram.get(program) ?? -1));
    }
    orderViolations[consumer] = violations;
    orderChecked[consumer] = checked;
  };
  for (const [service, consumer] of [
    ['notifications', 'notifications.delivery'],
    ['programs', 'programs.impact-projection'],
  ] as const) {
    const rows = await system.postgres.query<{ event_id: string }>(DATABASES[service], `SELECT event_id::text FROM inbox WHERE consumer = $1 ORDER BY processed_at, event_id`, [consumer]);
    checkSequence(consumer, rows.map((r) => r.event_id));
  }
  // The topic itself, as a dedicated ordered consumer reads it (first delivery of each event; re-publishes may repeat one later).
  const onTopic = await readTopics(system.kafka, ['scheduling.schedule-changes']);
  const seen = new Set<string>();
  const topicOrder: string[] = [];
  for (const m of onTopic.sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    const id = m.headers['event-id'];
    if (id && !seen.has(id)) {
      seen.add(id);
      topicOrder.push(id);
    }
  }
  checkSequence('topic scheduling.schedule-changes', topicOrder);

  // ---- zero double bookings (scheduling) and zero over-capacity registrations (community-events)
  const [bookings] = await system.postgres.query<{ n: string }>(
    DATABASES.scheduling,
    `SELECT count(*)::text AS n FROM agenda_item_attendance a JOIN agenda_item_attendance b
       ON a.participant_id = b.participant_id AND a.item_id < b.item_id AND a.during && b.during
     JOIN agenda_items ia ON ia.id = a.item_id JOIN agenda_items ib ON ib.id = b.item_id
     WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' AND ia.status <> 'cancelled' AND ib.status <> 'cancelled'`,
  );
  const [resources] = await system.postgres.query<{ n: string }>(
    DATABASES.scheduling,
    `SELECT count(*)::text AS n FROM resource_bookings a JOIN resource_bookings b ON a.resource_id = b.resource_id AND a.item_id < b.item_id AND a.during && b.during
     WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
  );
  const capacity = await system.postgres.query<{ id: string; capacity: number; seats_taken: number; held: string }>(
    DATABASES['community-events'],
    `SELECT e.id::text, e.capacity, e.seats_taken, COALESCE(sum(r.party_size) FILTER (WHERE r.status IN ('confirmed', 'offered')), 0)::text AS held
     FROM community_events e LEFT JOIN registrations r ON r.event_id = e.id GROUP BY e.id`,
  );
  const bySeatStatus = await system.postgres.query<{ status: string; n: string }>(DATABASES['community-events'], `SELECT status, count(*)::text AS n FROM registrations GROUP BY status`);

  // ---- every poison message in the dead-letter topic of every consumer group that read it, with its reason
  const dead = await readTopics(system.kafka, ['programs.dead-letter', 'scheduling.dead-letter', 'notifications.dead-letter']);
  const deadByPoison = new Map<string, RecordedMessage[]>();
  for (const m of dead) {
    const id = m.headers[POISON_HEADER];
    if (id) deadByPoison.set(id, [...(deadByPoison.get(id) ?? []), m]);
  }
  const poisonMissing: string[] = [];
  const poisonWrongReason: string[] = [];
  let poisonExpected = 0;
  let poisonFound = 0;
  for (const p of poison) {
    for (const consumer of CONSUMERS_OF[p.topic]) {
      poisonExpected += 1;
      const copies = (deadByPoison.get(p.id) ?? []).filter((m) => m.topic === consumer.deadLetterTopic);
      if (copies.length === 0) {
        poisonMissing.push(`${p.kind} on ${p.topic} not in ${consumer.deadLetterTopic}`);
        continue;
      }
      poisonFound += 1;
      const wrong = copies.find((m) => m.headers['dlt-reason'] !== EXPECTED_REASON[p.kind] || m.headers['dlt-original-topic'] !== p.topic || !m.headers['dlt-error']);
      if (wrong) poisonWrongReason.push(`${p.kind} on ${p.topic} in ${consumer.deadLetterTopic}: reason ${wrong.headers['dlt-reason']}`);
    }
  }

  const validDead = await deadLetteredValidEvents(system);
  const validEventsDeadLettered: Record<string, number> = {};
  for (const key of validDead.keys()) validEventsDeadLettered[key.split('/')[0]] = (validEventsDeadLettered[key.split('/')[0]] ?? 0) + 1;

  return {
    validEventsDeadLettered,
    validEventsDeadLetteredExamples: [...validDead].slice(0, 5).map(([k, v]) => `${k} ${v}`),
    sourceEvents: source.length,
    sourceEventsByType,
    expectedNotifications: [...expected.values()].reduce((a, b) => a + b, 0),
    notifications: notifications.length,
    notificationsByStatus,
    lost,
    lostExamples,
    duplicated,
    wireResends,
    emailsReceived: system.smtp.total,
    unexpectedNotifications: unexpected,
    orderViolations,
    orderChecked,
    doubleBookings: Number(bookings.n),
    resourceDoubleBookings: Number(resources.n),
    overCapacityEvents: capacity.filter((e) => Number(e.held) > e.capacity || e.seats_taken > e.capacity).length,
    seatsCounterMismatches: capacity.filter((e) => Number(e.held) !== e.seats_taken).length,
    registrationsBySeatStatus: Object.fromEntries(bySeatStatus.map((r) => [r.status, Number(r.n)])),
    poisonSent: poison.length,
    poisonExpectedDeadLetters: poisonExpected,
    poisonDeadLettered: poisonFound,
    poisonMissing,
    poisonWrongReason,
    drained: drained.drained,
    drainMs: drained.ms,
  };
}
