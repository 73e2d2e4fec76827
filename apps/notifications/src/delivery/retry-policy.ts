import { ExponentialBackoff } from '@diplomacy/messaging';

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * When to try a failed send again: exponential backoff with jitter (so senders that
 * failed together do not retry together), up to a fixed number of attempts; a
 * permanent failure is not retried at all.
 */
export class RetryPolicy {
  private readonly backoff: ExponentialBackoff;

  constructor(
    readonly maxAttempts: number,
    baseMs: number,
    maxMs: number,
    random: () => number = Math.random,
  ) {
    this.backoff = new ExponentialBackoff(baseMs, maxMs, random);
  }

  /** `attemptsMade` counts the attempt that just failed. */
  afterFailure(attemptsMade: number, permanent: boolean): RetryDecision {
    if (permanent || attemptsMade >= this.maxAttempts) return { retry: false };
    return { retry: true, delayMs: this.backoff.delay(attemptsMade) };
  }
}
