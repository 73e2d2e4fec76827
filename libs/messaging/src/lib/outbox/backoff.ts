/**
 * Exponential backoff with full jitter: a fleet of relays or consumers that failed
 * together does not retry together.
 */
export class ExponentialBackoff {
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before retry number `attempt` (1-based). */
  delay(attempt: number): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}
