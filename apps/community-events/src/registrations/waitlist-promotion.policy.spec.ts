import { WaitlistPromotionPolicy } from './waitlist-promotion.policy';
import type { WaitingParty } from './waitlist-promotion.policy';

const party = (id: string, partySize: number): WaitingParty => ({ registrationId: id, partySize });
const ids = (parties: WaitingParty[]) => parties.map((p) => p.registrationId);

describe('WaitlistPromotionPolicy', () => {
  it('promotes in waitlist order while parties fit', () => {
    const plan = WaitlistPromotionPolicy.plan(5, [party('a', 2), party('b', 2), party('c', 1), party('d', 1)]);
    expect(ids(plan.promote)).toEqual(['a', 'b', 'c']);
    expect(plan.seatsLeft).toBe(0);
  });

  it('skips a party that does not fit for the next one that does, without splitting it', () => {
    const plan = WaitlistPromotionPolicy.plan(3, [party('big', 4), party('pair', 2), party('trio', 3), party('solo', 1)]);
    expect(ids(plan.promote)).toEqual(['pair', 'solo']);
    expect(plan.seatsLeft).toBe(0);
  });

  it('lets a skipped party keep its place: it goes first once enough seats free', () => {
    const waiting = [party('big', 4), party('late', 1)];
    expect(ids(WaitlistPromotionPolicy.plan(1, waiting).promote)).toEqual(['late']);
    expect(ids(WaitlistPromotionPolicy.plan(4, waiting).promote)).toEqual(['big']);
  });

  it('promotes nobody without free seats, and leaves seats over when nobody fits', () => {
    expect(WaitlistPromotionPolicy.plan(0, [party('a', 1)]).promote).toEqual([]);
    expect(WaitlistPromotionPolicy.plan(-2, [party('a', 1)]).promote).toEqual([]);
    expect(WaitlistPromotionPolicy.plan(2, [party('a', 3), party('b', 4)])).toEqual({ promote: [], seatsLeft: 2 });
  });

  it('sets a claim deadline N hours out, capped at the event start, or none', () => {
    const now = new Date('2027-03-01T10:00:00Z');
    const start = new Date('2027-03-09T23:00:00Z');
    expect(WaitlistPromotionPolicy.claimDeadline(now, 24, start)?.toISOString()).toBe('2027-03-02T10:00:00.000Z');
    expect(WaitlistPromotionPolicy.claimDeadline(now, 720, start)?.toISOString()).toBe(start.toISOString());
    expect(WaitlistPromotionPolicy.claimDeadline(now, null, start)).toBeNull();
  });
});
