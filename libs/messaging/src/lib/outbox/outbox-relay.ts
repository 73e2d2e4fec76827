import type { DataSource, QueryRunner } from 'typeorm';
import type { EventPublisher, OutgoingMessage } from '../publisher/event-publisher';
import { PollingWorker } from '../worker/polling-worker';
import { traceRelayBatch } from '../tracing/messaging-spans';
import { BATCH_OVERHEAD_BYTES, DEFAULT_MAX_BATCH_BYTES, MessageSizeLimit, recordSize } from './message-size';
import { classifyPublishError, refusalOf } from './publish-errors';

export interface OutboxRelayOptions {
  /** Rows published per broker round trip, at most (batches are also cut by bytes: MessageSizeLimit). */
  batchSize: number;
  /** How often the relay looks for rows when nobody woke it; this is the delivery guarantee. */
  pollIntervalMs: number;
  /** Upper bound of the wait between attempts while the broker is unreachable. */
  maxBackoffMs: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
  /** Advisory lock id that elects one relay per database. */
  lockId: number;
  /** Failed attempts in a row after which the relay reports itself stalled (readiness, metric, alert). */
  stallAfterFailures: number;
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

interface Pending {
  row: OutboxRow;
  message: OutgoingMessage;
  bytes: number;
}

/** What one batch came to: published rows, rows set aside with the broker's reason, and a retriable failure that stopped it. */
interface BatchOutcome {
  published: string[];
  setAside: { id: string; reason: string }[];
  error: unknown;
}

/** Readiness and metrics read this; see OutboxRelay.status(). */
export interface RelayStatus {
  consecutiveFailures: number;
  stalled: boolean;
  lastError: string | null;
  /** Rows this process set aside since it started (the table keeps the durable count). */
  setAsideSinceStart: number;
  maxBatchBytes: number;
}

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  batchSize: 500,
  pollIntervalMs: 500,
  maxBackoffMs: 5000,
  retentionMs: 24 * 3600 * 1000,
  lockId: 7_411_000,
  stallAfterFailures: 10,
};

/**
 * Moves committed outbox rows to Kafka in id order. One relay per database is
 * active at a time (transaction-scoped advisory lock), so ordering holds even
 * with several replicas. A publish that succeeded but whose commit failed is
 * published again: delivery is at least once, and consumers deduplicate by
 * event id.
 *
 * Nothing the broker refuses may wedge it (docs/reliability.md, "The outbox never wedges"):
 * - a batch is cut by bytes as well as by count, below what the broker accepts (MessageSizeLimit);
 * - a batch the broker refuses for its contents is split in halves, in id order, down to one row;
 * - one row refused on its own is set aside with the broker's reason, and the rows after it go on:
 *   later events of the same key are published, so that key's consumers see a gap, which the
 *   `outbox_set_aside_messages` gauge and its alert make visible;
 * - failures in a row (the broker down or unreachable) are counted, and the relay reports
 *   itself stalled after `stallAfterFailures` of them.
 */
export class OutboxRelay {
  private lastError: string | null = null;
  private setAsideSinceStart = 0;
  private moreWaiting = false;
  private lastPurge = 0;
  private readonly worker: PollingWorker;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLogger,
    readonly sizeLimit: MessageSizeLimit = new MessageSizeLimit(DEFAULT_MAX_BATCH_BYTES),
  ) {
    this.worker = new PollingWorker(() => this.round(), {
      pollIntervalMs: options.pollIntervalMs,
      retryBaseMs: 100,
      retryMaxMs: options.maxBackoffMs,
      onFailure: (error, failures) => {
        this.lastError = (error as Error).message;
        const stalled = failures === options.stallAfterFailures ? ' (the relay now reports itself stalled)' : '';
        this.logger.warn(`outbox publish failed (attempt ${failures}): ${(error as Error).message}${stalled}`);
      },
      onRecovered: (failures) => {
        this.lastError = null;
        this.logger.log(`outbox relay recovered after ${failures} failed attempts`);
      },
    });
  }

  start(): void {
    this.worker.start();
  }

  /** Called after a commit that wrote outbox rows: publish now instead of at the next poll. */
  wake(): void {
    this.worker.wake();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }

  status(): RelayStatus {
    const failures = this.worker.consecutiveFailures;
    return {
      consecutiveFailures: failures,
      stalled: failures >= this.options.stallAfterFailures,
      lastError: this.lastError,
      setAsideSinceStart: this.setAsideSinceStart,
      maxBatchBytes: this.sizeLimit.bytes,
    };
  }

  /** For readiness: down while the relay has failed `stallAfterFailures` times in a row. */
  health(): { up: boolean; detail: string } {
    const status = this.status();
    if (status.stalled) return { up: false, detail: `outbox relay stalled: ${status.consecutiveFailures} failed attempts in a row; last: ${status.lastError}` };
    return { up: true, detail: status.consecutiveFailures > 0 ? `outbox relay retrying (${status.consecutiveFailures} failed)` : 'outbox relay publishing' };
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
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL');
    return row.n;
  }

  /**
   * Publishes one batch. Returns the number of rows it settled (published or set aside; 0 when
   * empty or another relay holds the lock). Rows published before a retriable failure are
   * recorded before the failure is rethrown, so a broker that fails mid-split loses no progress.
   */
  async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.options.lockId]);
      if (!locked) {
        await runner.rollbackTransaction();
        this.moreWaiting = false;
        return 0;
      }
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, topic, partition_key, envelope::text AS envelope, headers
           FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.batchSize],
      );
      const batch = this.cutByBytes(rows);
      this.moreWaiting = batch.length < rows.length || rows.length >= this.options.batchSize;
      const outcome: BatchOutcome = { published: [], setAside: [], error: null };
      await this.send(batch, outcome);
      await this.record(runner, outcome);
      await runner.commitTransaction();
      if (outcome.error) throw outcome.error;
      return outcome.published.length + outcome.setAside.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The longest prefix (in id order) that fits the byte bound; always at least one row. */
  private cutByBytes(rows: OutboxRow[]): Pending[] {
    const limit = this.sizeLimit.bytes;
    const batch: Pending[] = [];
    let bytes = BATCH_OVERHEAD_BYTES;
    for (const row of rows) {
      const message: OutgoingMessage = { topic: row.topic, key: row.partition_key, value: row.envelope, headers: row.headers };
      const size = recordSize(message);
      if (batch.length > 0 && bytes + size > limit) break;
      batch.push({ row, message, bytes: size });
      bytes += size;
    }
    return batch;
  }

  /**
   * Publishes `batch` in order. A refusal of the contents splits it (first half, then second
   * half, so the id order, and with it every key's order, holds); a single refused row is set
   * aside; a retriable failure stops here and leaves the rest for the next attempt.
   */
  private async send(batch: Pending[], outcome: BatchOutcome): Promise<void> {
    if (outcome.error !== null || batch.length === 0) return;
    const messages = batch.map((p) => p.message);
    try {
      await traceRelayBatch(messages, () => this.publisher.publish(messages));
      for (const pending of batch) outcome.published.push(pending.row.id);
      return;
    } catch (error) {
      if (classifyPublishError(error) === 'retry') {
        outcome.error = error;
        return;
      }
      const refusal = refusalOf(error) ?? 'refused';
      if (batch.length === 1) {
        const [{ row, bytes }] = batch;
        const reason = `${refusal}: ${(error as Error).message} (${row.topic}, key ${row.partition_key}, ${bytes} bytes)`.slice(0, 2000);
        this.logger.warn(`outbox row ${row.id} set aside, the broker refused it: ${reason}; the rows after it go on`);
        outcome.setAside.push({ id: row.id, reason });
        return;
      }
      const total = batch.reduce((sum, p) => sum + p.bytes, BATCH_OVERHEAD_BYTES);
      // The broker accepts less than we thought: remember it, so later batches are cut smaller.
      if (refusal === 'MESSAGE_TOO_LARGE' || refusal === 'RECORD_LIST_TOO_LARGE') this.sizeLimit.learnBrokerLimit(total);
      this.logger.warn(`the broker refused a batch of ${batch.length} rows (${total} bytes): ${refusal}; splitting it`);
      const half = Math.ceil(batch.length / 2);
      await this.send(batch.slice(0, half), outcome);
      await this.send(batch.slice(half), outcome);
    }
  }

  private async record(runner: QueryRunner, outcome: BatchOutcome): Promise<void> {
    if (outcome.published.length > 0) {
      await runner.query('UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])', [outcome.published]);
    }
    if (outcome.setAside.length > 0) {
      await runner.query(
        `UPDATE outbox o SET set_aside_at = clock_timestamp(), set_aside_reason = s.reason
           FROM unnest($1::bigint[], $2::text[]) AS s(id, reason) WHERE o.id = s.id`,
        [outcome.setAside.map((s) => s.id), outcome.setAside.map((s) => s.reason)],
      );
      this.setAsideSinceStart += outcome.setAside.length;
    }
  }

  /** One round of the worker: a batch, then (at most once a minute) the purge of old published rows. */
  private async round(): Promise<{ moreWaiting: boolean }> {
    await this.publishBatch();
    await this.purgeIfDue();
    // More is waiting (a full batch, or one cut by bytes): the worker goes again at once.
    return { moreWaiting: this.moreWaiting };
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`, [
      this.options.retentionMs / 1000,
    ]);
  }
}
