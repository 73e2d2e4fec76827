import type { EventEnvelope } from '@diplomacy/contracts';
import { publishedEvent, register, registrant, seatsOf, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

const promotions = (envelopes: EventEnvelope[]) =>
  envelopes.filter((e) => e.type === 'registration.promoted').map((e) => e.payload as { registrationId: string; status: string; trigger: string; claimDeadline: string | null });

describe('automatic waitlist (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_waitlist_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  async function statusOf(registrationId: string): Promise<string> {
    const [row] = await harness.dataSource.query('SELECT status FROM registrations WHERE id = $1', [registrationId]);
    return row.status;
  }

  it('promotes whole parties in order, skipping a party that does not fit, which keeps its place', async () => {
    const id = await publishedEvent(harness, { capacity: 6, maxPartySize: 4 });
    const a = await register(harness, id, registrant(4));
    const b = await register(harness, id, registrant(2));
    const c = await register(harness, id, registrant(3));
    const d = await register(harness, id, registrant(1));
    const e = await register(harness, id, registrant(2));
    expect([a.status, b.status, c.status, d.status, e.status]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect([c.waitlistPosition, d.waitlistPosition, e.waitlistPosition]).toEqual([1, 2, 3]);

    // 2 seats free: C (3) does not fit and is skipped; D (1) fits; E (2) no longer does.
    await harness.http().patch(`/registrations/self/${a.selfServiceToken}`).send({ partySize: 2 }).expect(200);
    expect([await statusOf(c.id), await statusOf(d.id), await statusOf(e.id)]).toEqual(['waitlisted', 'confirmed', 'waitlisted']);
    const cView = await harness.http().get(`/registrations/self/${c.selfServiceToken}`).expect(200);
    expect(cView.body.waitlistPosition).toBe(1);

    // 3 seats free: C kept its place and goes before E.
    await harness.http().delete(`/registrations/self/${b.selfServiceToken}`).expect(200);
    expect([await statusOf(c.id), await statusOf(e.id)]).toEqual(['confirmed', 'waitlisted']);

    // More capacity promotes E.
    await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send({ capacity: 8 }).expect(200);
    expect(await statusOf(e.id)).toBe('confirmed');
    expect(await seatsOf(harness, id)).toEqual({ seated: 8, seatsTaken: 8, capacity: 8 });

    const envelopes = await harness.waitForEnvelopes(id, (all) => promotions(all).length >= 3);
    expect(promotions(envelopes).map((p) => [p.registrationId, p.trigger, p.status])).toEqual([
      [d.id, 'party-size-reduced', 'confirmed'],
      [c.id, 'cancellation', 'confirmed'],
      [e.id, 'capacity-increased', 'confirmed'],
    ]);
  });

  it('with a claim deadline, promoted parties hold their seats until they claim, and the sweeper moves unclaimed seats on', async () => {
    const id = await publishedEvent(harness, { capacity: 2, maxPartySize: 2, claimWindowHours: 2 });
    const a = await register(harness, id, registrant(2));
    const b = await register(harness, id, registrant(2));
    const c = await register(harness, id, registrant(1));
    const d = await register(harness, id, registrant(1));

    await harness.http().delete(`/registrations/self/${a.selfServiceToken}`).expect(200);
    const offered = await harness.http().get(`/registrations/self/${b.selfServiceToken}`).expect(200);
    expect(offered.body.status).toBe('offered');
    const deadline = Date.parse(offered.body.offerExpiresAt);
    expect(deadline).toBeGreaterThan(Date.now() + 1.9 * 3_600_000);
    expect(deadline).toBeLessThan(Date.now() + 2.1 * 3_600_000);
    // The offer holds the seats: a newcomer waits.
    expect((await register(harness, id, registrant(1))).status).toBe('waitlisted');
    await harness.http().post(`/registrations/self/${c.selfServiceToken}/claim`).expect(409).expect((res) => expect(res.body.code).toBe('registration-offer-not-pending'));

    expect(await harness.sweeper.sweep(new Date(deadline - 60_000))).toEqual({ expired: 0, promoted: 0 });
    const swept = await harness.sweeper.sweep(new Date(deadline + 60_000));
    expect(swept).toEqual({ expired: 1, promoted: 2 });
    expect([await statusOf(b.id), await statusOf(c.id), await statusOf(d.id)]).toEqual(['expired', 'offered', 'offered']);
    await harness.http().post(`/registrations/self/${b.selfServiceToken}/claim`).expect(409);

    // C's deadline counts from the sweep's clock, so C can claim now; claiming twice is harmless.
    await harness.http().post(`/registrations/self/${c.selfServiceToken}/claim`).expect(200).expect((res) => expect(res.body.status).toBe('confirmed'));
    await harness.http().post(`/registrations/self/${c.selfServiceToken}/claim`).expect(200);
    // An offer whose deadline has passed cannot be claimed even before the sweeper runs.
    await harness.dataSource.query(`UPDATE registrations SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`, [d.id]);
    await harness.http().post(`/registrations/self/${d.selfServiceToken}/claim`).expect(409).expect((res) => expect(res.body.code).toBe('registration-offer-expired'));
    expect(await seatsOf(harness, id)).toMatchObject({ seated: 2, seatsTaken: 2 });

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'registration.confirmed' && (e.payload as { confirmedBy: string }).confirmedBy === 'claimed'));
    expect(envelopes.find((e) => e.type === 'registration.cancelled' && (e.payload as { reason: string }).reason === 'claim-expired')?.payload).toMatchObject({ registrationId: b.id, previousStatus: 'offered' });
    expect(promotions(envelopes).map((p) => [p.registrationId, p.status, p.trigger])).toEqual([
      [b.id, 'offered', 'cancellation'],
      [c.id, 'offered', 'claim-expired'],
      [d.id, 'offered', 'claim-expired'],
    ]);
    expect(promotions(envelopes).every((p) => p.claimDeadline !== null)).toBe(true);
  });

  it('promotes nobody into a cancelled event', async () => {
    const id = await publishedEvent(harness, { capacity: 1, maxPartySize: 1 });
    const a = await register(harness, id, registrant(1));
    const b = await register(harness, id, registrant(1));
    await harness.http().post(`/community-events/${id}/cancel`).send({ reason: 'Venue flooded' }).expect(200);
    await harness.http().delete(`/registrations/self/${a.selfServiceToken}`).expect(200);
    expect(await statusOf(b.id)).toBe('waitlisted');
  });
});
