import { randomUUID } from 'node:crypto';
import { FeedToken } from './feed-token';

describe('FeedToken', () => {
  it('issues a token whose secret matches its stored hash, and no other', () => {
    const feedId = randomUUID();
    const { token, hash } = FeedToken.issue(feedId);
    const parsed = FeedToken.parse(token)!;
    expect(parsed.feedId).toBe(feedId);
    expect(FeedToken.matches(parsed.secret, hash)).toBe(true);
    expect(FeedToken.matches(parsed.secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), hash)).toBe(false);
    expect(hash.toString('hex')).not.toContain(Buffer.from(parsed.secret).toString('hex'));
  });

  it('accepts the .ics suffix calendar apps like and refuses anything else', () => {
    const { token } = FeedToken.issue(randomUUID());
    expect(FeedToken.parse(`${token}.ics`)).not.toBeNull();
    expect(FeedToken.parse('not-a-token')).toBeNull();
    expect(FeedToken.parse(`${randomUUID()}.short`)).toBeNull();
  });
});
