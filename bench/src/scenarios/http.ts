import * as path from 'node:path';
import autocannon from 'autocannon';
import type { BenchEnvironment } from '../harness/environment';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import { round } from '../harness/stats';
import { coordinatorAuth } from '../harness/tokens';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';
import { PROGRAM_BODY } from './end-to-end';

interface Load {
  connections: number;
  /** Seconds; `amount` wins when set (smoke mode). */
  duration: number;
  amount?: number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

async function cannon(url: string, request: 'create' | 'read', ids: string[], load: Load, auth: Record<string, string>): Promise<Measured> {
  let next = 0;
  const options: autocannon.Options =
    request === 'create'
      ? { url: `${url}/programs`, method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(PROGRAM_BODY) }
      : {
          url,
          headers: auth,
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({ ...req, path: `/programs/${ids[next++ % ids.length]}` }),
            },
          ],
        };
  const result = await autocannon({ ...options, connections: load.connections, duration: load.duration, amount: load.amount, timeout: 10 });
  const seconds = Math.max(result.duration, 0.001);
  return {
    rps: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * HTTP: POST /programs and GET /programs/:id of the programs service (built,
 * own process, its real database and outbox) under autocannon, beside a bare
 * NestJS endpoint on the same Express adapter in the same run.
 */
export const httpScenario: Scenario = {
  name: 'http',
  title: 'HTTP: programs API under load (autocannon)',
  services: ['programs'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { connections: 10, seconds: 10, warmupSeconds: 2, seeded: 200 },
      smoke: { connections: 2, seconds: 1, warmupSeconds: 0, seeded: 5 },
    });
    const measure: Load = env.smoke ? { connections: sizes.connections, duration: 10, amount: 30 } : { connections: sizes.connections, duration: sizes.seconds };
    const warmup: Load | null = sizes.warmupSeconds > 0 ? { connections: sizes.connections, duration: sizes.warmupSeconds } : null;

    const [programs, bare] = await Promise.all([
      env.startService('programs'),
      env.startProcess({ name: 'bare-nest', script: path.join(__dirname, '../baselines/bare-nest.js'), env: {}, readyPath: '/health/ready' }),
    ]);

    // Both targets get the same bearer token (programs verifies it; the bare endpoint ignores it).
    const auth = coordinatorAuth(env.settings.repoRoot, PROGRAM_BODY.organisationId);
    const ids: string[] = [];
    for (let i = 0; i < sizes.seeded; i += 1) {
      const response = await fetch(`${programs.baseUrl}/programs`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(PROGRAM_BODY) });
      if (response.status !== 201) throw new HarnessError(`seeding POST /programs answered ${response.status}: ${await response.text()}`);
      ids.push(((await response.json()) as { id: string }).id);
    }

    const targets = { system: programs.baseUrl as string, baseline: bare.baseUrl as string };
    const results: Record<string, Measured> = {};
    const cpuBusy: Record<string, string> = {};
    for (const request of ['create', 'read'] as const) {
      for (const target of ['system', 'baseline'] as const) {
        if (warmup) await cannon(targets[target], request, ids, warmup, auth);
        const cpu0 = cpuSnapshot();
        const measured = await cannon(targets[target], request, ids, measure, auth);
        cpuBusy[`${target}.${request}`] = cpuBusyBetween(cpu0, cpuSnapshot());
        if (measured.ok === 0) {
          const probe = await fetch(request === 'create' ? `${targets[target]}/programs` : `${targets[target]}/programs/${ids[0]}`, {
            method: request === 'create' ? 'POST' : 'GET',
            headers: { 'content-type': 'application/json', ...auth },
            body: request === 'create' ? JSON.stringify(PROGRAM_BODY) : undefined,
          }).then(async (r) => `${r.status} ${(await r.text()).slice(0, 300)}`, (e: Error) => e.message);
          throw new HarnessError(`${target} ${request}: no 2xx response (${measured.non2xx} non-2xx, ${measured.errors} errors); one request now answers: ${probe}`);
        }
        results[`${target}.${request}`] = measured;
      }
    }
    await Promise.all([env.stopProcess(programs), env.stopProcess(bare)]);

    const metrics: Metric[] = [];
    const notes: string[] = [];
    for (const [request, label] of [
      ['create', 'POST /programs'],
      ['read', 'GET /programs/:id'],
    ] as const) {
      const sys = results[`system.${request}`];
      const base = results[`baseline.${request}`];
      const baselineLabel = `bare NestJS 11 controller on the same Express adapter (${request === 'create' ? 'POST echo' : 'GET constant'})`;
      metrics.push(
        { metric: `${label} throughput`, unit: 'req/s', direction: 'higher-is-better', system: sys.rps, baseline: base.rps, baselineLabel },
        { metric: `${label} p99`, unit: 'ms', direction: 'lower-is-better', system: sys.p99, baseline: base.p99, baselineLabel },
      );
      notes.push(
        `${label}: system ${sys.ok} × 2xx, p50 ${round(sys.p50)} ms, ${sys.non2xx} non-2xx, ${sys.errors} errors, machine CPU ${cpuBusy[`system.${request}`]}; baseline ${base.ok} × 2xx, p50 ${round(base.p50)} ms, ${base.non2xx} non-2xx, ${base.errors} errors, machine CPU ${cpuBusy[`baseline.${request}`]}.`,
      );
    }
    notes.push(
      `autocannon in the bench process, ${sizes.connections} connections, ${env.smoke ? `${measure.amount} requests` : `${sizes.seconds} s`} per run after a ${sizes.warmupSeconds} s warm-up; requests/s counts 2xx only. The programs service runs at LOG_LEVEL=info with its real middleware, validation, Postgres and outbox; POST load also makes its relay publish to programs.events.`,
    );
    return { parameters: { ...sizes, seededPrograms: ids.length }, metrics, notes };
  },
};
