import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConfig, logCreator } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Connection attempts fail fast; the outbox relay and consumers own the retrying. */
  connectionTimeoutMs?: number;
}

/** kafkajs logs through the service's logger (JSON, with correlation ids) instead of the console. */
export const kafkajsLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    // Retries are bounded on purpose: the outbox relay re-sends a failed batch itself, and
    // consumers deduplicate by event id, so kafkajs' exactly-once-producer warning adds nothing.
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug?.(line);
  };
};

export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    logLevel: logLevel.WARN,
    logCreator: kafkajsLogCreator,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    ...overrides,
  });
}
