import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_EVENTS } from './all-events';
import { buildAsyncApi, messageId } from './asyncapi';
import { TOPIC_DEFINITIONS } from './topics';

const DOCUMENT = path.resolve(__dirname, '../../../../docs/asyncapi.json');

describe('AsyncAPI catalogue', () => {
  const generated = buildAsyncApi(TOPIC_DEFINITIONS, ALL_EVENTS);

  it('is the committed docs/asyncapi.json (regenerate: UPDATE_ASYNCAPI=1 npx nx test contracts)', () => {
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env['UPDATE_ASYNCAPI'] === '1') writeFileSync(DOCUMENT, text);
    expect(readFileSync(DOCUMENT, 'utf8')).toBe(text);
  });

  it('puts every event on its topic channel and every topic in a channel', () => {
    const channels = generated['channels'] as Record<string, { address: string; messages: Record<string, unknown> }>;
    expect(Object.values(channels).map((c) => c.address).sort()).toEqual(TOPIC_DEFINITIONS.map((t) => t.name).sort());
    for (const event of ALL_EVENTS) {
      const channel = Object.values(channels).find((c) => c.address === event.topic)!;
      expect(Object.keys(channel.messages)).toContain(messageId(event));
    }
  });
});
