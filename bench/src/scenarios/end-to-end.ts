import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { EnvelopeHeaders, Topics } from '@diplomacy/contracts';
import { ArrivalRecorder, byKey } from '../harness/arrivals';
import type { BenchEnvironment } from '../harness/environment';
import { baselineProducer } from '../harness/kafka-baseline';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import { atFixedRate, now, round, sleep, summarize } from '../harness/stats';
import { coordinatorAuth } from '../harness/tokens';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

export const PROGRAM_BODY = {
  organisationId: 'bench-council',
  title: 'Digital government: a ministerial delegation',
  kind: 'international-visitor',
  theme: 'Democracy and civic engagement in the digital age',
  startDate: '2027-03-08',
  endDate: '2027-03-11',
} as const;

const POLL_INTERVAL_MS = 5;

/**
 * Watches notifications' projection table: records when each awaited program id
 * became visible to a reader (i.e. after the consumer's transaction committed).
 * Resolution: the poll interval plus one indexed query.
 */
class ProjectionPoller {
  readonly visible = new Map<string, number>();
  private readonly pending = new Set<string>();
  private running = true;
  private readonly loop: Promise<void>;
  queries = 0;

  constructor(private readonly client: Client) {
    this.loop = this.run();
  }

  await(id: string): void {
    if (!this.visible.has(id)) this.pending.add(id);
  }

  async waitFor(ids: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !this.visible.has(id))) {
      if (Date.now() > deadline) {
        const missing = ids.filter((id) => !this.visible.has(id)).length;
        throw new HarnessError(`${missing} of ${ids.length} program(s) never appeared in notifications' program_directory`);
      }
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.pending.size > 0) {
        this.queries += 1;
        const { rows } = await this.client.query<{ id: string }>(
          'SELECT program_id::text AS id FROM program_directory WHERE program_id = ANY($1::uuid[])',
          [[...this.pending]],
        );
        const at = now();
        for (const { id } of rows) {
          this.visible.set(id, at);
          this.pending.delete(id);
        }
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }
}

interface Created {
  id: string;
  sentAt: number;
  ackAt: number;
}

/**
 * End to end: POST /programs on the programs service (built, own process) until
 * the program is visible in notifications' projection (built, own process,
 * consuming programs.events through the reliable consumer and the inbox), at a
 * fixed rate. Baseline: raw kafkajs send → consume of a message of the same size.
 */
export const endToEndScenario: Scenario = {
  name: 'end-to-end',
  title: 'Program created over HTTP → visible in notifications',
  services: ['programs', 'notifications'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { rates: [50, 200], seconds: 10, warmup: 40 },
      smoke: { rates: [20], seconds: 0.5, warmup: 5 },
    });
    const notificationsGroup = env.groupId('notifications');
    const probeGroup = env.groupId('e2e-probe');
    // programs.events is shared with whoever else runs on this broker: both groups start at its end.
    // notifications subscribes to more than programs.events: its group starts at the end of every contract topic.
    const [positioned] = await Promise.all([env.positionGroupAtEndOfContractTopics(notificationsGroup), env.positionGroupAtEnd(probeGroup, Topics.programs)]);
    const baselineTopic = await env.createTopic('e2e-baseline');

    const [programs, notifications] = await Promise.all([
      env.startService('programs'),
      env.startService('notifications', { KAFKA_CONSUMER_GROUP: notificationsGroup }),
    ]);
    const recorder = await ArrivalRecorder.start(env.kafka, { topics: [Topics.programs, baselineTopic], groupId: probeGroup, idOf: byKey, fromBeginning: true });
    env.onCleanup(() => recorder.stop());
    const poller = new ProjectionPoller(await env.pg(env.databaseUrl('notifications')));
    env.onCleanup(() => poller.stop());
    const producer = await baselineProducer(env.kafka);
    env.onCleanup(() => producer.disconnect());

    const body = JSON.stringify(PROGRAM_BODY);
    const auth = coordinatorAuth(env.settings.repoRoot, PROGRAM_BODY.organisationId);
    const httpErrors = new Map<string, number>();
    const create = async (): Promise<Created | null> => {
      const sentAt = now();
      let response: Response;
      try {
        response = await fetch(`${programs.baseUrl}/programs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-correlation-id': `bench-${randomUUID()}`, ...auth },
          body,
        });
      } catch (error) {
        // A refused or reset connection is the system failing a request: counted, not measured.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const key = cause?.code ?? cause?.message ?? (error as Error).message;
        httpErrors.set(key, (httpErrors.get(key) ?? 0) + 1);
        return null;
      }
      const ackAt = now();
      if (response.status !== 201) {
        throw new HarnessError(`POST /programs answered ${response.status}: ${await response.text()}`);
      }
      const { id } = (await response.json()) as { id: string };
      poller.await(id);
      return { id, sentAt, ackAt };
    };

    // The message the baseline sends: a program.created envelope like the relay's, same size.
    const baselineMessage = () => {
      const programId = randomUUID();
      const id = randomUUID();
      const correlationId = `bench-${randomUUID()}`;
      const envelope = {
        id,
        type: 'program.created',
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'programs',
        key: programId,
        organisationId: PROGRAM_BODY.organisationId,
        correlationId,
        causationId: null,
        payload: { programId, ...PROGRAM_BODY, status: 'draft' },
      };
      const headers = {
        [EnvelopeHeaders.eventId]: id,
        [EnvelopeHeaders.eventType]: envelope.type,
        [EnvelopeHeaders.eventVersion]: '1',
        [EnvelopeHeaders.correlationId]: correlationId,
        [EnvelopeHeaders.contentType]: 'application/json',
      };
      return { key: programId, value: JSON.stringify(envelope), headers };
    };
    const messageBytes = Buffer.byteLength(baselineMessage().value);

    const runSystem = async (rate: number, count: number) => {
      const settled = await atFixedRate(rate, count, create);
      const rejected = settled.find((s) => s.status === 'rejected');
      if (rejected) throw (rejected as PromiseRejectedResult).reason;
      const all = settled.map((s) => (s as PromiseFulfilledResult<Created | null>).value);
      const created = all.filter((c): c is Created => c !== null);
      // Failed requests under overload are a result (counted below); only a flow with nothing through is a broken harness.
      if (created.length === 0) {
        throw new HarnessError(`all ${all.length} POST /programs failed: ${JSON.stringify(Object.fromEntries(httpErrors))}`);
      }
      const ids = created.map((c) => c.id);
      await Promise.all([poller.waitFor(ids, 60_000), recorder.waitFor(ids, 60_000)]);
      return {
        visible: summarize(created.map((c) => (poller.visible.get(c.id) as number) - c.sentAt)),
        onTopic: summarize(created.map((c) => (recorder.arrivals.get(c.id) as number) - c.sentAt)),
        http: summarize(created.map((c) => c.ackAt - c.sentAt)),
        failed: all.length - created.length,
      };
    };

    const runBaseline = async (rate: number, count: number) => {
      const sent: { key: string; at: number }[] = [];
      const settled = await atFixedRate(rate, count, async () => {
        const message = baselineMessage();
        const at = now();
        sent.push({ key: message.key, at });
        await producer.send({ topic: baselineTopic, acks: -1, messages: [message] });
      });
      const rejected = settled.find((s) => s.status === 'rejected');
      if (rejected) throw (rejected as PromiseRejectedResult).reason;
      await recorder.waitFor(sent.map((s) => s.key), 60_000);
      return summarize(sent.map((s) => (recorder.arrivals.get(s.key) as number) - s.at));
    };

    // Warm-up (not measured): JIT, connection pools, the consumer's first fetches.
    await runSystem(Math.min(20, sizes.warmup), sizes.warmup);
    await runBaseline(Math.min(20, sizes.warmup), sizes.warmup);
    const lag = await env.groupLag(notificationsGroup, Topics.programs);

    const metrics: Metric[] = [];
    const notes: string[] = [];
    const baselineLabel = `kafkajs send (idempotent, acks=all) → consume, ${messageBytes}-byte message`;
    for (const rate of sizes.rates) {
      const count = Math.max(1, Math.round(rate * sizes.seconds));
      const cpu0 = cpuSnapshot();
      const system = await runSystem(rate, count);
      const cpu1 = cpuSnapshot();
      const baseline = await runBaseline(rate, count);
      const cpu2 = cpuSnapshot();
      const row = (metric: string, sys: number, base: number | null): Metric => ({
        metric: `${metric} @ ${rate}/s`,
        unit: 'ms',
        direction: 'lower-is-better',
        system: sys,
        baseline: base,
        baselineLabel,
      });
      metrics.push(
        row('create → projection p50', system.visible.p50, baseline.p50),
        row('create → projection p95', system.visible.p95, baseline.p95),
        row('create → projection p99', system.visible.p99, baseline.p99),
        row('create → on programs.events p50', system.onTopic.p50, baseline.p50),
        row('create → on programs.events p99', system.onTopic.p99, baseline.p99),
        row('POST /programs 201 p99', system.http.p99, null),
        { metric: `failed POST /programs @ ${rate}/s (of ${count})`, unit: 'count', direction: 'lower-is-better', system: system.failed, baseline: null },
      );
      notes.push(
        `At ${rate}/s (${count} programs): HTTP 201 p50 ${round(system.http.p50)} ms; on programs.events p50 ${round(system.onTopic.p50)} ms; visible in program_directory p50 ${round(system.visible.p50)} / max ${round(system.visible.max)} ms. Baseline p50 ${round(baseline.p50)} / p99 ${round(baseline.p99)} / max ${round(baseline.max)} ms. Machine CPU busy (all cores): ${cpuBusyBetween(cpu0, cpu1)} during the system run, ${cpuBusyBetween(cpu1, cpu2)} during the baseline.`,
      );
    }
    notes.push(
      `"create" is the moment the bench sent POST /programs. "on programs.events" is when a probe consumer (own group, same kafkajs settings as the baseline's consumer) received the event; "projection" is when the row was visible in bench_notifications.program_directory, polled every ${POLL_INTERVAL_MS} ms (${poller.queries} queries), so it carries up to ~${POLL_INTERVAL_MS} ms of resolution.`,
      `Both services ran as built processes at LOG_LEVEL=info with their default settings (outbox poll 500 ms + in-process wake-up, consumer maxWaitTimeInMs 100, 3 partitions concurrently). notifications' group lag after warm-up: ${lag}.`,
      `programs.events is the contract's topic and is shared with anything else on the broker; both bench groups were positioned at its end before starting (notifications' group at the end of ${positioned.length} contract topics).`,
    );
    if (httpErrors.size > 0) notes.push(`Failed POST /programs (connection errors, not measured): ${JSON.stringify(Object.fromEntries(httpErrors))}.`);

    await poller.stop();
    await Promise.all([env.stopProcess(programs), env.stopProcess(notifications)]);
    return { parameters: { ...sizes, messageBytes, partitions: 6 }, metrics, notes };
  },
};
