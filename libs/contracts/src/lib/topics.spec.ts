import { DeadLetterTopics, TOPIC_DEFINITIONS, Topics, topicDefinition } from './topics';
import { ALL_EVENTS } from './all-events';

describe('topics', () => {
  it('declares every topic the code names, with partitions', () => {
    for (const name of [...Object.values(Topics), ...Object.values(DeadLetterTopics)]) {
      expect(topicDefinition(name).partitions).toBeGreaterThan(0);
    }
  });

  it('routes every event type to a declared topic', () => {
    const declared = new Set(TOPIC_DEFINITIONS.map((topic) => topic.name));
    for (const event of ALL_EVENTS) expect(declared).toContain(event.topic);
  });

  it('fails loudly for an undeclared topic', () => {
    expect(() => topicDefinition('nope')).toThrow(/not declared/);
  });
});
