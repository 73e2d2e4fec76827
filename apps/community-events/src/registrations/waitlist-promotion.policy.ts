/** A party on the waitlist, in the order the waitlist holds them. */
export interface WaitingParty {
  registrationId: string;
  partySize: number;
}

export interface PromotionPlan {
  promote: WaitingParty[];
  /** Seats still free after the promotions; every party left waiting is larger than this. */
  seatsLeft: number;
}

/**
 * Who moves up when seats come free. Parties are served in waitlist order and never
 * split: a party larger than the seats left is skipped for the next one that fits,
 * and keeps its place for the next opening (pretix cannot hold a group; this can).
 */
export class WaitlistPromotionPolicy {
  static plan(freeSeats: number, waiting: readonly WaitingParty[]): PromotionPlan {
    let seatsLeft = Math.max(0, freeSeats);
    const promote: WaitingParty[] = [];
    for (const party of waiting) {
      if (seatsLeft === 0) break;
      if (party.partySize <= seatsLeft) {
        promote.push(party);
        seatsLeft -= party.partySize;
      }
    }
    return { promote, seatsLeft };
  }

  /**
   * When a promoted party must have claimed its seats: `claimWindowHours` after the
   * promotion, but never after the event starts. Null when the organiser chose no deadline
   * (promotion then confirms straight away).
   */
  static claimDeadline(now: Date, claimWindowHours: number | null, eventStartsAt: Date): Date | null {
    if (claimWindowHours === null) return null;
    const deadline = now.getTime() + claimWindowHours * 3_600_000;
    return new Date(Math.min(deadline, eventStartsAt.getTime()));
  }
}
