import { RequestValidationError } from '../http/domain-error';

const PREFIX = 'audit:';
const ID = /^[1-9]\d{0,18}$/;

/**
 * Opaque keyset cursors over the log's ids (newest first). The id is the insertion order, so a
 * page boundary never skips or repeats an entry, even while entries are being added.
 */
export const AuditCursor = {
  encode(id: string): string {
    return Buffer.from(`${PREFIX}${id}`, 'utf8').toString('base64url');
  },

  /** The id to continue below; a forged or foreign cursor is a 400 naming `cursor`, never a bad cast in SQL. */
  decode(cursor: string): string {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const id = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
    if (!ID.test(id)) throw new RequestValidationError([{ field: 'cursor', messages: ['cursor is not one this API handed out'] }]);
    return id;
  },
};
