import topicsFile from './topics.json';

/** A Kafka topic the system uses; `topics.json` is the one list that scripts, manifests and code read. */
export interface TopicDefinition {
  name: string;
  partitions: number;
  retentionMs: number;
}

export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = topicsFile.topics;

/** Topics are named per producing domain; every producer owns exactly one event topic. */
export const Topics = {
  programs: 'programs.events',
  scheduleChanges: 'scheduling.schedule-changes',
  communityEvents: 'community-events.events',
  notifications: 'notifications.events',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Each consuming service parks what it cannot process in its own dead-letter topic. */
export const DeadLetterTopics = {
  programs: 'programs.dead-letter',
  scheduling: 'scheduling.dead-letter',
  communityEvents: 'community-events.dead-letter',
  notifications: 'notifications.dead-letter',
} as const;

export function topicDefinition(name: string): TopicDefinition {
  const found = TOPIC_DEFINITIONS.find((topic) => topic.name === name);
  if (!found) throw new Error(`Topic ${name} is not declared in topics.json`);
  return found;
}
