import { RequestValidationError } from '@diplomacy/service-kit';
import { CursorCodec } from './cursor.codec';

describe('CursorCodec', () => {
  const position = { sortKey: '2027-03-08', id: '6f1c1e4e-2a43-4f59-9a59-0c1d0a6b9b11' };

  it('round-trips a position through an opaque, URL-safe string', () => {
    const cursor = CursorCodec.encode(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(CursorCodec.decode(cursor)).toEqual(position);
  });

  it('keeps sort keys with any characters', () => {
    const odd = { sortKey: 'Bibliothèque "Nord", ünd/+', id: position.id };
    expect(CursorCodec.decode(CursorCodec.encode(odd))).toEqual(odd);
  });

  it('applies the list\'s own check of the sort key', () => {
    const cursor = CursorCodec.encode({ sortKey: 'not a date', id: position.id });
    expect(() => CursorCodec.decode(cursor, (key) => /^\d{4}-\d{2}-\d{2}$/.test(key))).toThrow(RequestValidationError);
  });

  it.each([
    ['garbage', '!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a non-uuid id', Buffer.from('["2027-01-01","42"]').toString('base64url')],
    ['a wrong arity', Buffer.from('["2027-01-01"]').toString('base64url')],
  ])('refuses %s as a 400 naming cursor', (_case, cursor) => {
    try {
      CursorCodec.decode(cursor);
      throw new Error('decoded');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).errors[0].field).toBe('cursor');
    }
  });
});
