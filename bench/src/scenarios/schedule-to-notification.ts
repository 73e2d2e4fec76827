import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { AgendaItemRescheduled, EnvelopeHeaders, ParticipantAdded, ProgramCreated, Topics } from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventEnvelope, ParticipantSnapshotV1, ScheduleChangeV1 } from '@diplomacy/contracts';
import type { Message, Producer } from 'kafkajs';
import { ArrivalRecorder, byEventIdHeader } from '../harness/arrivals';
import type { BenchEnvironment } from '../harness/environment';
import { benchEnvelope, envelopeMessage } from '../harness/envelopes';
import { MicroBatcher, baselineProducer } from '../harness/kafka-baseline';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import type { NodeProcess } from '../harness/processes';
import { SmtpSink } from '../harness/smtp-sink';
import { atFixedRate, now, round, sleep, summarize } from '../harness/stats';
import type { Summary } from '../harness/stats';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

/**
 * Issues 6 and 8: a committed schedule change → a delivered notification, at a ladder of
 * rates (open loop). agenda-item.rescheduled envelopes (valid per the contracts) are produced
 * onto scheduling.schedule-changes; a built notifications service (fresh database and group
 * for each rate) plans them in its inbox transaction and its dispatcher delivers them: an
 * in-app row marked sent and an email received by a real SMTP server (smtp-server) started
 * here. Baseline: raw kafkajs produce → consume of a message of the same size, same rate.
 */
const ORG = 'kansas-city-council';
/** Programs (one delegate each, email channel): keys spread the changes over partitions like real programs do. */
const PROGRAMS = 6;
const PROGRESS_POLL_MS = 200;
const log = (line: string) => console.log(`[bench] schedule-to-notification: ${line}`);

type KafkaMessageOut = Message & { key: string; value: string };

function participant(programId: string, n: number): ParticipantSnapshotV1 {
  return {
    programId,
    participantId: randomUUID(),
    name: `Bench delegate ${n}`,
    country: 'KE',
    title: null,
    organisationName: null,
    role: 'delegate',
    languages: ['en'],
    preferredLanguage: 'en',
    notificationChannels: ['email'],
    email: `delegate-${n}-${randomUUID().slice(0, 8)}@visitors.example`,
    phone: null,
    version: 1,
  };
}

function rescheduled(programId: string, attendee: string): EventEnvelope {
  const before: AgendaItemStateV1 = {
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
    attendees: { wholeDelegation: false, participantIds: [attendee], interpreterIds: [] },
    notes: null,
    travelBufferMinutes: 30,
    outsideProgramDates: false,
    cancellationReason: null,
    version: 1,
  };
  const after = { ...before, startsAt: '2027-03-09T21:00:00.000Z', endsAt: '2027-03-09T22:00:00.000Z', version: 2 };
  const change: ScheduleChangeV1 = {
    programId,
    itemId: before.itemId,
    version: 2,
    cause: 'coordinator',
    reason: null,
    before,
    after,
    affectedParticipantIds: [attendee],
    resourceContact: null,
  } as ScheduleChangeV1;
  return benchEnvelope(AgendaItemRescheduled, programId, ORG, change);
}

const idOf = (m: Message) => String(m.headers?.[EnvelopeHeaders.eventId]);

/** One change handed to the producer: `at` on the bench's clock, `wall` to compare with Postgres timestamps. */
interface Sent {
  id: string;
  at: number;
  wall: number;
}

/**
 * Hands `count` messages at `rate`/s to a micro-batcher in front of the producer, whatever
 * the earlier sends are doing (open loop). Messages that queue while a send is in flight go
 * out together in the next one, as the outbox relay publishes whatever is pending: with
 * awaited single sends (one request in flight, acks=all) kafkajs tops out at a few hundred
 * per second here, and the producer, not the system, would set the pace.
 */
async function produceAtRate(producer: Producer, topic: string, rate: number, count: number, make: (i: number) => KafkaMessageOut) {
  const sent: Sent[] = [];
  const batcher = new MicroBatcher(producer, topic, 500);
  const settled = await atFixedRate(rate, count, async (i) => {
    const message = make(i);
    sent.push({ id: idOf(message), at: now(), wall: Date.now() });
    batcher.push(message);
  });
  await batcher.flush();
  const lastAck = now();
  const rejected = settled.find((s) => s.status === 'rejected');
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  const span = (sent[sent.length - 1].at - sent[0].at) / 1000;
  return {
    sent,
    /** Messages handed over per second (the open-loop pacing). */
    offeredRate: span > 0 ? (count - 1) / span : count,
    /** Messages acknowledged by the broker per second, first hand-over to the last acknowledgement. */
    ackedRate: count / Math.max((lastAck - sent[0].at) / 1000, 0.001),
    sends: batcher.batches,
  };
}

/** A notifications instance of its own: fresh database and group, so a rate's backlog never leaks into the next. */
interface Instance {
  service: NodeProcess;
  db: Client;
  group: string;
  /** The delegates' recipient ids: the group reads shared topics, so other sessions' events may be planned there too. */
  recipients: string[];
  change: (i: number) => KafkaMessageOut;
}

/** Percentiles where undelivered changes count with the time they had waited when the drain window closed (a lower bound). */
function censoredSummary(delivered: (number | null)[], censoredAt: number[]): { summary: Summary; undelivered: number } {
  let undelivered = 0;
  const values = delivered.map((v, i) => {
    if (v !== null) return v;
    undelivered += 1;
    return censoredAt[i];
  });
  return { summary: summarize(values), undelivered };
}

export const scheduleToNotificationScenario: Scenario = {
  name: 'schedule-to-notification',
  title: 'Schedule change on Kafka → notification delivered (in-app + email over SMTP), rate ladder',
  services: ['notifications'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { rates: [50, 200, 1000], seconds: 10, drainSeconds: 60, warmup: 20 },
      smoke: { rates: [50, 200, 1000], seconds: 0.2, drainSeconds: 30, warmup: 4 },
    });
    const baselineTopic = await env.createTopic('s2n-baseline');
    const smtp = await SmtpSink.start();
    env.onCleanup(() => smtp.stop());
    const producer = await baselineProducer(env.kafka);
    env.onCleanup(() => producer.disconnect());
    const recorder = await ArrivalRecorder.start(env.kafka, { topics: [baselineTopic], groupId: env.groupId('s2n-probe'), idOf: byEventIdHeader, fromBeginning: true });
    env.onCleanup(() => recorder.stop());
    let positionedTopics = 0;

    const startInstance = async (rate: number): Promise<Instance> => {
      const group = env.groupId(`notifications-s2n-${rate}`);
      positionedTopics = (await env.positionGroupAtEndOfContractTopics(group)).length;
      const database = `notifications_s2n_${rate}`;
      const service = await env.startService('notifications', { KAFKA_CONSUMER_GROUP: group, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' }, database);
      const db = await env.pg(env.databaseUrl(database));
      // Recipients first: programs and their delegates, as programs.events would carry them.
      const programs = Array.from({ length: PROGRAMS }, () => randomUUID());
      const delegates = programs.map((programId, i) => participant(programId, i));
      const setup = programs.flatMap((programId, i) => [
        envelopeMessage(
          benchEnvelope(ProgramCreated, programId, ORG, {
            programId,
            organisationId: ORG,
            title: 'Digital government: a ministerial delegation',
            kind: 'international-visitor',
            status: 'planned',
            theme: null,
            startDate: '2027-03-08',
            endDate: '2027-03-12',
          }),
        ),
        envelopeMessage(benchEnvelope(ParticipantAdded, programId, ORG, delegates[i])),
      ]);
      await producer.send({ topic: Topics.programs, acks: -1, messages: setup });
      const ready = Date.now() + 60_000;
      for (;;) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM recipients WHERE recipient_id = ANY($1::uuid[])`, [delegates.map((d) => d.participantId)]);
        if (rows[0]?.n === PROGRAMS) break;
        if (Date.now() > ready) throw new HarnessError(`notifications projected ${rows[0]?.n ?? 0} of ${PROGRAMS} delegates after 60 s:\n${service.lastLines()}`);
        await sleep(100);
      }
      const change = (i: number) => envelopeMessage(rescheduled(programs[i % PROGRAMS], delegates[i % PROGRAMS].participantId));
      return { service, db, group, recipients: delegates.map((d) => d.participantId), change };
    };

    /** Counts of this instance: in-app rows sent, and emails received since `emailsBefore`. */
    const progress = async (instance: Instance, emailsBefore: number) => {
      const { rows } = await instance.db.query<{ sent: number; pending: number }>(
        `SELECT count(*) FILTER (WHERE channel = 'in-app' AND status = 'sent')::int AS sent, count(*) FILTER (WHERE status IN ('queued', 'sending'))::int AS pending
           FROM notifications WHERE source_event_type = $1 AND recipient_id = ANY($2::uuid[])`,
        [AgendaItemRescheduled.type, instance.recipients],
      );
      return { inAppSent: rows[0].sent, pending: rows[0].pending, emails: smtp.received.size - emailsBefore };
    };

    /** Waits until `expected` changes are delivered on both channels, or the window closes; returns when it stopped. */
    const drain = async (instance: Instance, emailsBefore: number, expected: number, inAppBefore: number, windowMs: number) => {
      const deadline = now() + windowMs;
      for (;;) {
        const p = await progress(instance, emailsBefore);
        if (p.inAppSent - inAppBefore >= expected && p.emails >= expected) return now();
        if (now() > deadline) return now();
        if (!instance.service.running) throw new HarnessError(`notifications exited during the run:\n${instance.service.lastLines()}`);
        await sleep(PROGRESS_POLL_MS);
      }
    };

    const messageBytes = Buffer.byteLength(envelopeMessage(rescheduled(randomUUID(), randomUUID())).value);
    const metrics: Metric[] = [];
    const notes: string[] = [];
    const steps: Record<string, unknown>[] = [];
    const label = `kafkajs send (idempotent, acks=all, micro-batched) → consume, ${messageBytes}-byte message, same rate`;

    for (const rate of sizes.rates) {
      const count = Math.max(1, Math.round(rate * sizes.seconds));
      const instance = await startInstance(rate);

      // Warm-up (not measured): JIT, pools, the SMTP connection, the consumer's first fetches.
      const warmEmails = smtp.received.size;
      await produceAtRate(producer, Topics.scheduleChanges, 10, sizes.warmup, instance.change);
      await drain(instance, warmEmails, sizes.warmup, 0, 60_000);
      const warm = await progress(instance, warmEmails);
      if (warm.inAppSent < sizes.warmup || warm.emails < sizes.warmup) {
        throw new HarnessError(`@ ${rate}/s: warm-up changes not delivered after 60 s (${warm.inAppSent} in-app, ${warm.emails} emails of ${sizes.warmup}):\n${instance.service.lastLines()}`);
      }

      // The step: `count` changes at `rate`/s, then up to `drainSeconds` for the rest to be delivered.
      const emailsBefore = smtp.received.size;
      const cpu0 = cpuSnapshot();
      const system = await produceAtRate(producer, Topics.scheduleChanges, rate, count, instance.change);
      const sentEnd = now();
      const [atEnd, lag] = await Promise.all([progress(instance, emailsBefore), env.groupLag(instance.group, Topics.scheduleChanges)]);
      const drainedAt = await drain(instance, emailsBefore, count, warm.inAppSent, sizes.drainSeconds * 1000);
      const cpu1 = cpuSnapshot();
      const ids = system.sent.map((s) => s.id);
      const { rows } = await instance.db.query<{ e: string; n: string; channel: string; sent_at: Date | null }>(
        `SELECT source_event_id::text AS e, notification_id::text AS n, channel, sent_at FROM notifications WHERE source_event_id = ANY($1::uuid[])`,
        [ids],
      );
      const inAppAt = new Map<string, number>();
      const emailAt = new Map<string, number>();
      for (const row of rows) {
        if (row.channel === 'in-app' && row.sent_at) inAppAt.set(row.e, row.sent_at.getTime());
        const received = row.channel === 'email' ? smtp.received.get(row.n) : undefined;
        if (received !== undefined) emailAt.set(row.e, received);
      }
      const wallAtDrain = Date.now();
      const censoredAt = system.sent.map((s) => drainedAt - s.at);
      const inApp = censoredSummary(
        system.sent.map((s) => (inAppAt.has(s.id) ? (inAppAt.get(s.id) as number) - s.wall : null)),
        system.sent.map((s) => wallAtDrain - s.wall),
      );
      const email = censoredSummary(
        system.sent.map((s) => (emailAt.has(s.id) ? (emailAt.get(s.id) as number) - s.at : null)),
        censoredAt,
      );
      // Delivered = both channels: the later of the in-app row marked sent and the email received.
      const both = censoredSummary(
        system.sent.map((s) => {
          const inAppMs = inAppAt.get(s.id);
          const emailMs = emailAt.get(s.id);
          return inAppMs === undefined || emailMs === undefined ? null : Math.max(inAppMs - s.wall, emailMs - s.at);
        }),
        censoredAt,
      );
      const deliveredNotifications = inAppAt.size + emailAt.size;
      const wallToBench = now() - Date.now();
      const lastDelivery = Math.max(...emailAt.values(), ...[...inAppAt.values()].map((wall) => wall + wallToBench));
      const deliveryRate = deliveredNotifications / Math.max((lastDelivery - system.sent[0].at) / 1000, 0.001);
      // What the undelivered ones were doing when the window closed (queued behind the backlog, retrying, failed).
      const missing = system.sent.filter((s) => !inAppAt.has(s.id) || !emailAt.has(s.id)).map((s) => s.id);
      const states = missing.length
        ? (
            await instance.db.query<{ channel: string; status: string; n: number; error: string | null }>(
              `SELECT channel, status, count(*)::int AS n, max(last_error) AS error FROM notifications WHERE source_event_id = ANY($1::uuid[]) GROUP BY channel, status ORDER BY channel, status`,
              [missing],
            )
          ).rows.map((r) => `${r.channel} ${r.status} ${r.n}${r.error ? ` (${r.error.slice(0, 120)})` : ''}`)
        : [];
      await env.stopProcess(instance.service);

      // Baseline at the same rate: the same envelopes on a topic of the bench's own.
      const cpu2 = cpuSnapshot();
      const baseline = await produceAtRate(producer, baselineTopic, rate, count, instance.change);
      await recorder.waitFor(
        baseline.sent.map((s) => s.id),
        120_000,
      );
      const cpu3 = cpuSnapshot();
      const base = summarize(baseline.sent.map((s) => (recorder.arrivals.get(s.id) as number) - s.at));

      const at = `@ ${rate}/s`;
      const caveat = both.undelivered > 0 ? ` (lower bound: ${both.undelivered} of ${count} not delivered ${sizes.drainSeconds} s after the last send)` : '';
      metrics.push(
        { metric: `change → delivered (in-app + email) p50 ${at}${caveat}`, unit: 'ms', direction: 'lower-is-better', system: both.summary.p50, baseline: base.p50, baselineLabel: label },
        { metric: `change → delivered (in-app + email) p95 ${at}${caveat}`, unit: 'ms', direction: 'lower-is-better', system: both.summary.p95, baseline: base.p95, baselineLabel: label },
        { metric: `change → delivered (in-app + email) p99 ${at}${caveat}`, unit: 'ms', direction: 'lower-is-better', system: both.summary.p99, baseline: base.p99, baselineLabel: label },
        { metric: `changes on the topic/s (target ${rate}/s, ${count} changes)`, unit: 'events/s', direction: 'higher-is-better', system: system.ackedRate, baseline: baseline.ackedRate, baselineLabel: label },
        { metric: `notifications delivered/s ${at}`, unit: 'events/s', direction: 'higher-is-better', system: deliveryRate, baseline: null },
      );
      notes.push(
        `At ${rate}/s (${count} changes over ${sizes.seconds} s; handed over at ${round(system.offeredRate)}/s, acknowledged by the broker at ${round(system.ackedRate)}/s in ${system.sends} sends; baseline ${round(baseline.offeredRate)}/s, ${round(baseline.ackedRate)}/s in ${baseline.sends} sends): ` +
          `in-app p50/p95/p99 ${round(inApp.summary.p50)}/${round(inApp.summary.p95)}/${round(inApp.summary.p99)} ms, email ${round(email.summary.p50)}/${round(email.summary.p95)}/${round(email.summary.p99)} ms, ` +
          `both max ${round(both.summary.max)} ms; baseline p50/p95/p99/max ${round(base.p50)}/${round(base.p95)}/${round(base.p99)}/${round(base.max)} ms. ` +
          `When the last change was sent: ${lag} change(s) not yet consumed (group lag), ${atEnd.pending} notification(s) queued or sending, ${atEnd.inAppSent - warm.inAppSent} in-app and ${atEnd.emails} emails of ${count} delivered. ` +
          (both.undelivered > 0
            ? `NOT KEPT UP: ${sizes.drainSeconds} s after the last send, ${both.undelivered} of ${count} changes were still not delivered on both channels (${count - inApp.undelivered} in-app, ${count - email.undelivered} emails delivered); their latency counts as the time they had waited, so the percentiles are lower bounds; their notifications then: ${states.join(', ') || 'none planned'}. `
            : `Everything delivered ${round((drainedAt - sentEnd) / 1000)} s after the last send. `) +
          `${deliveredNotifications} notifications delivered at ${round(deliveryRate)}/s (first send → last delivery). Machine CPU busy (all cores): ${cpuBusyBetween(cpu0, cpu1)} during the system step, ${cpuBusyBetween(cpu2, cpu3)} during the baseline.`,
      );
      steps.push({ rate, count, offeredRate: round(system.offeredRate), ackedRate: round(system.ackedRate), undelivered: both.undelivered, lagAtEnd: lag, pendingAtEnd: atEnd.pending });
      log(`${at}: p50 ${round(both.summary.p50)} ms, p99 ${round(both.summary.p99)} ms, ${both.undelivered} undelivered; baseline p99 ${round(base.p99)} ms`);
    }

    notes.push(
      `"Commit" = the moment the bench handed the agenda-item.rescheduled envelope (validated against the contracts' EventCatalog) for scheduling.schedule-changes, at its due time whatever earlier sends were doing (open loop), to a micro-batcher in front of an idempotent kafkajs producer (acks=all; what queued during a send goes out in the next, up to 500, as the outbox relay publishes; the baseline is fed the same way): scheduling's outbox leg (COMMIT → on the topic) is not included; the outbox scenario measures it.`,
      `Each change concerns one delegate (email channel; the in-app inbox is added by the service) of one of ${PROGRAMS} programs (keys spread over partitions), no resource contact, no coordinators: 2 notifications per change. The program.created and participant.added events the projection needs were produced on programs.events first.`,
      `In-app = the row's sent_at (notifications' Postgres clock: the start of the transaction that marks it sent; same machine, compared with the wall-clock send time). Email = the message (matched by its Message-ID, the notification id) fully received by a real SMTP server (smtp-server) in the bench process, through the service's nodemailer channel. Delivered = the later of the two.`,
      `Each rate runs on a fresh notifications instance (built process, LOG_LEVEL=warn, defaults otherwise: DISPATCH_POLL_INTERVAL_MS 1000 with the in-process wake after the inbox commit, DISPATCH_BATCH_SIZE 50; own bench_notifications_s2n_<rate>, own group positioned at the end of ${positionedTopics} contract topics), warmed with ${sizes.warmup} changes at 10/s; it is stopped after its drain window, so a backlog never leaks into the next rate.`,
    );
    return { parameters: { ...sizes, programs: PROGRAMS, messageBytes, notificationsPerChange: 2, steps }, metrics, notes };
  },
};
