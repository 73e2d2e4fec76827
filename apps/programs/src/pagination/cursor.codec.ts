import { RequestValidationError } from '@diplomacy/service-kit';

/** A position in a list sorted by (sort key, id): the last row the client saw. */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opaque keyset cursors. The id breaks ties between equal sort keys, so a page
 * boundary never skips or repeats a row, even while rows are inserted. Clients
 * must treat the cursor as opaque: its format may change.
 */
export class CursorCodec {
  static encode(position: CursorPosition): string {
    return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
  }

  /** @param isSortKey the list's own check of the sort key, so a forged cursor is a 400 and never reaches SQL as a bad cast. */
  static decode(cursor: string, isSortKey: (value: string) => boolean = () => true): CursorPosition {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      value = undefined;
    }
    if (
      !Array.isArray(value) ||
      value.length !== 2 ||
      typeof value[0] !== 'string' ||
      typeof value[1] !== 'string' ||
      !UUID.test(value[1]) ||
      !isSortKey(value[0])
    ) {
      throw new RequestValidationError([{ field: 'cursor', messages: ['cursor is not one this API handed out'] }]);
    }
    return { sortKey: value[0], id: value[1] };
  }
}
