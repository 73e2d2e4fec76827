import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { BenchEnvironment } from '../harness/environment';
import { closedLoop, now, round, summarize } from '../harness/stats';
import { coordinatorAuth } from '../harness/tokens';
import { HarnessError } from '../harness/types';
import type { Metric, Scenario } from '../harness/types';

/** The organisation that owns the seeded program (the token is a coordinator of it). */
const BENCH_ORG = 'bench-council';

/**
 * Issue 4: booking throughput and conflict-check latency as one program's itinerary
 * grows (10 → 1,000 → 10,000 items), beside a plain INSERT into the same table.
 *
 * One program, a delegation of DELEGATION people; the itinerary is grown in place by
 * SQL (items plus their attendance rows, exactly as the service writes them, in
 * non-overlapping hourly slots), so each size measures the same GiST indexes with more
 * rows in them. At each size, in the same run:
 *  - booking: POST /programs/{id}/agenda-items on the built scheduling service into free
 *    slots (whole delegation; program lock, exclusion constraints, outbox, HTTP) → 201;
 *  - conflict: the same request overlapping a seeded item → 409 (the refusal, its rollback and
 *    the follow-up query naming the conflicting item);
 *  - SQL booking: the transaction's core alone over pg (INSERT item + attendance rows under the
 *    exclusion constraints, COMMIT), and its refusal (23P01);
 *  - baseline: a plain INSERT of the same item row into agenda_items (no attendance rows, so no
 *    constraint check, no outbox), same concurrency.
 */
const DELEGATION = 5;
const TIME_ZONE = 'America/Chicago';
/** Seeded items live from here, one per hour; bookings from BOOKING_BASE; baseline rows from BASELINE_BASE. */
const SEED_BASE = Date.parse('2030-01-01T00:00:00Z');
const BOOKING_BASE = Date.parse('2040-01-01T00:00:00Z');
const SQL_BOOKING_BASE = Date.parse('2045-01-01T00:00:00Z');
const BASELINE_BASE = Date.parse('2050-01-01T00:00:00Z');
const HOUR = 3_600_000;

interface Timed {
  latencies: number[];
  seconds: number;
  unexpected: number;
}

async function timedLoop(count: number, concurrency: number, op: (i: number) => Promise<boolean>): Promise<Timed> {
  const latencies: number[] = [];
  let unexpected = 0;
  const start = now();
  await closedLoop(count, concurrency, async (i) => {
    const t0 = now();
    const ok = await op(i).catch(() => false);
    if (ok) latencies.push(now() - t0);
    else unexpected += 1;
  });
  return { latencies, seconds: (now() - start) / 1000, unexpected };
}

export const schedulingConflictsScenario: Scenario = {
  name: 'scheduling-conflicts',
  title: 'Scheduling: booking throughput and conflict-check latency as an itinerary grows',
  services: ['scheduling'],
  async run(env: BenchEnvironment) {
    const sizes = env.size({
      full: { itinerary: [10, 1_000, 10_000], requests: 300, concurrency: 8 },
      smoke: { itinerary: [10, 50], requests: 20, concurrency: 4 },
    });
    const group = env.groupId('scheduling');
    await env.positionGroupAtEndOfContractTopics(group);
    const service = await env.startService('scheduling', { KAFKA_CONSUMER_GROUP: group, LOG_LEVEL: 'warn' });
    const url = service.baseUrl;
    if (!url) throw new HarnessError('scheduling started without a URL');
    const db = env.databaseUrl('scheduling');
    const admin = await env.pg(db);
    const clients: Client[] = [];
    for (let i = 0; i < sizes.concurrency; i += 1) clients.push(await env.pg(db));

    // The program and its delegation, as the programs.events consumer would have projected them.
    const programId = randomUUID();
    // The program's organisation: a coordinator of it may book on its itinerary.
    const auth = coordinatorAuth(env.settings.repoRoot, BENCH_ORG);
    const participants = Array.from({ length: DELEGATION }, () => randomUUID());
    await admin.query(
      `INSERT INTO scheduled_programs (program_id, organisation_id, title, status, start_date, end_date, last_event_id)
       VALUES ($1, $3, 'Bench delegation', 'planned', '2030-01-01', '2060-12-31', $2)`,
      [programId, randomUUID(), BENCH_ORG],
    );
    await admin.query(
      `INSERT INTO program_participants (program_id, participant_id, name, role, last_event_id)
       SELECT $1, p, 'Bench visitor', 'delegate', $2 FROM unnest($3::uuid[]) AS p`,
      [programId, randomUUID(), participants],
    );

    let seeded = 0;
    const growTo = async (target: number) => {
      if (target <= seeded) return;
      await admin.query('BEGIN');
      await admin.query(
        `INSERT INTO agenda_items (id, program_id, organisation_id, kind, title, starts_at, ends_at, time_zone, whole_delegation, status, effective_buffer_minutes)
         SELECT gen_random_uuid(), $1, $6, 'workshop-panel', 'Seeded item ' || i, $2::timestamptz + make_interval(hours => i), $2::timestamptz + make_interval(hours => i, mins => 30),
                $3, true, 'confirmed', 30
           FROM generate_series($4::int, $5::int - 1) AS i`,
        [programId, new Date(SEED_BASE), TIME_ZONE, seeded, target, BENCH_ORG],
      );
      await admin.query(
        `INSERT INTO agenda_item_attendance (item_id, program_id, participant_id, role, venue_id, status, during, lead_window, trail_window)
         SELECT item.id, item.program_id, p, 'participant', NULL, item.status, tstzrange(item.starts_at, item.ends_at),
                tstzrange(item.starts_at - interval '30 minutes', item.ends_at), tstzrange(item.starts_at, item.ends_at + interval '30 minutes')
           FROM agenda_items item CROSS JOIN unnest($2::uuid[]) AS p
          WHERE item.program_id = $1 AND item.starts_at >= $3::timestamptz + make_interval(hours => $4::int) AND item.starts_at < $3::timestamptz + make_interval(hours => $5::int)`,
        [programId, participants, new Date(SEED_BASE), seeded, target],
      );
      await admin.query('COMMIT');
      await admin.query('ANALYZE agenda_items; ANALYZE agenda_item_attendance');
      seeded = target;
    };

    const post = async (startsAt: number, durationMinutes: number, expect: number) => {
      const response = await fetch(`${url}/programs/${programId}/agenda-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          kind: 'workshop-panel',
          title: 'Bench booking',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + durationMinutes * 60_000).toISOString(),
          timeZone: TIME_ZONE,
          attendees: { wholeDelegation: true },
        }),
      });
      await response.arrayBuffer();
      return response.status === expect;
    };

    const itemValues = (startsAt: number) => [randomUUID(), programId, new Date(startsAt), new Date(startsAt + 30 * 60_000), TIME_ZONE, BENCH_ORG];
    const ITEM_INSERT = `INSERT INTO agenda_items (id, program_id, kind, title, starts_at, ends_at, time_zone, whole_delegation, status, effective_buffer_minutes, organisation_id)
                         VALUES ($1, $2, 'workshop-panel', 'Bench booking', $3, $4, $5, true, 'confirmed', 30, $6)`;
    const sqlBooking = async (client: Client, startsAt: number): Promise<'ok' | 'refused'> => {
      const values = itemValues(startsAt);
      await client.query('BEGIN');
      try {
        await client.query(ITEM_INSERT, values);
        await client.query(
          `INSERT INTO agenda_item_attendance (item_id, program_id, participant_id, role, venue_id, status, during, lead_window, trail_window)
           SELECT $1, $2, p, 'participant', NULL, 'confirmed', tstzrange($3, $4), tstzrange($3::timestamptz - interval '30 minutes', $4), tstzrange($3, $4::timestamptz + interval '30 minutes')
             FROM unnest($5::uuid[]) AS p`,
          [values[0], programId, values[2], values[3], participants],
        );
        await client.query('COMMIT');
        return 'ok';
      } catch (error) {
        await client.query('ROLLBACK');
        if ((error as { code?: string }).code === '23P01') return 'refused';
        throw error;
      }
    };

    const metrics: Metric[] = [];
    const notes: string[] = [];
    const perSize: Record<string, unknown>[] = [];
    let bookingSlot = 0;
    let sqlSlot = 0;
    let baselineSlot = 0;
    // One client per operation in flight: a transaction must never share its connection.
    const idle = [...clients];
    const withClient = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
      const c = idle.pop();
      if (!c) throw new HarnessError('more operations in flight than clients');
      try {
        return await work(c);
      } finally {
        idle.push(c);
      }
    };

    // Warm-up: connections, JIT, Nest's first requests; not measured.
    await growTo(sizes.itinerary[0]);
    await timedLoop(Math.min(20, sizes.requests), sizes.concurrency, () => post(BOOKING_BASE + HOUR * bookingSlot++, 30, 201));

    for (const size of sizes.itinerary) {
      await growTo(size);
      const at = `@${size.toLocaleString('en-US')} items`;
      // Alternate system and baseline phases so drift on a shared machine hits both alike.
      const booked = await timedLoop(sizes.requests, sizes.concurrency, () => post(BOOKING_BASE + HOUR * bookingSlot++, 30, 201));
      const plain = await timedLoop(sizes.requests, sizes.concurrency, () =>
        withClient(async (c) => {
          await c.query(ITEM_INSERT, itemValues(BASELINE_BASE + HOUR * baselineSlot++));
          return true;
        }),
      );
      // Conflicts: overlap a random seeded item by 15 minutes.
      const refused = await timedLoop(sizes.requests, sizes.concurrency, () => post(SEED_BASE + HOUR * Math.floor(Math.random() * size) + 15 * 60_000, 30, 409));
      const sqlBooked = await timedLoop(sizes.requests, sizes.concurrency, () => withClient(async (c) => (await sqlBooking(c, SQL_BOOKING_BASE + HOUR * sqlSlot++)) === 'ok'));
      const sqlRefused = await timedLoop(sizes.requests, sizes.concurrency, () =>
        withClient(async (c) => (await sqlBooking(c, SEED_BASE + HOUR * Math.floor(Math.random() * size) + 15 * 60_000)) === 'refused'),
      );

      const s = { booked: summarize(booked.latencies), plain: summarize(plain.latencies), refused: summarize(refused.latencies), sqlBooked: summarize(sqlBooked.latencies), sqlRefused: summarize(sqlRefused.latencies) };
      const plainRate = plain.latencies.length / plain.seconds;
      const label = 'plain INSERT into agenda_items';
      metrics.push(
        { metric: `booking throughput (HTTP, ${sizes.concurrency} in flight) ${at}`, unit: 'req/s', direction: 'higher-is-better', system: round(booked.latencies.length / booked.seconds), baseline: round(plainRate), baselineLabel: label },
        { metric: `booking 201 p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.booked.p50), baseline: round(s.plain.p50), baselineLabel: label },
        { metric: `booking 201 p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.booked.p99), baseline: round(s.plain.p99), baselineLabel: label },
        { metric: `conflict check → 409 p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.refused.p50), baseline: round(s.plain.p50), baselineLabel: label },
        { metric: `conflict check → 409 p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.refused.p99), baseline: round(s.plain.p99), baselineLabel: label },
        { metric: `SQL booking (item + attendance, constraints) throughput ${at}`, unit: 'req/s', direction: 'higher-is-better', system: round(sqlBooked.latencies.length / sqlBooked.seconds), baseline: round(plainRate), baselineLabel: label },
        { metric: `SQL booking p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.sqlBooked.p50), baseline: round(s.plain.p50), baselineLabel: label },
        { metric: `SQL conflict refusal (23P01) p50 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.sqlRefused.p50), baseline: round(s.plain.p50), baselineLabel: label },
        { metric: `SQL conflict refusal (23P01) p99 ${at}`, unit: 'ms', direction: 'lower-is-better', system: round(s.sqlRefused.p99), baseline: round(s.plain.p99), baselineLabel: label },
      );
      const unexpected = { booked: booked.unexpected, refused: refused.unexpected, sqlBooked: sqlBooked.unexpected, sqlRefused: sqlRefused.unexpected };
      perSize.push({ seededItems: size, attendanceRows: size * DELEGATION, unexpected });
      if (Object.values(unexpected).some((n) => n > 0)) notes.push(`${at}: unexpected answers (not measured) ${JSON.stringify(unexpected)}`);
      if (booked.latencies.length === 0 || refused.latencies.length === 0) throw new HarnessError(`${at}: no request answered as expected (${JSON.stringify(unexpected)})`);
    }

    // Sanity: the constraints held through the run (bookings in free slots never overlap anything).
    const [{ overlaps }] = (
      await admin.query(
        `SELECT count(*)::int AS overlaps FROM agenda_item_attendance a JOIN agenda_item_attendance b
            ON a.participant_id = b.participant_id AND a.item_id < b.item_id AND a.during && b.during`,
      )
    ).rows;
    if (overlaps !== 0) throw new HarnessError(`${overlaps} overlapping attendance rows: the exclusion constraint did not hold`);

    notes.push(
      `One program, a delegation of ${DELEGATION}: every item has ${DELEGATION} attendance rows in the GiST-indexed exclusion constraints. The itinerary is grown by SQL between sizes (hourly 30-minute items); the HTTP and SQL bookings of earlier sizes stay in the table too.`,
      'Booking = POST /programs/{id}/agenda-items on the built scheduling service (validation, program share lock, resource locks, item + attendance rows under the exclusion constraints, outbox row, COMMIT); each booking also publishes agenda-item.scheduled on the shared scheduling.schedule-changes topic.',
      'Conflict = the same request overlapping a seeded item by 15 minutes: the exclusion constraint refuses it (23P01), the transaction rolls back and a follow-up query names the conflicting item for the 409.',
      'Baseline = a plain single-row INSERT into agenda_items over pg with the same concurrency (no attendance rows, so no constraint check, no outbox, no HTTP). SQL booking/refusal = the booking transaction\'s two INSERTs and COMMIT over pg, isolating what the constraints cost from the service around them.',
      'Closed loop; the phases of one size run one after the other (booking, plain, conflict, SQL booking, SQL refusal) on the same machine.',
    );
    return { parameters: { ...sizes, delegation: DELEGATION, perSize }, metrics, notes };
  },
};
