import { etagOf, parseIfMatch } from './if-match';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
  ])('reads %s as version %p', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('tells a missing header from an unreadable one', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('  ')).toBeUndefined();
    expect(parseIfMatch('"abc"')).toBeNull();
    expect(parseIfMatch('*')).toBeNull();
  });

  it('round-trips its own ETag', () => {
    expect(parseIfMatch(etagOf(4))).toBe(4);
  });
});
