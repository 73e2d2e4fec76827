import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ENVELOPE_SCHEMA } from './envelope';
import type { EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';
import { ALL_EVENTS } from './all-events';

/** Why an incoming or outgoing event was refused; it becomes the dead-letter reason. */
export type EventRejectionReason = 'malformed-json' | 'invalid-envelope' | 'unknown-event-type' | 'invalid-payload';

export type EventValidationResult =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition<unknown> }
  | { ok: false; reason: EventRejectionReason; detail: string };

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/**
 * Every event type the system knows, with compiled validators. Producers validate
 * before writing to the outbox and consumers validate before handling, so a bad
 * payload is caught on both sides of the topic.
 */
export class EventCatalog {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: true }));
  private readonly envelopeValidator: ValidateFunction;
  private readonly definitions = new Map<string, { definition: EventDefinition<unknown>; validate: ValidateFunction }>();

  constructor(definitions: readonly EventDefinition<unknown>[] = ALL_EVENTS) {
    this.envelopeValidator = this.ajv.compile(ENVELOPE_SCHEMA);
    for (const definition of definitions) {
      const id = EventCatalog.idOf(definition.type, definition.version);
      if (this.definitions.has(id)) throw new Error(`Event ${id} is defined twice`);
      this.definitions.set(id, { definition, validate: this.ajv.compile(definition.schema) });
    }
  }

  static idOf(type: string, version: number): string {
    return `${type}@v${version}`;
  }

  list(): EventDefinition<unknown>[] {
    return [...this.definitions.values()].map((entry) => entry.definition);
  }

  find(type: string, version: number): EventDefinition<unknown> | undefined {
    return this.definitions.get(EventCatalog.idOf(type, version))?.definition;
  }

  /** Parses and validates raw message bytes as they arrive from Kafka. */
  parse(raw: Buffer | string | null | undefined): EventValidationResult {
    let value: unknown;
    try {
      value = JSON.parse(raw === null || raw === undefined ? '' : raw.toString());
    } catch (error) {
      return { ok: false, reason: 'malformed-json', detail: (error as Error).message };
    }
    return this.validate(value);
  }

  validate(value: unknown): EventValidationResult {
    if (!this.envelopeValidator(value)) {
      return { ok: false, reason: 'invalid-envelope', detail: describe(this.envelopeValidator.errors) };
    }
    const envelope = value as unknown as EventEnvelope;
    const entry = this.definitions.get(EventCatalog.idOf(envelope.type, envelope.version));
    if (!entry) {
      return { ok: false, reason: 'unknown-event-type', detail: `${envelope.type} version ${envelope.version} is not in the catalogue` };
    }
    if (!entry.validate(envelope.payload)) {
      return { ok: false, reason: 'invalid-payload', detail: describe(entry.validate.errors) };
    }
    return { ok: true, envelope, definition: entry.definition };
  }
}

export class EventContractViolation extends Error {
  constructor(
    readonly reason: EventRejectionReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'EventContractViolation';
  }
}
