import * as path from 'node:path';
import { ArrivalRecorder, byEventIdHeader, withTimeout } from '../harness/arrivals';
import type { BenchEnvironment } from '../harness/environment';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import type { NodeProcess } from '../harness/processes';
import { round, summarize } from '../harness/stats';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';
import type { Load, OutboxWorkerCommand, OutboxWorkerReply } from './outbox-worker';

type Done = Extract<OutboxWorkerReply, { type: 'done' }>;
type Stats = Extract<OutboxWorkerReply, { type: 'stats' }>;

/** Talks to the outbox worker over IPC, one request at a time. */
class Worker {
  private waiting: ((reply: OutboxWorkerReply) => void) | null = null;
  private readonly ready: Promise<void>;

  constructor(private readonly proc: NodeProcess) {
    let resolveReady!: () => void;
    let rejectReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    proc.child.on('message', (reply: OutboxWorkerReply) => {
      if (reply.type === 'ready') return resolveReady();
      if (reply.type === 'error' && !this.waiting) return rejectReady(new HarnessError(`outbox worker failed: ${reply.message}`));
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.(reply);
    });
    proc.child.once('exit', (code) => rejectReady(new HarnessError(`outbox worker exited with ${code}:\n${proc.lastLines()}`)));
  }

  /** Asks the worker to finish (relay stopped, connections closed) and waits for it to exit. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.proc.running) return;
    const exited = new Promise<void>((resolve) => this.proc.child.once('exit', () => resolve()));
    this.proc.child.send({ cmd: 'stop' } satisfies OutboxWorkerCommand);
    await withTimeout(exited, timeoutMs, 'outbox worker did not exit').catch(() => undefined);
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  request<T extends OutboxWorkerReply>(command: OutboxWorkerCommand, timeoutMs = 120_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HarnessError(`outbox worker did not answer ${command.cmd} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        if (reply.type === 'error') reject(new HarnessError(`outbox worker failed: ${reply.message}`));
        else resolve(reply as T);
      };
      this.proc.child.send(command);
    });
  }
}

interface PhaseOutcome {
  done: Done;
  lags: number[];
  /** Events per second from the start of writing to the last arrival. */
  eventsPerSecond: number;
}

/**
 * Outbox: how long a committed event takes to reach a consumer, and how many
 * events per second go through, against a raw kafkajs producer of the same payloads.
 */
export const outboxScenario: Scenario = {
  name: 'outbox',
  title: 'Outbox: commit → Kafka consumer',
  services: [],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { warmup: 300, burst: 5000, concurrency: 16, rate: 200, rateSeconds: 10 },
      smoke: { warmup: 10, burst: 60, concurrency: 4, rate: 50, rateSeconds: 0.5 },
    });
    const rateCount = Math.round(sizes.rate * sizes.rateSeconds);
    const [systemTopic, baselineTopic, databaseUrl] = await Promise.all([
      env.createTopic('outbox-system'),
      env.createTopic('outbox-baseline'),
      env.freshDatabase('outbox'),
    ]);
    const recorder = await ArrivalRecorder.start(env.kafka, {
      topics: [systemTopic, baselineTopic],
      groupId: env.groupId('outbox-probe'),
      idOf: byEventIdHeader,
      fromBeginning: true,
    });
    env.onCleanup(() => recorder.stop());

    const proc = await env.startProcess({
      name: 'outbox-worker',
      script: path.join(__dirname, 'outbox-worker.js'),
      ipc: true,
      env: {
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_KAFKA_BROKERS: env.settings.kafkaBrokers.join(','),
        BENCH_SYSTEM_TOPIC: systemTopic,
        BENCH_BASELINE_TOPIC: baselineTopic,
      },
    });
    const worker = new Worker(proc);
    await worker.whenReady();

    const phase = async (name: string, target: 'system' | 'baseline', load: Load): Promise<PhaseOutcome> => {
      const done = await worker.request<Done>({ cmd: 'phase', phase: name, target, load });
      const ids = done.written.map(([id]) => id);
      await recorder.waitFor(ids, 60_000);
      const lags = done.written.map(([id, at]) => (recorder.arrivals.get(id) as number) - at);
      const lastArrival = Math.max(...ids.map((id) => recorder.arrivals.get(id) as number));
      return { done, lags, eventsPerSecond: ids.length / ((lastArrival - done.startedAt) / 1000) };
    };
    const stats = () => worker.request<Stats>({ cmd: 'stats' });

    // Warm-up: connections, metadata, JIT, the relay's first batches. Not measured.
    await phase('warmup', 'system', { kind: 'rate', rate: sizes.warmup, count: sizes.warmup });
    await phase('warmup', 'baseline', { kind: 'rate', rate: sizes.warmup, count: sizes.warmup });

    const before = await stats();
    const cpu0 = cpuSnapshot();
    const systemBurst = await phase('burst', 'system', { kind: 'burst', count: sizes.burst, concurrency: sizes.concurrency });
    const afterBurst = await stats();
    const cpu1 = cpuSnapshot();
    const baselineBurst = await phase('burst', 'baseline', { kind: 'burst', count: sizes.burst, concurrency: sizes.concurrency });
    const cpu2 = cpuSnapshot();
    const beforeRate = await stats();
    const systemRate = await phase('rate', 'system', { kind: 'rate', rate: sizes.rate, count: rateCount });
    const afterRate = await stats();
    const baselineRate = await phase('rate', 'baseline', { kind: 'rate', rate: sizes.rate, count: rateCount });
    const afterAll = await stats();

    await worker.stop();
    await env.stopProcess(proc);

    const sysLag = summarize(systemRate.lags);
    const baseLag = summarize(baselineRate.lags);
    const commit = summarize(systemRate.done.commitMs);
    const burstCommit = summarize(systemBurst.done.commitMs);
    const baseline = 'kafkajs send (batched, idempotent) → consume';
    const metrics: Metric[] = [
      { metric: `commit → consumed p50 @ ${sizes.rate}/s`, unit: 'ms', direction: 'lower-is-better', system: sysLag.p50, baseline: baseLag.p50, baselineLabel: baseline },
      { metric: `commit → consumed p95 @ ${sizes.rate}/s`, unit: 'ms', direction: 'lower-is-better', system: sysLag.p95, baseline: baseLag.p95, baselineLabel: baseline },
      { metric: `commit → consumed p99 @ ${sizes.rate}/s`, unit: 'ms', direction: 'lower-is-better', system: sysLag.p99, baseline: baseLag.p99, baselineLabel: baseline },
      {
        metric: `throughput, ${sizes.burst} events (${sizes.concurrency} writers)`,
        unit: 'events/s',
        direction: 'higher-is-better',
        system: systemBurst.eventsPerSecond,
        baseline: baselineBurst.eventsPerSecond,
        baselineLabel: baseline,
      },
    ];
    const perCall = (a: Stats, b: Stats) => round((b.publishedMessages - a.publishedMessages) / Math.max(1, b.publishCalls - a.publishCalls));
    return {
      parameters: { ...sizes, rateCount, relay: 'DEFAULT_RELAY_OPTIONS (batch 500, poll 500 ms, woken in-process)', partitions: 6 },
      metrics,
      notes: [
        `System writes: one event per UnitOfWork transaction (advisory lock + INSERT + COMMIT) on real Postgres; lag is measured from the moment COMMIT returned. Baseline: the same payloads handed to a raw idempotent kafkajs producer behind a micro-batcher; lag from hand-over.`,
        `UnitOfWork.run (incl. COMMIT) took p50 ${round(commit.p50)} ms / p99 ${round(commit.p99)} ms at ${sizes.rate}/s, p50 ${round(burstCommit.p50)} ms / p99 ${round(burstCommit.p99)} ms in the burst.`,
        `Relay batching: ${perCall(before, afterBurst)} events per Kafka send in the burst, ${perCall(beforeRate, afterRate)} at ${sizes.rate}/s; the baseline batcher made ${afterAll.baselineSends - beforeRate.baselineSends} sends for ${rateCount} events at ${sizes.rate}/s.`,
        `Throughput is events ÷ (last arrival − start of writing), so the system figure includes writing to Postgres. Machine CPU busy (all cores) during the burst: ${cpuBusyBetween(cpu0, cpu1)} (system), ${cpuBusyBetween(cpu1, cpu2)} (baseline).`,
      ],
    };
  },
};
