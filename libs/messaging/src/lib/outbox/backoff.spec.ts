import { ExponentialBackoff } from './backoff';

describe('ExponentialBackoff', () => {
  it('doubles the ceiling per attempt and stays between half and all of it', () => {
    const low = new ExponentialBackoff(100, 10_000, () => 0);
    const high = new ExponentialBackoff(100, 10_000, () => 1);
    expect([1, 2, 3, 4].map((a) => low.delay(a))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((a) => high.delay(a))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum', () => {
    const backoff = new ExponentialBackoff(100, 1000, () => 1);
    expect(backoff.delay(30)).toBe(1000);
  });
});
