import { ENVELOPE_SCHEMA, EnvelopeHeaders } from './envelope';
import type { EventDefinition } from './event-definition';
import type { TopicDefinition } from './topics';

/** Which service produces each topic; dead-letter topics are written by the consuming service named in them. */
const PRODUCERS: Record<string, string> = {
  'programs.events': 'programs',
  'scheduling.schedule-changes': 'scheduling',
  'community-events.events': 'community-events',
  'notifications.events': 'notifications',
};

const DEAD_LETTER_HEADERS = {
  type: 'object',
  properties: {
    'dlt-reason': { type: 'string', enum: ['malformed-json', 'invalid-envelope', 'unknown-event-type', 'invalid-payload', 'handler-failed'] },
    'dlt-error': { type: 'string', description: 'What failed, at most 2,000 characters.' },
    'dlt-original-topic': { type: 'string' },
    'dlt-original-partition': { type: 'string' },
    'dlt-original-offset': { type: 'string' },
    'dlt-consumer-group': { type: 'string' },
    'dlt-attempts': { type: 'string', description: 'Handler attempts made; 0 when the message was refused before handling.' },
    'dlt-failed-at': { type: 'string', format: 'date-time' },
  },
};

function camel(value: string): string {
  return value.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

export function messageId(definition: EventDefinition<unknown>): string {
  return `${camel(definition.type)}V${definition.version}`;
}

/**
 * The AsyncAPI 3 document of every topic and message, built from the contracts
 * themselves so the catalogue cannot drift from the code. docs/asyncapi.json is
 * its committed output; a unit test fails when the two differ.
 */
export function buildAsyncApi(topics: readonly TopicDefinition[], events: readonly EventDefinition<unknown>[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const { payload: _payload, ...envelopeProperties } = ENVELOPE_SCHEMA['properties'] as Record<string, unknown>;

  for (const event of events) {
    messages[messageId(event)] = {
      name: event.type,
      title: `${event.type} v${event.version}`,
      summary: event.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        required: Object.values(EnvelopeHeaders).filter((h) => h !== EnvelopeHeaders.causationId),
        properties: Object.fromEntries(Object.values(EnvelopeHeaders).map((h) => [h, { type: 'string' }])),
      },
      payload: {
        type: 'object',
        required: ENVELOPE_SCHEMA['required'],
        additionalProperties: false,
        properties: { ...envelopeProperties, type: { const: event.type }, version: { const: event.version }, payload: event.schema },
      },
      bindings: { kafka: { key: { type: 'string', description: 'Aggregate key: the program id for everything about a program.' } } },
    };
  }
  messages['deadLetter'] = {
    name: 'dead-letter',
    title: 'Dead-lettered message',
    summary: 'The original key, value and headers, unchanged, plus headers saying where it came from and why it failed.',
    headers: DEAD_LETTER_HEADERS,
    payload: { description: 'The original bytes, which may not be JSON at all.' },
  };

  for (const topic of topics) {
    const id = camel(topic.name);
    const deadLetter = topic.name.endsWith('.dead-letter');
    const topicMessages = deadLetter ? ['deadLetter'] : events.filter((e) => e.topic === topic.name).map(messageId);
    channels[id] = {
      address: topic.name,
      description: deadLetter
        ? `Messages the ${topic.name.replace('.dead-letter', '')} service could not process, after bounded retries.`
        : `Events produced by the ${PRODUCERS[topic.name] ?? 'unknown'} service, keyed by aggregate so that one program's events keep their order.`,
      messages: Object.fromEntries(topicMessages.map((m) => [m, { $ref: `#/components/messages/${m}` }])),
      bindings: { kafka: { partitions: topic.partitions, replicas: 1, topicConfiguration: { 'retention.ms': topic.retentionMs } } },
    };
    operations[`send${id[0].toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: deadLetter ? 'Written by the consuming service on failure.' : `Published by ${PRODUCERS[topic.name]} through its transactional outbox.`,
      messages: topicMessages.map((m) => ({ $ref: `#/channels/${id}/messages/${m}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Citizen diplomacy event catalogue',
      version: '1.0.0',
      description:
        'Every Kafka topic and event of the system. Each message value is a JSON envelope (id, type, version, occurredAt, producer, key, organisationId, correlationId, causationId, payload). Delivery is at least once; consumers deduplicate on the envelope id.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The single-node broker of scripts/infra/kafka.sh' } },
    channels,
    operations,
    components: { messages },
  };
}
