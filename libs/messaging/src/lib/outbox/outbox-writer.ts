import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EnvelopeHeaders, EventContractViolation } from '@diplomacy/contracts';
import type { EventCatalog, EventDefinition, EventEnvelope } from '@diplomacy/contracts';
import { CorrelationContext } from '../correlation/correlation-context';
import { traceOutboxEvent } from '../tracing/messaging-spans';
import { DEFAULT_MAX_BATCH_BYTES, EventTooLargeError, MessageSizeLimit, recordSize } from './message-size';

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
    /** Shared with the relay: an event that could never fit a batch the broker accepts is refused here. */
    private readonly sizeLimit: MessageSizeLimit = new MessageSizeLimit(DEFAULT_MAX_BATCH_BYTES),
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
    // One round trip for all keys, taken in sorted order so two writers never deadlock.
    if (envelopes.length === 0) return envelopes;
    const keys = [...new Set(envelopes.map((e) => e.key))].sort();
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 7411)) FROM unnest($1::text[]) WITH ORDINALITY AS l(k, n) ORDER BY n', [keys]);
    const rows = envelopes.map((envelope, index) => {
      const headers: Record<string, string> = {
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
      const value = JSON.stringify(envelope);
      const size = recordSize({ key: envelope.key, value, headers });
      if (size > this.sizeLimit.maxEventBytes) throw new EventTooLargeError(envelope.type, size, this.sizeLimit.maxEventBytes);
      return { envelope, topic, value, headers };
    });
    // One statement for every event of the transaction; unnest keeps the array order, so ids
    // (bigserial, assigned in row order) follow the order the events were recorded in.
    await manager.query(
      `INSERT INTO outbox (event_id, event_type, topic, partition_key, envelope, headers)
       SELECT e.id, e.type, e.topic, e.key, e.envelope, e.headers
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY
              AS e(id, type, topic, key, envelope, headers, n)
        ORDER BY e.n`,
      [
        rows.map((r) => r.envelope.id),
        rows.map((r) => r.envelope.type),
        rows.map((r) => r.topic),
        rows.map((r) => r.envelope.key),
        rows.map((r) => r.value),
        rows.map((r) => JSON.stringify(r.headers)),
      ],
    );
    return envelopes;
  }
}
