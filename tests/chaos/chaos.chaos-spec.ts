import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAOS_HOME, log, sleep } from './src/infrastructure';
import { checkInvariants, drain } from './src/invariants';
import type { InvariantReport } from './src/invariants';
import { PoisonInjector } from './src/poison';
import { RECOVERY_LIMIT_MS, chaosProfile } from './src/profile';
import { ChaosSystem } from './src/system';
import { TrafficDriver } from './src/traffic';

interface FaultRecord {
  fault: string;
  atEvents: number;
  durationMs: number;
  /** From the end of the fault until every service answered ready. */
  recoveryMs: number;
  detail: string;
}

const profile = chaosProfile();
const enabled = process.env['CHAOS_SKIP_FAULTS'] !== 'true';

describe(`chaos (${profile.name} profile: ${profile.targetEvents} source events)`, () => {
  let system: ChaosSystem | undefined;
  let poison: PoisonInjector | undefined;

  afterAll(async () => {
    await poison?.stop();
    await system?.stop();
  });

  it('loses nothing, sends nothing twice, keeps order and capacity, dead-letters poison, and recovers within 15 s', async () => {
    const started = Date.now();
    const s = await ChaosSystem.start({ secondNotifications: true });
    system = s;
    const traffic = new TrafficDriver(s);
    await traffic.setUp({ programs: profile.programs, communityEvents: profile.communityEvents, capacity: profile.capacity });
    const setUpEvents = (await Promise.all(['chaos_programs', 'chaos_scheduling', 'chaos_community_events'].map((db) => s.postgres.query<{ n: string }>(db, 'SELECT count(*)::text AS n FROM outbox')))).reduce((sum, [r]) => sum + Number(r.n), 0);
    const loadTarget = Math.max(0, profile.targetEvents - setUpEvents);
    log(`set-up published ${setUpEvents} events; load: ${loadTarget} writes, ${profile.concurrency} in flight, ${profile.ratePerSecond}/s`);
    const injector = new PoisonInjector(s.kafka);
    poison = injector;
    const faults: FaultRecord[] = [];

    const reached = async (fraction: number) => {
      while (traffic.writes < fraction * loadTarget) await sleep(100);
    };
    const allReadyAfter = async (): Promise<number> => Math.max(0, ...Object.values(await s.allReady(120_000)));

    const faultPlan = async () => {
      if (!enabled) return;
      const steps: { at: number; run: () => Promise<void> }[] = [];
      for (const at of profile.poisonAt) steps.push({ at, run: async () => void (await injector.inject(traffic.programIds)) });
      profile.killsAt.forEach((at, n) =>
        steps.push({
          at,
          run: async () => {
            const t0 = Date.now();
            await s.notificationsA.kill9();
            // Down for a moment while the other instance and the producers carry on.
            await sleep(2000);
            const restartedAt = Date.now();
            await s.notificationsA.start(120_000);
            const recoveryMs = Date.now() - restartedAt;
            faults.push({ fault: `kill -9 notifications-a (${n + 1}/${profile.killsAt.length})`, atEvents: setUpEvents + traffic.writes, durationMs: restartedAt - t0, recoveryMs, detail: 'SIGKILL mid-stream, restarted after 2 s' });
          },
        }),
      );
      steps.push({
        at: profile.rebalanceAt,
        run: async () => {
          const t0 = Date.now();
          const b = s.notificationsB;
          if (!b) throw new Error('no second notifications instance');
          await b.stop();
          await sleep(5000);
          const restartedAt = Date.now();
          await b.start(120_000);
          faults.push({ fault: 'consumer group: notifications-b stopped and started (2 rebalances)', atEvents: setUpEvents + traffic.writes, durationMs: restartedAt - t0, recoveryMs: Date.now() - restartedAt, detail: 'SIGTERM, 5 s away, started again' });
        },
      });
      steps.push({
        at: profile.brokerOutageAt,
        run: async () => {
          const t0 = Date.now();
          traffic.brokerDown = true;
          const accepted0 = traffic.counters.acceptedDuringBrokerOutage;
          await s.kafka.stop();
          await sleep(profile.brokerOutageMs);
          const restartAt = Date.now();
          await s.kafka.start();
          const brokerBackAt = Date.now();
          traffic.brokerDown = false;
          const recoveryMs = await allReadyAfter();
          faults.push({
            fault: `Kafka broker stopped ${Math.round(profile.brokerOutageMs / 1000)} s`,
            atEvents: setUpEvents + traffic.writes,
            durationMs: brokerBackAt - t0,
            recoveryMs,
            detail: `broker JVM back in ${brokerBackAt - restartAt} ms; ${traffic.counters.acceptedDuringBrokerOutage - accepted0} writes accepted while it was down`,
          });
        },
      });
      steps.push({
        at: profile.postgresRestartAt,
        run: async () => {
          const t0 = Date.now();
          s.postgres.stop('fast');
          await sleep(2000);
          await s.postgres.start();
          const upAt = Date.now();
          const recoveryMs = await allReadyAfter();
          faults.push({ fault: 'Postgres restarted (pg_ctl stop -m fast, 2 s down, start)', atEvents: setUpEvents + traffic.writes, durationMs: upAt - t0, recoveryMs, detail: 'every service database at once' });
        },
      });
      steps.sort((a, b) => a.at - b.at);
      for (const step of steps) {
        await reached(step.at);
        log(`fault at ${Math.round(step.at * 100)} % of the load (${traffic.writes} writes)`);
        await step.run();
      }
    };

    const plan = { done: !enabled, promise: Promise.resolve() };
    plan.promise = faultPlan().finally(() => (plan.done = true));
    const loadStarted = Date.now();
    const progress = setInterval(() => log(`load: ${traffic.writes}/${loadTarget} writes ${JSON.stringify(traffic.counters)}`), 15_000);
    try {
      // The load goes on until the target is reached AND every fault has happened under it.
      await Promise.all([traffic.run(loadTarget, profile.concurrency, profile.registrationShare, profile.ratePerSecond, () => plan.done), plan.promise]);
    } finally {
      clearInterval(progress);
    }
    const loadMs = Date.now() - loadStarted;
    log(`load done in ${Math.round(loadMs / 1000)} s; draining`);
    const drained = await drain(s, injector.sent, profile.drainTimeoutMs);
    log(`drain: ${drained.drained ? 'complete' : 'INCOMPLETE'} after ${drained.ms} ms (${drained.detail})`);
    const report: InvariantReport = await checkInvariants(s, injector.sent, drained);

    const result = {
      profile: profile.name,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      loadMs,
      writesPerSecond: Math.round((traffic.writes / loadMs) * 10_000) / 10,
      traffic: traffic.counters,
      faults,
      maxRecoveryMs: Math.max(0, ...faults.map((f) => f.recoveryMs)),
      ...report,
    };
    fs.mkdirSync(path.join(CHAOS_HOME, 'results'), { recursive: true });
    fs.writeFileSync(path.join(CHAOS_HOME, 'results', `chaos-${profile.name}-latest.json`), JSON.stringify(result, null, 2));
    fs.appendFileSync(path.join(CHAOS_HOME, 'results', `chaos-${profile.name}-history.jsonl`), JSON.stringify(result) + '\n');
    log(`result: ${JSON.stringify(result, null, 2)}`);

    expect(report.drained).toBe(true);
    expect(report.lostExamples).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.validEventsDeadLettered).toEqual({});
    expect(report.duplicated).toBe(0);
    expect(report.unexpectedNotifications).toBe(0);
    expect(report.orderViolations).toEqual(Object.fromEntries(Object.keys(report.orderViolations).map((k) => [k, 0])));
    expect(report.doubleBookings).toBe(0);
    expect(report.resourceDoubleBookings).toBe(0);
    expect(report.overCapacityEvents).toBe(0);
    expect(report.seatsCounterMismatches).toBe(0);
    expect(report.poisonMissing).toEqual([]);
    expect(report.poisonWrongReason).toEqual([]);
    if (enabled) {
      expect(faults.length).toBe(profile.killsAt.length + 3);
      for (const fault of faults) expect({ fault: fault.fault, withinLimit: fault.recoveryMs <= RECOVERY_LIMIT_MS }).toEqual({ fault: fault.fault, withinLimit: true });
      expect(traffic.counters.acceptedDuringBrokerOutage).toBeGreaterThan(0);
    }
  });
});
