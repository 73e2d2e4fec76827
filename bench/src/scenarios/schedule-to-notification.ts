import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { AgendaItemRescheduled, EnvelopeHeaders, EventCatalog, ParticipantAdded, ProgramCreated, Topics } from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, EventEnvelope, ParticipantSnapshotV1, ScheduleChangeV1 } from '@diplomacy/contracts';
import type { Message } from 'kafkajs';
import { ArrivalRecorder, byEventIdHeader } from '../harness/arrivals';
import type { BenchEnvironment } from '../harness/environment';
import { baselineProducer } from '../harness/kafka-baseline';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import { atFixedRate, now, round, sleep, summarize } from '../harness/stats';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

/**
 * Issue 6: a committed schedule change → a delivered notification. agenda-item.rescheduled
 * envelopes (valid per the contracts) are produced onto scheduling.schedule-changes; the built
 * notifications service (own database, own group at the end of the topics) plans them in its
 * inbox transaction and its dispatcher delivers them: an in-app row marked sent (polled) and an
 * email received by a real SMTP server (smtp-server) started here. Baseline: raw kafkajs
 * produce → consume of a message of the same size, same run.
 */
const ORG = 'kansas-city-council';
const POLL_INTERVAL_MS = 5;
/** Programs (one delegate each, email channel): keys spread the changes over partitions like real programs do. */
const PROGRAMS = 6;
const catalog = new EventCatalog();

function envelope<P>(definition: EventDefinition<P>, key: string, payload: P): EventEnvelope {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: definition.topic.split('.')[0],
    key,
    organisationId: ORG,
    correlationId: `bench-${randomUUID()}`,
    causationId: null,
    payload,
  };
}

function toMessage(e: EventEnvelope): Message & { key: string; value: string } {
  const checked = catalog.validate(e);
  if (!checked.ok) throw new HarnessError(`bench envelope ${e.type} is invalid: ${checked.detail}`);
  return {
    key: e.key,
    value: JSON.stringify(e),
    headers: {
      [EnvelopeHeaders.eventId]: e.id,
      [EnvelopeHeaders.eventType]: e.type,
      [EnvelopeHeaders.eventVersion]: String(e.version),
      [EnvelopeHeaders.correlationId]: e.correlationId,
      [EnvelopeHeaders.contentType]: 'application/json',
    },
  };
}

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
  return envelope(AgendaItemRescheduled, programId, change);
}

/** A real SMTP server on a free port that records when each message (by its Message-ID) was received. */
class SmtpSink {
  readonly received = new Map<string, number>();
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpSink> {
    const received = new Map<string, number>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const at = now();
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID:\s*<([^@>]+)@/im.exec(raw)?.[1];
          if (id && !received.has(id)) received.set(id, at);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    const sink = new SmtpSink(server, `smtp://127.0.0.1:${address.port}`);
    (sink as { received: Map<string, number> }).received = received;
    return sink;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls notifications' table: when each source event's in-app row became `sent`, and which email notification ids it has. */
class DeliveryPoller {
  readonly inAppSent = new Map<string, number>();
  readonly emailIdOf = new Map<string, string>();
  private readonly pending = new Set<string>();
  private running = true;
  private readonly loop: Promise<void>;
  queries = 0;

  constructor(private readonly client: Client) {
    this.loop = this.run();
  }

  await(eventId: string): void {
    this.pending.add(eventId);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.pending.size > 0) {
        this.queries += 1;
        const { rows } = await this.client.query<{ e: string; n: string; channel: string; status: string }>(
          `SELECT source_event_id::text AS e, notification_id::text AS n, channel, status FROM notifications
            WHERE source_event_id = ANY($1::uuid[]) AND (channel = 'email' OR (channel = 'in-app' AND status = 'sent'))`,
          [[...this.pending]],
        );
        const at = now();
        for (const row of rows) {
          if (row.channel === 'email') this.emailIdOf.set(row.e, row.n);
          else if (!this.inAppSent.has(row.e)) this.inAppSent.set(row.e, at);
          if (this.inAppSent.has(row.e) && this.emailIdOf.has(row.e)) this.pending.delete(row.e);
        }
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }
}

export const scheduleToNotificationScenario: Scenario = {
  name: 'schedule-to-notification',
  title: 'Schedule change on Kafka → notification delivered (in-app + email over SMTP)',
  services: ['notifications'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { rate: 20, seconds: 10, burst: 500, warmup: 20 },
      smoke: { rate: 10, seconds: 0.5, burst: 20, warmup: 4 },
    });
    const group = env.groupId('notifications-s2n');
    const probeGroup = env.groupId('s2n-probe');
    const positioned = await env.positionGroupAtEndOfContractTopics(group);
    const baselineTopic = await env.createTopic('s2n-baseline');
    const smtp = await SmtpSink.start();
    env.onCleanup(() => smtp.stop());
    const service = await env.startService('notifications', { KAFKA_CONSUMER_GROUP: group, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' }, 'notifications_s2n');
    const db = await env.pg(env.databaseUrl('notifications_s2n'));
    const producer = await baselineProducer(env.kafka);
    env.onCleanup(() => producer.disconnect());
    const recorder = await ArrivalRecorder.start(env.kafka, { topics: [baselineTopic], groupId: probeGroup, idOf: byEventIdHeader, fromBeginning: true });
    env.onCleanup(() => recorder.stop());

    // Recipients first: programs and their delegates, as programs.events would carry them.
    const programs = Array.from({ length: PROGRAMS }, (_, i) => ({ programId: randomUUID(), i }));
    const delegates = programs.map(({ programId, i }) => participant(programId, i));
    const setup = programs.flatMap(({ programId }, i) => [
      toMessage(
        envelope(ProgramCreated, programId, {
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
      toMessage(envelope(ParticipantAdded, programId, delegates[i])),
    ]);
    await producer.send({ topic: Topics.programs, acks: -1, messages: setup });
    const ready = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM recipients WHERE recipient_id = ANY($1::uuid[])`, [delegates.map((d) => d.participantId)]);
      if (rows[0]?.n === PROGRAMS) break;
      if (Date.now() > ready) throw new HarnessError(`notifications projected ${rows[0]?.n ?? 0} of ${PROGRAMS} delegates after 60 s:\n${service.lastLines()}`);
      await sleep(100);
    }

    const poller = new DeliveryPoller(db);
    env.onCleanup(() => poller.stop());
    const change = (i: number) => {
      const p = i % PROGRAMS;
      return toMessage(rescheduled(programs[p].programId, delegates[p].participantId));
    };
    const messageBytes = Buffer.byteLength(change(0).value);
    const idOf = (m: Message) => String(m.headers?.[EnvelopeHeaders.eventId]);

    const waitDelivered = async (ids: string[], timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const missing = ids.filter((id) => {
          const emailId = poller.emailIdOf.get(id);
          return !poller.inAppSent.has(id) || !emailId || !smtp.received.has(emailId);
        }).length;
        if (missing === 0) return;
        if (Date.now() > deadline) throw new HarnessError(`${missing} of ${ids.length} schedule change(s) never delivered (in-app sent + email received):\n${service.lastLines()}`);
        await sleep(20);
      }
    };
    const delivered = (sent: { id: string; at: number }[]) => ({
      inApp: sent.map((s) => (poller.inAppSent.get(s.id) as number) - s.at),
      email: sent.map((s) => (smtp.received.get(poller.emailIdOf.get(s.id) as string) as number) - s.at),
    });

    /** Produces changes at a fixed rate; "commit" = the moment the envelope is handed to the producer. */
    const runSystem = async (rate: number, count: number) => {
      const sent: { id: string; at: number }[] = [];
      const settled = await atFixedRate(rate, count, async (i) => {
        const message = change(i);
        const id = idOf(message);
        poller.await(id);
        const at = now();
        sent.push({ id, at });
        await producer.send({ topic: Topics.scheduleChanges, acks: -1, messages: [message] });
      });
      const rejected = settled.find((s) => s.status === 'rejected');
      if (rejected) throw (rejected as PromiseRejectedResult).reason;
      await waitDelivered(sent.map((s) => s.id));
      return delivered(sent);
    };
    const runBaseline = async (rate: number, count: number) => {
      const sent: { id: string; at: number }[] = [];
      const settled = await atFixedRate(rate, count, async (i) => {
        const message = change(i);
        const at = now();
        sent.push({ id: idOf(message), at });
        await producer.send({ topic: baselineTopic, acks: -1, messages: [message] });
      });
      const rejected = settled.find((s) => s.status === 'rejected');
      if (rejected) throw (rejected as PromiseRejectedResult).reason;
      await recorder.waitFor(sent.map((s) => s.id), 60_000);
      return sent.map((s) => (recorder.arrivals.get(s.id) as number) - s.at);
    };
    /** A burst: every message produced at once (sends of up to 100), then the time until the last is delivered. */
    const burst = async (topic: string, count: number) => {
      const messages = Array.from({ length: count }, (_, i) => change(i));
      const ids = messages.map(idOf);
      if (topic === Topics.scheduleChanges) ids.forEach((id) => poller.await(id));
      const start = now();
      for (let i = 0; i < messages.length; i += 100) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 100) });
      return { ids, start };
    };

    // Warm-up (not measured): JIT, pools, the SMTP connection, the consumers' first fetches.
    await runSystem(10, sizes.warmup);
    await runBaseline(10, sizes.warmup);

    const count = Math.max(1, Math.round(sizes.rate * sizes.seconds));
    const cpu0 = cpuSnapshot();
    const system = await runSystem(sizes.rate, count);
    const cpu1 = cpuSnapshot();
    const baseline = await runBaseline(sizes.rate, count);
    const cpu2 = cpuSnapshot();

    const sysBurst = await burst(Topics.scheduleChanges, sizes.burst);
    await waitDelivered(sysBurst.ids, 300_000);
    const cpu3 = cpuSnapshot();
    const lastDelivery = Math.max(...sysBurst.ids.map((id) => Math.max(poller.inAppSent.get(id) as number, smtp.received.get(poller.emailIdOf.get(id) as string) as number)));
    const sysSeconds = (lastDelivery - sysBurst.start) / 1000;
    const baseBurst = await burst(baselineTopic, sizes.burst);
    await recorder.waitFor(baseBurst.ids, 120_000);
    const cpu4 = cpuSnapshot();
    const baseSeconds = (Math.max(...baseBurst.ids.map((id) => recorder.arrivals.get(id) as number)) - baseBurst.start) / 1000;

    const inApp = summarize(system.inApp);
    const email = summarize(system.email);
    const base = summarize(baseline);
    const label = `kafkajs send (idempotent, acks=all) → consume, ${messageBytes}-byte message`;
    const at = `@ ${sizes.rate}/s`;
    const metrics: Metric[] = [
      { metric: `change → in-app sent p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: inApp.p50, baseline: base.p50, baselineLabel: label },
      { metric: `change → in-app sent p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: inApp.p99, baseline: base.p99, baselineLabel: label },
      { metric: `change → email received p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: email.p50, baseline: base.p50, baselineLabel: label },
      { metric: `change → email received p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: email.p99, baseline: base.p99, baselineLabel: label },
      { metric: `burst of ${sizes.burst} changes: delivered (in-app + email) /s`, unit: 'events/s', direction: 'higher-is-better', system: sizes.burst / sysSeconds, baseline: sizes.burst / baseSeconds, baselineLabel: label },
      { metric: `burst of ${sizes.burst} changes: notifications delivered/s`, unit: 'events/s', direction: 'higher-is-better', system: (2 * sizes.burst) / sysSeconds, baseline: null },
    ];
    const notes = [
      `"Commit" = the moment the bench handed the agenda-item.rescheduled envelope (validated against the contracts' EventCatalog) to a kafkajs producer for scheduling.schedule-changes: scheduling's outbox leg (COMMIT → on the topic) is not included here; the outbox scenario measures it.`,
      `Each change concerns one delegate (email channel; the in-app inbox is added by the service) of one of ${PROGRAMS} programs (keys spread over partitions), no resource contact, no coordinators: 2 notifications per change. The program.created and participant.added events the projection needs were produced on programs.events first.`,
      `In-app = the notifications row (channel in-app) seen with status sent by a poller every ${POLL_INTERVAL_MS} ms (${poller.queries} queries; up to ~${POLL_INTERVAL_MS} ms of resolution). Email = the message (matched by its Message-ID, the notification id) fully received by a real SMTP server (smtp-server) in the bench process, through the service's nodemailer channel.`,
      `At ${sizes.rate}/s (${count} changes): in-app p50 ${round(inApp.p50)} / max ${round(inApp.max)} ms, email p50 ${round(email.p50)} / max ${round(email.max)} ms; baseline p50 ${round(base.p50)} / p99 ${round(base.p99)} / max ${round(base.max)} ms. Machine CPU busy (all cores): ${cpuBusyBetween(cpu0, cpu1)} during the system run, ${cpuBusyBetween(cpu1, cpu2)} during the baseline.`,
      `Burst: ${sizes.burst} changes produced at once (sends of 100) → last delivery after ${round(sysSeconds)} s (CPU ${cpuBusyBetween(cpu2, cpu3)}); the baseline's ${sizes.burst} raw messages were consumed after ${round(baseSeconds)} s (CPU ${cpuBusyBetween(cpu3, cpu4)}).`,
      `notifications ran as a built process (LOG_LEVEL=warn, defaults otherwise: DISPATCH_POLL_INTERVAL_MS 1000 with the in-process wake after the inbox commit, DISPATCH_BATCH_SIZE 50) on bench_notifications_s2n, its group positioned at the end of ${positioned.length} contract topics.`,
    ];
    await poller.stop();
    await env.stopProcess(service);
    return { parameters: { ...sizes, programs: PROGRAMS, messageBytes, notificationsPerChange: 2 }, metrics, notes };
  },
};
