import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EnvelopeHeaders, EventContractViolation } from '@diplomacy/contracts';
import type { EventCatalog, EventDefinition, EventEnvelope } from '@diplomacy/contracts';
import { CorrelationContext } from '../correlation/correlation-context';
import { traceOutboxEvent } from '../tracing/messaging-spans';

export interface NewEvent<TPayload> {
  definition: EventDefinition<TPayload>;
  /** Aggregate key: the program id for anything that belongs to a program. */
  key: string;
  organisationId: string | null;
  payload: TPayload;
}

/**
 * Writes events into the outbox inside the caller's transaction, so an event
 * exists exactly when the domain change it describes committed.
 */
export class OutboxWriter {
  constructor(
    private readonly producer: string,
    private readonly catalog: EventCatalog,
  ) {}

  buildEnvelope<TPayload>(event: NewEvent<TPayload>, occurredAt: Date = new Date()): EventEnvelope<TPayload> {
    const scope = CorrelationContext.currentOrNew();
    const envelope: EventEnvelope<TPayload> = {
      id: randomUUID(),
      type: event.definition.type,
      version: event.definition.version,
      occurredAt: occurredAt.toISOString(),
      producer: this.producer,
      key: event.key,
      organisationId: event.organisationId,
      correlationId: scope.correlationId,
      causationId: scope.causationId,
      payload: event.payload,
    };
    const result = this.catalog.validate(envelope);
    if (!result.ok) throw new EventContractViolation(result.reason, result.detail);
    return envelope;
  }

  async append(manager: EntityManager, events: readonly NewEvent<unknown>[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside the transaction that writes the domain change');
    }
    const envelopes = events.map((event) => this.buildEnvelope(event));
    // Serialise writers per key until commit: a later writer for the same key gets a
    // larger id only after the earlier one committed, so the relay's id order is
    // the commit order for every program.
    const keys = [...new Set(envelopes.map((e) => e.key))].sort();
    for (const key of keys) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7411))', [key]);
    }
    for (const [index, envelope] of envelopes.entries()) {
      const headers = {
        [EnvelopeHeaders.eventId]: envelope.id,
        [EnvelopeHeaders.eventType]: envelope.type,
        [EnvelopeHeaders.eventVersion]: String(envelope.version),
        [EnvelopeHeaders.correlationId]: envelope.correlationId,
        ...(envelope.causationId ? { [EnvelopeHeaders.causationId]: envelope.causationId } : {}),
        [EnvelopeHeaders.contentType]: 'application/json',
      };
      // The trace context is stored with the row, in this transaction: the relay may publish
      // it much later, from another replica, and the consumer still continues this trace.
      const topic = events[index].definition.topic;
      traceOutboxEvent(topic, envelope, headers);
      await manager.query(
        `INSERT INTO outbox (event_id, event_type, topic, partition_key, envelope, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
        [envelope.id, envelope.type, topic, envelope.key, JSON.stringify(envelope), JSON.stringify(headers)],
      );
    }
    return envelopes;
  }
}
