import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Pool } from 'pg';
import type { BenchEnvironment } from '../harness/environment';
import { cpuBusyBetween, cpuSnapshot } from '../harness/machine';
import { now, round, summarize } from '../harness/stats';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

/**
 * Issue 5: registrations per second under concurrency. N clients register at once
 * (parties of 1–4) for one published event with a fixed number of seats, over HTTP on the
 * built community-events service (validation, event row lock, trigger-kept counter with its
 * CHECK, outbox). Baseline: a plain INSERT of the same rows into the same `registrations`
 * table, same run. The seated sum is an invariant: above the capacity the harness fails.
 */
const ORG = 'kansas-city-council';
/** pg connections for the baseline: the service's own pool size (libs/service-kit database-options). */
const BASELINE_POOL = 20;

interface Registrant {
  name: string;
  email: string;
  partySize: number;
  preferredLanguage: string;
}

function eventBody(capacity: number): Record<string, unknown> {
  const start = new Date(Date.now() + 30 * 24 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    organisationId: ORG,
    kind: 'potluck',
    title: 'Bench potluck with the visiting delegation',
    description: 'Bring a dish from home; meet the visitors.',
    coHostOrganisationIds: ['westside-library'],
    venue: { name: 'Westside Community Center', address: '2130 Jefferson St, Kansas City, MO' },
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    timeZone: 'America/Chicago',
    capacity,
    maxPartySize: 4,
    visibility: 'public',
    programIds: [],
  };
}

export const registrationsScenario: Scenario = {
  name: 'registrations',
  title: 'Community events: concurrent registrations for limited seats',
  services: ['community-events'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { clients: 300, seats: 50, rounds: 3, warmup: 50 },
      smoke: { clients: 60, seats: 10, rounds: 1, warmup: 10 },
    });
    // The public route is rate-limited per client IP and route; every bench client comes from 127.0.0.1.
    const service = await env.startService('community-events', {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const url = service.baseUrl;
    if (!url) throw new HarnessError('community-events started without a URL');
    const token = execFileSync(process.execPath, [path.join(env.settings.repoRoot, 'scripts/dev/mint-token.mjs'), '--role', 'coordinator', '--org', ORG, '--sub', 'bench'], {
      encoding: 'utf8',
    }).trim();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const db = env.databaseUrl('community_events');
    const admin = await env.pg(db);
    const pool = new Pool({ connectionString: db, max: BASELINE_POOL });
    // An idle connection dropped under it (a Postgres restart, the database dropped at clean-up) must not crash the runner.
    pool.on('error', () => undefined);
    env.onCleanup(() => pool.end());

    const publishedEvent = async (capacity: number): Promise<string> => {
      const created = await fetch(`${url}/community-events`, { method: 'POST', headers: auth, body: JSON.stringify(eventBody(capacity)) });
      if (created.status !== 201) throw new HarnessError(`POST /community-events answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const published = await fetch(`${url}/community-events/${id}/publish`, { method: 'POST', headers: auth });
      if (published.status !== 200) throw new HarnessError(`publish answered ${published.status}: ${await published.text()}`);
      return id;
    };

    let people = 0;
    const registrants = (count: number): Registrant[] =>
      Array.from({ length: count }, () => {
        people += 1;
        return { name: `Resident ${people}`, email: `resident-${people}-${randomUUID().slice(0, 6)}@example.org`, partySize: 1 + Math.floor(Math.random() * 4), preferredLanguage: 'en-US' };
      });

    const statuses = new Map<string, number>();
    /** All clients at once (each its own request, in flight together); returns per-request latencies and the wall time. */
    const registerAll = async (eventId: string, people: Registrant[]) => {
      const start = now();
      const latencies = await Promise.all(
        people.map(async (body) => {
          const t0 = now();
          const response = await fetch(`${url}/community-events/${eventId}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          const answer = (await response.json().catch(() => ({}))) as { status?: string };
          const at = now();
          if (response.status !== 201) throw new HarnessError(`registration answered ${response.status}: ${JSON.stringify(answer)}`);
          statuses.set(answer.status ?? '?', (statuses.get(answer.status ?? '?') ?? 0) + 1);
          return at - t0;
        }),
      );
      return { latencies, seconds: (now() - start) / 1000 };
    };

    const insertAll = async (eventId: string, people: Registrant[]) => {
      const start = now();
      const latencies = await Promise.all(
        people.map(async (r) => {
          const t0 = now();
          await pool.query(
            `INSERT INTO registrations (id, event_id, name, email, party_size, preferred_language, status, token_hash)
             VALUES ($1, $2, $3, $4, $5, $6, 'waitlisted', $7)`,
            [randomUUID(), eventId, r.name, r.email, r.partySize, r.preferredLanguage, randomBytes(32)],
          );
          return now() - t0;
        }),
      );
      return { latencies, seconds: (now() - start) / 1000 };
    };

    // Warm-up (not measured): connections, JIT, the service's first requests, the pool.
    const warm = await publishedEvent(sizes.warmup * 4);
    await registerAll(warm, registrants(sizes.warmup));
    await insertAll(await publishedEvent(1), registrants(sizes.warmup));
    statuses.clear();

    const system: number[] = [];
    const baseline: number[] = [];
    let systemSeconds = 0;
    let baselineSeconds = 0;
    const seated: number[] = [];
    const notes: string[] = [];
    for (let round_ = 0; round_ < sizes.rounds; round_ += 1) {
      const people = registrants(sizes.clients);
      const hot = await publishedEvent(sizes.seats);
      const plain = await publishedEvent(1);
      const cpu0 = cpuSnapshot();
      const s = await registerAll(hot, people);
      const cpu1 = cpuSnapshot();
      const b = await insertAll(plain, people);
      const cpu2 = cpuSnapshot();
      system.push(...s.latencies);
      baseline.push(...b.latencies);
      systemSeconds += s.seconds;
      baselineSeconds += b.seconds;

      const { rows } = await admin.query<{ seated: number; seats_taken: number; capacity: number; n: number }>(
        `SELECT (SELECT coalesce(sum(party_size), 0)::int FROM registrations WHERE event_id = $1 AND status IN ('confirmed', 'offered')) AS seated,
                (SELECT count(*)::int FROM registrations WHERE event_id = $1) AS n, seats_taken, capacity FROM community_events WHERE id = $1`,
        [hot],
      );
      const row = rows[0];
      if (!row || row.n !== sizes.clients) throw new HarnessError(`round ${round_ + 1}: ${row?.n ?? 0} registrations stored for ${sizes.clients} clients`);
      // The invariant: never more seated than seats, whatever the concurrency.
      if (row.seated > sizes.seats || row.seats_taken !== row.seated) {
        throw new HarnessError(`round ${round_ + 1}: OVERSOLD or counter out of step: seated ${row.seated}, seats_taken ${row.seats_taken}, capacity ${row.capacity}`);
      }
      seated.push(row.seated);
      notes.push(
        `Round ${round_ + 1}: ${sizes.clients} registrations in ${round(s.seconds)} s over HTTP (seated ${row.seated}/${sizes.seats}), plain INSERT ${round(b.seconds)} s. Machine CPU busy (all cores): ${cpuBusyBetween(cpu0, cpu1)} during the registrations, ${cpuBusyBetween(cpu1, cpu2)} during the INSERTs.`,
      );
    }

    const sys = summarize(system);
    const base = summarize(baseline);
    const count = sizes.clients * sizes.rounds;
    const label = `plain INSERT of the same rows into registrations (pg pool of ${BASELINE_POOL}, all ${sizes.clients} at once)`;
    const at = `(${sizes.clients} clients, ${sizes.seats} seats)`;
    const metrics: Metric[] = [
      { metric: `registrations/s ${at}`, unit: 'req/s', direction: 'higher-is-better', system: count / systemSeconds, baseline: count / baselineSeconds, baselineLabel: label },
      { metric: `registration 201 p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: sys.p50, baseline: base.p50, baselineLabel: label },
      { metric: `registration 201 p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: sys.p99, baseline: base.p99, baselineLabel: label },
      { metric: `seated party sizes, max over ${sizes.rounds} round(s) (must be ≤ ${sizes.seats})`, unit: 'count', direction: 'lower-is-better', system: Math.max(...seated), baseline: null },
    ];
    notes.push(
      `Each round: a fresh published event with ${sizes.seats} seats (maxPartySize 4) and ${sizes.clients} clients with parties of 1–4 (random) POSTing /community-events/{id}/registrations all at once (one request each, every request in flight together) to the built community-events service (LOG_LEVEL=warn, rate limit raised with RATE_LIMIT_BURST/RATE_LIMIT_PER_MINUTE since every client is 127.0.0.1). Throughput = registrations ÷ time from the first request to the last answer, summed over rounds.`,
      `Answers: ${JSON.stringify(Object.fromEntries(statuses))}. Seated sums per round: ${seated.join(', ')} (≤ ${sizes.seats} is an invariant checked by the harness; more fails the run).`,
      `Baseline = the same registrant rows (name, email, party size, language, status waitlisted, a token hash) INSERTed into the same registrations table of bench_community_events, in the same round, all ${sizes.clients} at once through a pg Pool of ${BASELINE_POOL} connections (the service's own pool size): no HTTP, validation, event lock, waitlist decision or outbox. The seat-counter trigger fires for these rows too (no seats are taken by waitlisted rows).`,
    );
    await env.stopProcess(service);
    return { parameters: { ...sizes, maxPartySize: 4, baselinePool: BASELINE_POOL }, metrics, notes };
  },
};
