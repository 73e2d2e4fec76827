/** Milliseconds since the epoch with sub-millisecond resolution; comparable across processes on one machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((acc, v) => acc + v, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Rounds for reports: 2 decimals below 10, 1 below 1000, integers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs < 10 ? 2 : abs < 1000 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Open-loop load: calls `fire(i)` at start + i/rate, whether or not earlier calls
 * finished (a closed loop would hide queueing by slowing down with the system).
 * Resolves when every call settled; the results are in call order.
 */
export async function atFixedRate<T>(rate: number, count: number, fire: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const pending: Promise<T>[] = [];
  const start = now();
  const interval = 1000 / rate;
  let next = 0;
  while (next < count) {
    const due = start + next * interval;
    const wait = due - now();
    if (wait > 1) await sleep(wait - 0.5);
    else if (wait > 0) await new Promise((resolve) => setImmediate(resolve));
    // Fire everything that is due (catch up after a late timer instead of drifting).
    while (next < count && start + next * interval <= now()) {
      pending.push(fire(next));
      next += 1;
    }
  }
  return Promise.allSettled(pending);
}

/** Runs `worker` on `concurrency` parallel loops until `count` items were taken. */
export async function closedLoop(count: number, concurrency: number, worker: (i: number) => Promise<void>): Promise<void> {
  let taken = 0;
  const loops = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (taken < count) {
      const i = taken;
      taken += 1;
      await worker(i);
    }
  });
  await Promise.all(loops);
}
