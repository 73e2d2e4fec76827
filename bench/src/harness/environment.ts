import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { logLevel } from 'kafkajs';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { createKafka } from '@diplomacy/messaging';
import { freshDatabase } from '@diplomacy/testing';
import { NodeProcess } from './processes';
import { sleep } from './stats';
import { HarnessError } from './types';
import type { NodeProcessOptions } from './processes';

export type BenchMode = 'full' | 'smoke';

export interface BenchSettings {
  mode: BenchMode;
  runId: string;
  repoRoot: string;
  /** Logs, profiles and other scratch files of this run (under tmp/, ignored by git). */
  workDir: string;
  kafkaBrokers: string[];
  pgAdminUrl: string;
  /** Run every Node process the bench starts under `--cpu-prof`. */
  profile: boolean;
}

/**
 * What a scenario gets from the runner: sizes for the current mode, and
 * infrastructure it owns for this run (databases, topics, consumer groups,
 * processes) which the runner removes afterwards, even when a scenario fails.
 */
export class BenchEnvironment {
  private readonly databases = new Set<string>();
  private readonly topics = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly processes = new Set<NodeProcess>();
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private kafkaClient: Kafka | null = null;
  /** Set by the runner: prefixes process names, so logs and profiles say which scenario they came from. */
  scenario = '';

  constructor(readonly settings: BenchSettings) {
    mkdirSync(settings.workDir, { recursive: true });
  }

  get smoke(): boolean {
    return this.settings.mode === 'smoke';
  }

  /** Picks the size for the current mode. */
  size<T>(sizes: { full: T; smoke: T }): T {
    return sizes[this.settings.mode];
  }

  get kafka(): Kafka {
    this.kafkaClient ??= createKafka({ brokers: this.settings.kafkaBrokers, clientId: `bench-${this.settings.runId}` });
    return this.kafkaClient;
  }

  /** Drops and creates `bench_<name>`; it is dropped again at the end of the run. */
  async freshDatabase(name: string): Promise<string> {
    const database = `bench_${name}`;
    this.databases.add(database);
    return freshDatabase(database);
  }

  /** The URL of `bench_<name>` (made by freshDatabase or startService). */
  databaseUrl(name: string): string {
    const url = new URL(this.settings.pgAdminUrl);
    url.pathname = `/bench_${name}`;
    return url.toString();
  }

  /** A topic of this run's own, deleted at the end. */
  async createTopic(label: string, partitions = 6): Promise<string> {
    const topic = `bench.${label}.${this.settings.runId}.${randomUUID().slice(0, 6)}`;
    // Quiet: the metadata errors right after creation are expected and retried below.
    const admin = createKafka({ brokers: this.settings.kafkaBrokers, clientId: `bench-${this.settings.runId}-admin` }, { logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: false });
      this.topics.add(topic);
      // kafkajs' own waitForLeaders gives up on a transient UNKNOWN_TOPIC_OR_PARTITION right after creation.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = await admin
          .fetchTopicMetadata({ topics: [topic] })
          .then((m) => m.topics[0]?.partitions.length === partitions && m.topics[0].partitions.every((p) => p.leader >= 0))
          .catch(() => false);
        if (ready) break;
        if (Date.now() > deadline) throw new HarnessError(`topic ${topic} has no leaders after 30 s`);
        await sleep(100);
      }
    } finally {
      await admin.disconnect();
    }
    return topic;
  }

  /** A consumer group name of this run's own, deleted at the end. */
  groupId(label: string): string {
    const group = `bench-${label}-${this.settings.runId}`;
    this.groups.add(group);
    return group;
  }

  /**
   * Commits the topic's current end offsets for a group that does not run yet, so a
   * consumer that subscribes "from the beginning" starts at the end of a shared topic.
   */
  async positionGroupAtEnd(groupId: string, topic: string): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Positions a group at the end of every topic of the contracts (libs/contracts/src/lib/topics.json),
   * for a service whose consumers subscribe from the beginning: it then handles only what the bench sends,
   * not the shared broker's history.
   */
  async positionGroupAtEndOfContractTopics(groupId: string): Promise<string[]> {
    const file = path.join(this.settings.repoRoot, 'libs/contracts/src/lib/topics.json');
    const { topics } = JSON.parse(readFileSync(file, 'utf8')) as { topics: { name: string }[] };
    const admin = this.kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics().finally(() => admin.disconnect()));
    const positioned = topics.map((t) => t.name).filter((name) => existing.has(name));
    // One member joins the group once and commits the end of every partition (admin.setOffsets joins once per topic).
    const admin2 = this.kafka.admin();
    await admin2.connect();
    const ends = await Promise.all(positioned.map(async (topic) => ({ topic, offsets: await admin2.fetchTopicOffsets(topic) }))).finally(() => admin2.disconnect());
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: positioned, fromBeginning: false });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
      consumer.pause(positioned.map((topic) => ({ topic })));
      await joined;
      await consumer.commitOffsets(ends.flatMap(({ topic, offsets }) => offsets.map((o) => ({ topic, partition: o.partition, offset: o.high }))));
    } finally {
      await consumer.disconnect();
    }
    return positioned;
  }

  /** Messages the group has not committed yet on `topic`. */
  async groupLag(groupId: string, topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      let lag = 0;
      for (const end of ends) {
        const at = committed.partitions.find((p) => p.partition === end.partition);
        const offset = Number(at?.offset ?? -1);
        lag += Number(end.high) - (offset < 0 ? Number(end.low) : offset);
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  /** Starts a built service (dist/apps/<name>) with its own fresh database. */
  async startService(name: string, env: Record<string, string> = {}, database = name.replace(/-/g, '_')): Promise<NodeProcess> {
    const databaseUrl = await this.freshDatabase(database);
    return this.startProcess({
      name,
      script: path.join(this.settings.repoRoot, 'dist/apps', name, 'apps', name, 'src/main.js'),
      env: {
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: this.settings.kafkaBrokers.join(','),
        LOG_LEVEL: 'info',
        ...env,
      },
      readyPath: '/health/ready',
    });
  }

  async startProcess(options: Omit<NodeProcessOptions, 'workDir' | 'profile'>): Promise<NodeProcess> {
    const name = this.scenario ? `${this.scenario}.${options.name}` : options.name;
    const child = await NodeProcess.start({ ...options, name, workDir: this.settings.workDir, profile: this.settings.profile });
    this.processes.add(child);
    return child;
  }

  async stopProcess(child: NodeProcess): Promise<void> {
    await child.stop();
    this.processes.delete(child);
  }

  /** Opens a pg client on one of this run's databases; it is closed at the end. */
  async pg(databaseUrl: string): Promise<Client> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    this.onCleanup(() => client.end());
    return client;
  }

  onCleanup(fn: () => Promise<unknown>): void {
    this.cleanups.push(fn);
  }

  /** Stops this run's processes and removes its databases, topics and groups. Never throws. */
  async cleanup(log: (line: string) => void): Promise<void> {
    const attempt = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        log(`clean-up of ${what} failed: ${(error as Error).message}`);
      }
    };
    for (const fn of this.cleanups.splice(0).reverse()) await attempt('a scenario resource', fn);
    await Promise.all([...this.processes].map((child) => attempt(child.name, () => this.stopProcess(child))));
    if (this.groups.size > 0 || this.topics.size > 0) {
      const admin = this.kafka.admin();
      await attempt('kafka admin', () => admin.connect());
      if (this.groups.size > 0) {
        const existing = new Set((await admin.listGroups().catch(() => ({ groups: [] }))).groups.map((g) => g.groupId));
        const groups = [...this.groups].filter((g) => existing.has(g));
        if (groups.length > 0) await attempt('consumer groups', () => admin.deleteGroups(groups));
      }
      if (this.topics.size > 0) await attempt('topics', () => admin.deleteTopics({ topics: [...this.topics] }));
      await attempt('kafka admin', () => admin.disconnect());
    }
    if (this.databases.size > 0) {
      const admin = new Client({ connectionString: this.settings.pgAdminUrl });
      await attempt('postgres admin', () => admin.connect());
      for (const database of this.databases) await attempt(database, () => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      await attempt('postgres admin', () => admin.end());
    }
    this.databases.clear();
    this.topics.clear();
    this.groups.clear();
  }

  /** Synchronous last resort (Ctrl-C, a crash): kill what is still running. */
  killAll(): void {
    for (const child of this.processes) child.kill();
  }
}
