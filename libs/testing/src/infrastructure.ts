import { execFileSync, execSync } from 'node:child_process';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Kafka } from 'kafkajs';

/**
 * Where integration tests find Postgres and Kafka. This is the one place that decides:
 *  1. services named in the environment (KAFKA_BROKERS and TEST_PG_ADMIN_URL), as CI on other machines may provide;
 *  2. otherwise testcontainers, when a Docker engine answers;
 *  3. otherwise the project's own scripts (scripts/infra/up.sh), which run a real broker from its jars.
 */
export type InfrastructureSource = 'environment' | 'testcontainers' | 'local-scripts';

export interface Infrastructure {
  source: InfrastructureSource;
  kafkaBrokers: string[];
  /** A superuser URL to the `postgres` database, used to create one database per test file. */
  pgAdminUrl: string;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const LOCAL_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function dockerAnswers(): boolean {
  try {
    execSync('docker info --format "{{.ServerVersion}}"', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

let containers: { stop(): Promise<unknown> }[] = [];

export async function startInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<Infrastructure> {
  if (env['KAFKA_BROKERS'] && env['TEST_PG_ADMIN_URL']) {
    return { source: 'environment', kafkaBrokers: env['KAFKA_BROKERS'].split(','), pgAdminUrl: env['TEST_PG_ADMIN_URL'] };
  }
  if (env['TEST_INFRA'] !== 'local' && dockerAnswers()) {
    // Loaded lazily: on machines without Docker the package is never touched.
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const postgres = await new PostgreSqlContainer('postgres:15').withDatabase('postgres').withUsername('postgres').start();
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    containers = [postgres, kafka];
    const brokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
    // Jest runs the global set-up outside its module mapper, so this file reaches no @diplomacy/* alias.
    const { topics } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'libs/contracts/src/lib/topics.json'), 'utf8')) as {
      topics: { name: string; partitions: number }[];
    };
    const admin = new Kafka({ brokers, clientId: 'test-setup' }).admin();
    await admin.connect();
    await admin.createTopics({ topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions })) });
    await admin.disconnect();
    return { source: 'testcontainers', kafkaBrokers: brokers, pgAdminUrl: postgres.getConnectionUri() };
  }
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/infra/up.sh')], { stdio: 'inherit', timeout: 600_000 });
  return { source: 'local-scripts', kafkaBrokers: ['127.0.0.1:9092'], pgAdminUrl: LOCAL_PG_ADMIN_URL };
}

export async function stopInfrastructure(): Promise<void> {
  await Promise.all(containers.map((container) => container.stop()));
  containers = [];
}

/** Environment variables through which the global set-up hands the infrastructure to test files. */
export function exportInfrastructure(infra: Infrastructure): void {
  process.env['TEST_INFRA_SOURCE'] = infra.source;
  process.env['TEST_KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['TEST_PG_ADMIN_URL'] = infra.pgAdminUrl;
}

export function testInfrastructure(): Infrastructure {
  const brokers = process.env['TEST_KAFKA_BROKERS'];
  const pgAdminUrl = process.env['TEST_PG_ADMIN_URL'];
  if (!brokers || !pgAdminUrl) throw new Error('Integration tests must run with the global set-up (jest.integration.config.js)');
  return { source: process.env['TEST_INFRA_SOURCE'] as InfrastructureSource, kafkaBrokers: brokers.split(','), pgAdminUrl };
}

/**
 * Stops or starts the broker, for tests of what happens while Kafka is down.
 * Only the local scripts' broker can be controlled from here.
 */
export function controlBroker(action: 'stop' | 'start'): void {
  const infra = testInfrastructure();
  if (infra.source !== 'local-scripts') {
    throw new Error(`Broker control needs the local-scripts infrastructure, not ${infra.source}`);
  }
  const kafka = (command: string) =>
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts/infra/kafka.sh'), command], { stdio: 'inherit', timeout: 180_000 });
  if (action === 'stop') {
    // The broker on the port may have been started by another checkout: stop that one.
    kafka('stop-any');
    return;
  }
  kafka('start-any');
  kafka('wait');
  kafka('topics');
}
