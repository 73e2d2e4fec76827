import { RegistrationAdmissionPolicy } from './registration-admission.policy';
import type { AdmissionEvent } from './registration-admission.policy';

const now = new Date('2027-03-01T12:00:00Z');
const event = (overrides: Partial<AdmissionEvent> = {}): AdmissionEvent => ({
  status: 'published',
  startsAt: new Date('2027-03-09T23:00:00Z'),
  capacity: 10,
  seatsTaken: 7,
  maxPartySize: 4,
  registrationOpensAt: null,
  registrationClosesAt: null,
  ...overrides,
});

describe('RegistrationAdmissionPolicy', () => {
  it('takes registrations for a published event inside its window', () => {
    expect(RegistrationAdmissionPolicy.refusal(event(), 2, now)).toBeNull();
    expect(RegistrationAdmissionPolicy.refusal(event({ registrationOpensAt: new Date('2027-02-01T00:00:00Z') }), 2, now)).toBeNull();
  });

  it('refuses drafts, cancelled events, early and late registrations, and parties over the maximum', () => {
    expect(RegistrationAdmissionPolicy.refusal(event({ status: 'draft' }), 1, now)).toBe('not-published');
    expect(RegistrationAdmissionPolicy.refusal(event({ status: 'cancelled' }), 1, now)).toBe('not-published');
    expect(RegistrationAdmissionPolicy.refusal(event({ registrationOpensAt: new Date('2027-03-02T00:00:00Z') }), 1, now)).toBe('not-open-yet');
    expect(RegistrationAdmissionPolicy.refusal(event({ registrationClosesAt: now }), 1, now)).toBe('closed');
    expect(RegistrationAdmissionPolicy.refusal(event({ startsAt: new Date('2027-03-01T11:00:00Z') }), 1, now)).toBe('closed');
    expect(RegistrationAdmissionPolicy.refusal(event(), 5, now)).toBe('party-too-large');
  });

  it('seats a whole party while seats remain and otherwise waitlists all of it', () => {
    expect(RegistrationAdmissionPolicy.placement(event(), 3)).toBe('confirmed');
    expect(RegistrationAdmissionPolicy.placement(event(), 4)).toBe('waitlisted');
    expect(RegistrationAdmissionPolicy.placement(event({ seatsTaken: 10 }), 1)).toBe('waitlisted');
    expect(RegistrationAdmissionPolicy.freeSeats(event({ capacity: 5, seatsTaken: 5 }))).toBe(0);
  });
});
