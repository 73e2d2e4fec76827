import { trace } from '@opentelemetry/api';
import type { EventEnvelope } from '@diplomacy/contracts';
import type { Transaction, UnitOfWork } from '../outbox/unit-of-work';

export type InboxOutcome = 'processed' | 'duplicate';

/**
 * Idempotent consumption: the event id is recorded in the same transaction as
 * the handler's writes, so a redelivered event (after a crash, a rebalance or a
 * relay re-publish) finds its id and changes nothing.
 */
export class Inbox {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async handleOnce(consumer: string, envelope: EventEnvelope, work: (tx: Transaction) => Promise<void>): Promise<InboxOutcome> {
    const outcome = await this.unitOfWork.run(async (tx): Promise<InboxOutcome> => {
      // A concurrent duplicate blocks on the primary key until the first commits, then sees the conflict.
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumer, envelope.id, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await work(tx);
      return 'processed';
    });
    // On the consumer's `process` span: a trace then shows a redelivery that changed nothing.
    const span = trace.getActiveSpan();
    if (span?.isRecording()) span.setAttribute(`diplomacy.inbox.${consumer}`, outcome);
    return outcome;
  }
}
