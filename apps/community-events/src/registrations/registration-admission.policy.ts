import type { CommunityEventStatus } from '@diplomacy/contracts';

export interface AdmissionEvent {
  status: CommunityEventStatus;
  startsAt: Date;
  capacity: number;
  seatsTaken: number;
  maxPartySize: number;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

export type RegistrationRefusal = 'not-published' | 'not-open-yet' | 'closed' | 'party-too-large';

/** Whether an event takes a registration now, and whether a party gets seats or waits. */
export class RegistrationAdmissionPolicy {
  /** Why the event refuses this registration, or null when it takes it. Registration closes at the window's end, or at the start. */
  static refusal(event: AdmissionEvent, partySize: number, now: Date): RegistrationRefusal | null {
    if (event.status !== 'published') return 'not-published';
    if (event.registrationOpensAt && now < event.registrationOpensAt) return 'not-open-yet';
    const closes = event.registrationClosesAt ?? event.startsAt;
    if (now >= closes) return 'closed';
    if (partySize > event.maxPartySize) return 'party-too-large';
    return null;
  }

  static freeSeats(event: Pick<AdmissionEvent, 'capacity' | 'seatsTaken'>): number {
    return Math.max(0, event.capacity - event.seatsTaken);
  }

  /** The whole party is seated or the whole party waits: a group is never split. */
  static placement(event: Pick<AdmissionEvent, 'capacity' | 'seatsTaken'>, partySize: number): 'confirmed' | 'waitlisted' {
    return partySize <= RegistrationAdmissionPolicy.freeSeats(event) ? 'confirmed' : 'waitlisted';
  }
}
