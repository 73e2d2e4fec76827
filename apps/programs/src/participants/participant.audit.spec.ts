import type { ParticipantEntity } from './participant.entity';
import { participantChanges } from './participant.audit';

const participant = (overrides: Partial<ParticipantEntity> = {}): ParticipantEntity =>
  Object.assign({
    id: 'p-1',
    programId: 'prog-1',
    name: 'Amina Mwangi',
    country: 'KE',
    title: null,
    organisationName: null,
    role: 'delegation-lead',
    languages: ['sw', 'en'],
    preferredLanguage: 'sw',
    notificationChannels: ['email'],
    email: 'amina@ict.example',
    phone: '+254700000001',
    gender: 'female',
    dietaryNotes: 'No pork',
    accessibilityNotes: 'Step-free access',
    version: 1,
    createdAt: new Date('2027-03-01T00:00:00Z'),
    updatedAt: new Date('2027-03-01T00:00:00Z'),
  } as ParticipantEntity, overrides);

describe('participantChanges', () => {
  it('names every private field that changed and keeps none of their values', () => {
    const changes = participantChanges(participant(), participant({ email: 'new@ict.example', phone: null, gender: 'male', dietaryNotes: 'Vegan', accessibilityNotes: null, title: 'Minister' }));
    expect(changes.changedFields).toEqual(['title', 'email', 'phone', 'gender', 'dietaryNotes', 'accessibilityNotes']);
    expect(changes.values).toEqual({ title: { from: null, to: 'Minister' } });
  });

  it('keeps no private value when a participant is added or removed', () => {
    for (const changes of [participantChanges(null, participant()), participantChanges(participant(), null)]) {
      const text = JSON.stringify(changes.values);
      for (const value of ['amina@ict.example', '+254700000001', 'female', 'No pork', 'Step-free access']) expect(text).not.toContain(value);
      expect(changes.changedFields).toEqual(expect.arrayContaining(['email', 'phone', 'gender', 'dietaryNotes', 'accessibilityNotes']));
    }
  });

  it('ignores bookkeeping columns (version, timestamps)', () => {
    expect(participantChanges(participant(), participant({ version: 2, updatedAt: new Date() })).changedFields).toEqual([]);
  });
});
