import type { DataSource } from 'typeorm';
import type { EventPublisher, OutgoingMessage } from '../publisher/event-publisher';
import { ExponentialBackoff } from './backoff';
import { traceRelayBatch } from '../tracing/messaging-spans';

export interface OutboxRelayOptions {
  /** Rows published per broker round trip. */
  batchSize: number;
  /** How often the relay looks for rows when nobody woke it; this is the delivery guarantee. */
  pollIntervalMs: number;
  /** Upper bound of the wait between attempts while the broker is unreachable. */
  maxBackoffMs: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
  /** Advisory lock id that elects one relay per database. */
  lockId: number;
}

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
}

interface OutboxRow {
  id: string;
  topic: string;
  partition_key: string;
  envelope: string;
  headers: Record<string, string>;
}

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  batchSize: 500,
  pollIntervalMs: 500,
  maxBackoffMs: 5000,
  retentionMs: 24 * 3600 * 1000,
  lockId: 7_411_000,
};

/**
 * Moves committed outbox rows to Kafka in id order. One relay per database is
 * active at a time (transaction-scoped advisory lock), so ordering holds even
 * with several replicas. A publish that succeeded but whose commit failed is
 * published again: delivery is at least once, and consumers deduplicate by
 * event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private failures = 0;
  private lastPurge = 0;
  private readonly backoff: ExponentialBackoff;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLogger,
  ) {
    this.backoff = new ExponentialBackoff(100, options.maxBackoffMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that wrote outbox rows: publish now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  /** Publishes until the outbox is empty or the deadline passes; used on shutdown. Returns rows published. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let total = 0;
    while (Date.now() < deadline) {
      const published = await this.publishBatch().catch((error: Error) => {
        this.logger.warn(`outbox drain stopped: ${error.message}`);
        return -1;
      });
      if (published <= 0) break;
      total += published;
    }
    return total;
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    return row.n;
  }

  /** Publishes one batch. Returns the number of rows published (0 when empty or another relay holds the lock). */
  async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.options.lockId]);
      if (!locked) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, topic, partition_key, envelope::text AS envelope, headers
           FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.batchSize],
      );
      if (rows.length > 0) {
        const messages: OutgoingMessage[] = rows.map((row) => ({
          topic: row.topic,
          key: row.partition_key,
          value: row.envelope,
          headers: row.headers,
        }));
        await traceRelayBatch(messages, () => this.publisher.publish(messages));
        await runner.query('UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      }
      await runner.commitTransaction();
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
        if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed attempts`);
        this.failures = 0;
        await this.purgeIfDue();
      } catch (error) {
        this.failures += 1;
        this.logger.warn(`outbox publish failed (attempt ${this.failures}): ${(error as Error).message}`);
        await this.sleep(this.backoff.delay(this.failures), false);
        continue;
      }
      // A full batch means more is waiting: go again at once.
      if (published < this.options.batchSize) await this.sleep(this.options.pollIntervalMs, true);
    }
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`, [
      this.options.retentionMs / 1000,
    ]);
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
