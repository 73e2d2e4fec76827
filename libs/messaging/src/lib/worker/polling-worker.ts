import { ExponentialBackoff } from '../outbox/backoff';

/** What one round of work reports: whether more is waiting right now (then the next round starts at once). */
export interface RoundOutcome {
  moreWaiting: boolean;
}

export interface PollingWorkerOptions {
  /** How long the worker sleeps after a round that left nothing waiting, unless woken. */
  pollIntervalMs: number;
  /** First and largest wait after failed rounds (exponential, jittered). */
  retryBaseMs: number;
  retryMaxMs: number;
  onFailure(error: unknown, consecutiveFailures: number): void;
  onRecovered?(failedRounds: number): void;
}

/**
 * The loop of a background worker that polls a table: run a round; go again at once while more
 * is waiting; otherwise sleep for the poll interval unless woken (an in-process signal after a
 * commit); after a failed round back off, and do not let a wake-up cut the backoff short. The
 * outbox relay and the notifications dispatcher share it, so both wake, back off and stop alike.
 */
export class PollingWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private failures = 0;
  private readonly backoff: ExponentialBackoff;

  constructor(
    private readonly round: () => Promise<RoundOutcome>,
    private readonly options: PollingWorkerOptions,
  ) {
    this.backoff = new ExponentialBackoff(options.retryBaseMs, options.retryMaxMs);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Failed rounds in a row; 0 after a round that succeeded. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the current round finish, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  /** Runs the next round now instead of after the poll interval (a no-op while backing off). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let outcome: RoundOutcome;
      try {
        outcome = await this.round();
      } catch (error) {
        this.failures += 1;
        this.options.onFailure(error, this.failures);
        await this.sleep(this.backoff.delay(this.failures), false);
        continue;
      }
      if (this.failures > 0) this.options.onRecovered?.(this.failures);
      this.failures = 0;
      if (!outcome.moreWaiting) await this.sleep(this.options.pollIntervalMs, true);
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        if (wakeable || !this.running) {
          this.woken = false;
          done();
        }
      };
    });
  }
}
