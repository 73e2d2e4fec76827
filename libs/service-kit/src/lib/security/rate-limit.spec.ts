import { TokenBucketLimiter } from './rate-limit';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then one request per refill interval, and says when to retry', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ burst: 3, perMinute: 6, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('ip|route').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('ip|route');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(limiter.take('ip|route').allowed).toBe(true);
    expect(limiter.take('other-ip|route').allowed).toBe(true);
  });

  it('forgets the least recently seen clients beyond its bound', () => {
    const limiter = new TokenBucketLimiter({ burst: 1, perMinute: 1, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // 'a' was evicted, so it starts with a full bucket again; 'c' is still empty.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
