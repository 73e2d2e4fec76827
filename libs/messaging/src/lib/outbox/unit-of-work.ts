import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@diplomacy/contracts';
import type { NewEvent, OutboxWriter } from './outbox-writer';
import type { OutboxRelay } from './outbox-relay';

/** What a use case gets inside its transaction: the entity manager and a way to record events. */
export interface Transaction {
  readonly manager: EntityManager;
  /** Records events to be published once the transaction commits (and only then). */
  publish(...events: NewEvent<unknown>[]): Promise<EventEnvelope[]>;
}

/**
 * Runs a write and its events in one Postgres transaction, then wakes the relay.
 * Waking is an in-process signal, not NOTIFY: NOTIFY inside write transactions
 * serialises commits under load. The relay's polling remains the guarantee for
 * rows committed by other replicas.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter,
    private readonly relay: OutboxRelay | null,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let wroteEvents = false;
    const result = await this.dataSource.transaction(async (manager) => {
      const tx: Transaction = {
        manager,
        publish: async (...events) => {
          wroteEvents = wroteEvents || events.length > 0;
          return this.writer.append(manager, events);
        },
      };
      return work(tx);
    });
    if (wroteEvents) this.relay?.wake();
    return result;
  }
}
