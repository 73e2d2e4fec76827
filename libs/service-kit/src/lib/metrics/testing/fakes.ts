// Test double only: not exported from the library.
import { AssignerProtocol } from 'kafkajs';
import type { Kafka } from 'kafkajs';

/** A kafkajs admin double with one group consuming `programs.events` (3 partitions). */
export function fakeKafka(state: { connectFails?: boolean; hang?: boolean; deadLetterEnds?: string[] } = {}) {
  const calls: string[] = [];
  const assignment = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { 'programs.events': [0, 1, 2] }, userData: Buffer.alloc(0) });
  const admin = {
    connect: async () => {
      calls.push('connect');
      if (state.connectFails) throw new Error('connection refused');
      if (state.hang) await new Promise(() => undefined);
    },
    disconnect: async () => void calls.push('disconnect'),
    describeGroups: async (groups: string[]) => ({
      groups: groups.map((groupId) => ({ groupId, members: [{ memberId: 'm1', memberAssignment: assignment }] })),
    }),
    fetchOffsets: async ({ topics }: { groupId: string; topics?: string[] }) =>
      topics
        ? topics.map((topic) => ({
            topic,
            partitions: [
              { partition: 0, offset: '4' },
              { partition: 1, offset: '-1' },
              { partition: 2, offset: '9' },
            ],
          }))
        : [{ topic: 'programs.events', partitions: [{ partition: 0, offset: '4' }] }],
    fetchTopicOffsets: async (topic: string) => {
      calls.push(`fetchTopicOffsets ${topic}`);
      if (topic.endsWith('.dead-letter')) return (state.deadLetterEnds ?? ['2']).map((high, partition) => ({ partition, offset: high, high, low: '0' }));
      return [
        { partition: 0, offset: '10', high: '10', low: '0' },
        { partition: 1, offset: '6', high: '6', low: '1' },
        { partition: 2, offset: '9', high: '9', low: '0' },
      ];
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls, state };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a text exposition (enough of the format for the tests: no escaped quotes in label values). */
export function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and (at least) these labels; undefined when absent. */
export function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = parseExposition(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples match ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}
