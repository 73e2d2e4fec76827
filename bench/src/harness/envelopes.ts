import { randomUUID } from 'node:crypto';
import { EnvelopeHeaders, EventCatalog } from '@diplomacy/contracts';
import type { EventDefinition, EventEnvelope } from '@diplomacy/contracts';
import { HarnessError } from './types';

const catalog = new EventCatalog();

/** An envelope as the owning service's OutboxWriter would build it (producer = the topic's service). */
export function benchEnvelope<P>(definition: EventDefinition<P>, key: string, organisationId: string, payload: P): EventEnvelope<P> {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: definition.topic.split('.')[0],
    key,
    organisationId,
    correlationId: `bench-${randomUUID()}`,
    causationId: null,
    payload,
  };
}

/** The Kafka headers the outbox writes beside an envelope. */
export function envelopeHeaders(e: EventEnvelope): Record<string, string> {
  return {
    [EnvelopeHeaders.eventId]: e.id,
    [EnvelopeHeaders.eventType]: e.type,
    [EnvelopeHeaders.eventVersion]: String(e.version),
    [EnvelopeHeaders.correlationId]: e.correlationId,
    [EnvelopeHeaders.contentType]: 'application/json',
  };
}

/** Refuses an envelope the contracts would refuse: the bench must only send what a real producer could. */
export function checkedEnvelope(e: EventEnvelope): EventEnvelope {
  const checked = catalog.validate(e);
  if (!checked.ok) throw new HarnessError(`bench envelope ${e.type} is invalid: ${checked.detail}`);
  return e;
}

/** A validated envelope as a Kafka message (key, JSON value, outbox headers). */
export function envelopeMessage(e: EventEnvelope): { key: string; value: string; headers: Record<string, string> } {
  checkedEnvelope(e);
  return { key: e.key, value: JSON.stringify(e), headers: envelopeHeaders(e) };
}
