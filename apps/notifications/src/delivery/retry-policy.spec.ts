import { RetryPolicy } from './retry-policy';

describe('RetryPolicy', () => {
  it('backs off exponentially between half and all of the ceiling, capped', () => {
    const lowest = new RetryPolicy(10, 1000, 8000, () => 0);
    const highest = new RetryPolicy(10, 1000, 8000, () => 1);
    expect([1, 2, 3, 4, 5].map((n) => lowest.afterFailure(n, false))).toEqual([500, 1000, 2000, 4000, 4000].map((delayMs) => ({ retry: true, delayMs })));
    expect([1, 2, 3, 4, 5].map((n) => highest.afterFailure(n, false))).toEqual([1000, 2000, 4000, 8000, 8000].map((delayMs) => ({ retry: true, delayMs })));
  });

  it('spreads retries of notifications that failed together', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const policy = new RetryPolicy(10, 1000, 60_000, random);
    const delays = new Set(Array.from({ length: 20 }, () => (policy.afterFailure(3, false) as { delayMs: number }).delayMs));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('gives up after the last attempt, and at once on a permanent failure', () => {
    const policy = new RetryPolicy(3, 100, 1000, () => 0.5);
    expect(policy.afterFailure(2, false).retry).toBe(true);
    expect(policy.afterFailure(3, false)).toEqual({ retry: false });
    expect(policy.afterFailure(1, true)).toEqual({ retry: false });
  });
});
