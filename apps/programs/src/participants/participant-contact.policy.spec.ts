import { ParticipantContactPolicy } from './participant-contact.policy';

const reachable = { languages: ['sw', 'en'], preferredLanguage: 'sw', notificationChannels: ['email', 'whatsapp'] as const, email: 'a@b.example', phone: '+255700000000' };

describe('ParticipantContactPolicy', () => {
  it('accepts a participant reachable on every chosen channel in a language they speak', () => {
    expect(ParticipantContactPolicy.check({ ...reachable, notificationChannels: [...reachable.notificationChannels] })).toEqual([]);
    expect(ParticipantContactPolicy.check({ languages: [], preferredLanguage: null, notificationChannels: [], email: null, phone: null })).toEqual([]);
  });

  it('names each missing piece', () => {
    const errors = ParticipantContactPolicy.check({ languages: ['en'], preferredLanguage: 'fr', notificationChannels: ['email', 'sms'], email: null, phone: null });
    expect(errors.map((e) => e.field)).toEqual(['preferredLanguage', 'email', 'phone']);
  });
});
