import { ConfigResourceTypes } from 'kafkajs';
import type { Kafka } from 'kafkajs';
import { withTimeout } from '../health/kafka-health';

export interface BrokerLimits {
  /** The smallest limit found: the brokers' `message.max.bytes` and the topics' `max.message.bytes`. */
  bytes: number | null;
  /** Where each limit came from, for the start-up log line. */
  sources: string[];
}

/**
 * Reads what the cluster accepts in one record batch, so the relay cuts its batches below it
 * (MessageSizeLimit). Best effort: a broker that does not answer, a topic that does not exist
 * yet or an ACL that hides configs leaves the configured bound in force.
 */
export async function readBrokerLimits(kafka: Kafka, topics: readonly string[], timeoutMs = 5000): Promise<BrokerLimits> {
  const admin = kafka.admin({ retry: { retries: 1 } });
  const found: { bytes: number; source: string }[] = [];
  try {
    await withTimeout(admin.connect(), timeoutMs);
    const cluster = await withTimeout(admin.describeCluster(), timeoutMs);
    const resources = [
      ...cluster.brokers.map((b) => ({ type: ConfigResourceTypes.BROKER, name: String(b.nodeId), configNames: ['message.max.bytes'] })),
      ...[...new Set(topics)].map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] })),
    ];
    // One resource per request: an unknown topic fails only its own lookup.
    const answers = await Promise.allSettled(resources.map((resource) => withTimeout(admin.describeConfigs({ resources: [resource], includeSynonyms: false }), timeoutMs)));
    for (const [index, answer] of answers.entries()) {
      if (answer.status !== 'fulfilled') continue;
      for (const entry of answer.value.resources.flatMap((r) => r.configEntries)) {
        const bytes = Number(entry.configValue);
        if (Number.isFinite(bytes) && bytes > 0) found.push({ bytes, source: `${resources[index].type === ConfigResourceTypes.BROKER ? 'broker' : 'topic'} ${resources[index].name} ${entry.configName}=${bytes}` });
      }
    }
  } catch {
    // Best effort; see above.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  if (found.length === 0) return { bytes: null, sources: [] };
  const smallest = Math.min(...found.map((f) => f.bytes));
  return { bytes: smallest, sources: found.filter((f) => f.bytes === smallest).map((f) => f.source) };
}
