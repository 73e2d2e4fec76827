import { nameBasedRecipientId } from './recipient-ids';

describe('nameBasedRecipientId', () => {
  it('gives the same person the same version-5 UUID whatever the case or spacing of the address', () => {
    const id = nameBasedRecipientId('registrant', 'Maria@Example.org ');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedRecipientId('registrant', 'maria@example.org')).toBe(id);
    expect(nameBasedRecipientId('registrant', 'mario@example.org')).not.toBe(id);
    expect(nameBasedRecipientId('resource-contact', 'maria@example.org')).not.toBe(id);
  });
});
