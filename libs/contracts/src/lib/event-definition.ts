import type { SchemaObject } from 'ajv';

/** One versioned event type: its name, the topic it travels on and its payload schema. */
export interface EventDefinition<TPayload> {
  type: string;
  version: number;
  topic: string;
  description: string;
  /** JSON Schema of the payload; the TypeScript type beside it is kept in step by the catalogue tests. */
  schema: SchemaObject;
  /** Phantom field that carries the payload type; never set. */
  readonly __payload?: TPayload;
}

export function defineEvent<TPayload>(definition: EventDefinition<TPayload>): EventDefinition<TPayload> {
  return Object.freeze(definition);
}

/** Extracts the payload type of a definition. */
export type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;
