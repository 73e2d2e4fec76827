import type { IHeaders } from 'kafkajs';

/** Headers added to a dead-lettered message; the original headers, key and value are kept as they were. */
export const DeadLetterHeaders = {
  reason: 'dlt-reason',
  error: 'dlt-error',
  originalTopic: 'dlt-original-topic',
  originalPartition: 'dlt-original-partition',
  originalOffset: 'dlt-original-offset',
  consumerGroup: 'dlt-consumer-group',
  attempts: 'dlt-attempts',
  failedAt: 'dlt-failed-at',
} as const;

export type DeadLetterReason = 'malformed-json' | 'invalid-envelope' | 'unknown-event-type' | 'invalid-payload' | 'handler-failed';

export interface DeadLetterContext {
  reason: DeadLetterReason;
  error: string;
  topic: string;
  partition: number;
  offset: string;
  consumerGroup: string;
  attempts: number;
  failedAt?: Date;
}

export function deadLetterHeaders(original: IHeaders | undefined, context: DeadLetterContext): Record<string, string | Buffer> {
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(original ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? String(value[value.length - 1]) : (value as string | Buffer);
  }
  return {
    ...headers,
    [DeadLetterHeaders.reason]: context.reason,
    // Bounded so one huge stack trace cannot push the message past the broker's size limit.
    [DeadLetterHeaders.error]: context.error.slice(0, 2000),
    [DeadLetterHeaders.originalTopic]: context.topic,
    [DeadLetterHeaders.originalPartition]: String(context.partition),
    [DeadLetterHeaders.originalOffset]: context.offset,
    [DeadLetterHeaders.consumerGroup]: context.consumerGroup,
    [DeadLetterHeaders.attempts]: String(context.attempts),
    [DeadLetterHeaders.failedAt]: (context.failedAt ?? new Date()).toISOString(),
  };
}
