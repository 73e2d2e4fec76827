import { randomBytes, randomUUID } from 'node:crypto';
import { publishedEvent, registrant, seatsOf, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

/** Runs `total` jobs with at most `concurrency` in flight; returns the wall time in seconds. */
async function timed(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * Benchmark: registrations per second under concurrency, beside a plain INSERT of the
 * same rows in the same run, so the cost of the guarantees (event row lock, trigger,
 * outbox, validation, HTTP) is visible. It asserts the guarantees too, so it can fail.
 */
describe('registration throughput (benchmark, real Postgres, real Kafka)', () => {
  // Small by default so the integration run stays short; BENCH_REGISTRATIONS=2000 for a longer measurement.
  const TOTAL = Number(process.env['BENCH_REGISTRATIONS'] ?? 400);
  const CONCURRENCY = 50;
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_bench_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it(`reports registrations/s for ${TOTAL} registrations at concurrency ${CONCURRENCY}, beside a plain insert`, async () => {
    // Warm-up: connections, JIT, prepared paths.
    const warm = await publishedEvent(harness, { capacity: 100 });
    await timed(50, 10, async () => void (await harness.http().post(`/community-events/${warm}/registrations`).send(registrant(1)).expect(201)));

    const hot = await publishedEvent(harness, { capacity: Math.floor(TOTAL / 2), maxPartySize: 4 });
    const hotSeconds = await timed(TOTAL, CONCURRENCY, async () => {
      await harness.http().post(`/community-events/${hot}/registrations`).send(registrant(1 + Math.floor(Math.random() * 4))).expect(201);
    });

    const spread = await Promise.all(Array.from({ length: 20 }, () => publishedEvent(harness, { capacity: Math.ceil(TOTAL / 40), maxPartySize: 4 })));
    const spreadSeconds = await timed(TOTAL, CONCURRENCY, async (i) => {
      await harness.http().post(`/community-events/${spread[i % spread.length]}/registrations`).send(registrant(1 + Math.floor(Math.random() * 4))).expect(201);
    });

    const plain = await publishedEvent(harness, { capacity: 1 });
    const plainSeconds = await timed(TOTAL, CONCURRENCY, async (i) => {
      await harness.dataSource.query(
        `INSERT INTO registrations (id, event_id, name, email, party_size, preferred_language, status, token_hash)
         VALUES ($1, $2, $3, $4, $5, 'en', 'waitlisted', $6)`,
        [randomUUID(), plain, `Plain ${i}`, `plain-${i}@example.org`, 1 + (i % 4), randomBytes(32)],
      );
    });

    const hotSeats = await seatsOf(harness, hot);
    expect(hotSeats.seated).toBeLessThanOrEqual(Math.floor(TOTAL / 2));
    expect(hotSeats.seatsTaken).toBe(hotSeats.seated);
    for (const id of spread) {
      const seats = await seatsOf(harness, id);
      expect(seats.seated).toBeLessThanOrEqual(Math.ceil(TOTAL / 40));
    }
    const [{ n }] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = ANY($1)`, [[hot, plain, ...spread]]);
    expect(n).toBe(3 * TOTAL);

    const rate = (seconds: number) => (TOTAL / seconds).toFixed(0).padStart(6);
    console.log(
      [
        `[bench] ${TOTAL} operations, ${CONCURRENCY} in flight, one run:`,
        `  registrations via HTTP, one event (every request takes the same row lock): ${rate(hotSeconds)} /s (${hotSeconds.toFixed(2)} s, seated ${hotSeats.seated}/${Math.floor(TOTAL / 2)})`,
        `  registrations via HTTP, spread over 20 events:                            ${rate(spreadSeconds)} /s (${spreadSeconds.toFixed(2)} s)`,
        `  plain INSERT of the same rows (no HTTP, lock, outbox or validation):       ${rate(plainSeconds)} /s (${plainSeconds.toFixed(2)} s)`,
      ].join('\n'),
    );
  });
});
