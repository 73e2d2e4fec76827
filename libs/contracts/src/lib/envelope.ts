import type { SchemaObject } from 'ajv';

/**
 * What travels on every topic. The payload is the only part that differs between
 * event types; everything else is what a consumer needs to order, deduplicate,
 * trace and route a message without reading the payload.
 */
export interface EventEnvelope<TPayload = unknown> {
  /** UUID; consumers deduplicate on it. */
  id: string;
  /** Dotted name such as `program.created`. */
  type: string;
  /** Payload schema version; a breaking change to a payload is a new version. */
  version: number;
  /** ISO-8601 instant of the change in the producer's database transaction. */
  occurredAt: string;
  /** Service that produced it, e.g. `programs`. */
  producer: string;
  /** Aggregate key and Kafka message key: the program id for everything about a program. */
  key: string;
  /** Organisation (tenant) the event belongs to. */
  organisationId: string | null;
  /** Ties every event and log line of one user action together. */
  correlationId: string;
  /** Id of the event (or null for an HTTP request) that caused this one. */
  causationId: string | null;
  payload: TPayload;
}

export const ENVELOPE_SCHEMA: SchemaObject = {
  $id: 'https://citizen-diplomacy.example/schemas/envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'version', 'occurredAt', 'producer', 'key', 'organisationId', 'correlationId', 'causationId', 'payload'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', pattern: '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$' },
    version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', format: 'date-time' },
    producer: { type: 'string', minLength: 1 },
    key: { type: 'string', minLength: 1 },
    organisationId: { type: 'string', nullable: true },
    correlationId: { type: 'string', minLength: 1, maxLength: 200 },
    causationId: { type: 'string', nullable: true },
    payload: { type: 'object', required: [] },
  },
};

/** Kafka header names set on every message, so tools can route and trace without parsing the value. */
export const EnvelopeHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  contentType: 'content-type',
} as const;
