import { AuditChangeSet, SYSTEM_ACTOR, actorOf } from './audit-entry';
import { AuditCursor } from './audit-cursor';
import { RequestValidationError } from '../http/domain-error';

interface Person {
  name: string;
  email: string | null;
  phone: string | null;
  gender: string | null;
  dietaryNotes: string | null;
  languages: string[];
  contacts?: { name: string; email: string | null }[];
}

const FIELDS = ['name', 'email', 'phone', 'gender', 'dietaryNotes', 'languages', 'contacts'] as const;
const person = (overrides: Partial<Person> = {}): Person => ({
  name: 'Amina Mwangi',
  email: 'amina@ict.example',
  phone: '+254700000001',
  gender: 'female',
  dietaryNotes: 'No pork',
  languages: ['sw', 'en'],
  ...overrides,
});

describe('AuditChangeSet', () => {
  const changeSet = new AuditChangeSet(['gender']);

  it('lists the changed fields and keeps old and new values of public ones only', () => {
    const changes = changeSet.describe(person(), person({ name: 'Hon. Amina Mwangi', email: 'new@ict.example', gender: 'male', languages: ['sw'] }), [...FIELDS]);
    expect(changes.changedFields).toEqual(['name', 'email', 'gender', 'languages']);
    expect(changes.values).toEqual({ name: { from: 'Amina Mwangi', to: 'Hon. Amina Mwangi' }, languages: { from: ['sw', 'en'], to: ['sw'] } });
  });

  it('treats every REDACTED_FIELDS name as private, whatever its case, plus the service’s own', () => {
    expect(changeSet.isPrivate('dietaryNotes')).toBe(true);
    expect(changeSet.isPrivate('ACCESSIBILITYNOTES')).toBe(true);
    expect(changeSet.isPrivate('gender')).toBe(true);
    expect(new AuditChangeSet().isPrivate('gender')).toBe(false);
    expect(changeSet.isPrivate('title')).toBe(false);
  });

  it('records a creation as the fields that were set, with new values only', () => {
    const changes = changeSet.describe(null, person({ phone: null, languages: [] }), [...FIELDS]);
    expect(changes.changedFields).toEqual(['name', 'email', 'gender', 'dietaryNotes']);
    expect(changes.values).toEqual({ name: { to: 'Amina Mwangi' } });
  });

  it('records a deletion as the fields that were held, with old values only', () => {
    const changes = changeSet.describe(person({ email: null }), null, [...FIELDS]);
    expect(changes.changedFields).toEqual(['name', 'phone', 'gender', 'dietaryNotes', 'languages']);
    expect(changes.values).toEqual({ name: { from: 'Amina Mwangi' }, languages: { from: ['sw', 'en'] } });
  });

  it('compares arrays and nested objects by content, and censors private keys at any depth', () => {
    const before = person({ contacts: [{ name: 'Dana', email: 'dana@kcpd.example' }] });
    expect(changeSet.describe(before, person({ contacts: [{ name: 'Dana', email: 'dana@kcpd.example' }] }), [...FIELDS]).changedFields).toEqual([]);
    const changes = changeSet.describe(before, person({ contacts: [{ name: 'Dana W.', email: 'dana@kcpd.example' }] }), [...FIELDS]);
    expect(changes.values['contacts']).toEqual({ from: [{ name: 'Dana', email: '[redacted]' }], to: [{ name: 'Dana W.', email: '[redacted]' }] });
    expect(JSON.stringify(changes)).not.toContain('kcpd.example');
  });

  it('writes dates as ISO strings', () => {
    const changes = new AuditChangeSet().describe({ at: new Date('2027-03-08T09:00:00Z') }, { at: new Date('2027-03-08T10:00:00Z') }, ['at']);
    expect(changes.values).toEqual({ at: { from: '2027-03-08T09:00:00.000Z', to: '2027-03-08T10:00:00.000Z' } });
  });
});

describe('actorOf', () => {
  it('names the token subject and roles, or the system', () => {
    expect(actorOf({ subject: 'ana', organisationId: 'kansas-city-council', roles: ['coordinator'] })).toEqual({ id: 'ana', roles: ['coordinator'] });
    expect(actorOf(null)).toEqual(SYSTEM_ACTOR);
  });
});

describe('AuditCursor', () => {
  it('round-trips an id', () => {
    expect(AuditCursor.decode(AuditCursor.encode('4711'))).toBe('4711');
  });

  it.each([['garbage', '%%%'], ['a foreign cursor', Buffer.from('["2027-01-01","x"]').toString('base64url')], ['a non-numeric id', Buffer.from('audit:1 OR 1=1').toString('base64url')]])(
    'refuses %s with a 400 naming cursor',
    (_case, cursor) => {
      let refused: unknown;
      try {
        AuditCursor.decode(cursor);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(RequestValidationError);
      expect((refused as RequestValidationError).errors.map((e) => e.field)).toEqual(['cursor']);
    },
  );
});
