import type { Admin, Kafka } from 'kafkajs';
import { AssignerProtocol } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages on the partition after the group's committed offset. */
  lag: number;
}

export interface KafkaReading {
  lag: PartitionLag[];
  /** Messages ever written to the dead-letter topic (sum of its partitions' end offsets). */
  deadLetters: number;
}

export interface TopicOffsets {
  partition: number;
  /** End offset (high watermark). */
  high: string;
  /** Earliest offset still on the broker. */
  low: string;
}

export interface CommittedOffsets {
  partition: number;
  /** -1 when the group has committed nothing for the partition. */
  offset: string;
}

/**
 * Lag of one topic for one group. Where the group has not committed yet it starts from the
 * earliest retained offset (the consumers subscribe from the beginning), so everything still on
 * the partition counts. A committed offset below the earliest retained one counts from there too.
 */
export function topicLag(topic: string, ends: readonly TopicOffsets[], committed: readonly CommittedOffsets[]): PartitionLag[] {
  const byPartition = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return ends
    .map(({ partition, high, low }) => {
      const end = Number(high);
      const start = Number(low);
      const offset = byPartition.get(partition) ?? -1;
      const from = offset < 0 ? start : Math.max(offset, start);
      return { topic, partition, lag: Math.max(0, end - from) };
    })
    .sort((a, b) => a.partition - b.partition);
}

/** Sum of end offsets: how many messages were ever written to the topic, whatever retention deleted. */
export function endOffsetTotal(ends: readonly Pick<TopicOffsets, 'high'>[]): number {
  return ends.reduce((sum, { high }) => sum + Number(high), 0);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One value, recomputed at most every `ttlMs`; concurrent callers share one computation. A failed
 * computation is not cached, so the next scrape tries again.
 */
export class CachedReading<T> {
  private value: { at: number; promise: Promise<T> } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly compute: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (this.value && now - this.value.at < this.ttlMs) return this.value.promise;
    const promise = this.compute();
    const entry = { at: now, promise };
    this.value = entry;
    promise.catch(() => {
      if (this.value === entry) this.value = null;
    });
    return promise;
  }
}

/**
 * Reads consumer lag and the dead-letter count through a kafkajs admin client (its own
 * connection, opened on the first scrape and kept).
 */
export class KafkaMetricsReader {
  private admin: Admin | null = null;
  private connecting: Promise<Admin> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string | null,
    private readonly deadLetterTopic: string,
    private readonly timeoutMs: number,
  ) {}

  async read(): Promise<KafkaReading> {
    try {
      const admin = await this.connected();
      const timed = <T>(promise: Promise<T>, what: string) => withTimeout(promise, this.timeoutMs, what);
      const [lag, deadLetters] = await Promise.all([
        this.groupId ? this.lagOf(admin, this.groupId, timed) : Promise.resolve([]),
        timed(admin.fetchTopicOffsets(this.deadLetterTopic), `end offsets of ${this.deadLetterTopic}`).then(endOffsetTotal),
      ]);
      return { lag, deadLetters };
    } catch (error) {
      // A broken connection is not reused: the next scrape connects again.
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    this.connecting = null;
    if (admin) await admin.disconnect().catch(() => undefined);
  }

  private async lagOf(
    admin: Admin,
    groupId: string,
    timed: <T>(promise: Promise<T>, what: string) => Promise<T>,
  ): Promise<PartitionLag[]> {
    // The group's topics: those its members are assigned now, and those it has committed offsets for.
    const [described, committedTopics] = await Promise.all([
      timed(admin.describeGroups([groupId]), `describe group ${groupId}`),
      timed(admin.fetchOffsets({ groupId }), `offsets of group ${groupId}`),
    ]);
    const topics = new Set(committedTopics.map((t) => t.topic));
    for (const group of described.groups) {
      for (const member of group.members) {
        if (!member.memberAssignment?.length) continue;
        const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const topic of Object.keys(assignment?.assignment ?? {})) topics.add(topic);
      }
    }
    if (topics.size === 0) return [];
    const names = [...topics].sort();
    const [committed, ends] = await Promise.all([
      timed(admin.fetchOffsets({ groupId, topics: names }), `offsets of group ${groupId}`),
      Promise.all(names.map((topic) => timed(admin.fetchTopicOffsets(topic), `end offsets of ${topic}`))),
    ]);
    return names.flatMap((topic, index) => topicLag(topic, ends[index], committed.find((c) => c.topic === topic)?.partitions ?? []));
  }

  private connected(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      try {
        await withTimeout(admin.connect(), this.timeoutMs, 'Kafka admin connect');
      } catch (error) {
        this.connecting = null;
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      this.admin = admin;
      return admin;
    })();
    return this.connecting;
  }
}
