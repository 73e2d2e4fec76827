import { DEMO_PROGRAM_ID, publishedEvent, register, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

describe('sign-up slots, check-in and exports (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_slots_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('never over-claims a slot: 30 confirmed registrants race for "main dish ×10"', async () => {
    const id = await publishedEvent(harness, { capacity: 100 });
    const slot = await harness.http().post(`/community-events/${id}/slots`).send({ label: 'main dish', quantity: 10 }).expect(201);
    const people = [];
    for (let i = 0; i < 30; i += 1) people.push(await register(harness, id, registrant(1)));

    const responses = await Promise.all(people.map((p) => harness.http().put(`/registrations/self/${p.selfServiceToken}/slots/${slot.body.id}`).send({})));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'slot-full')).toBe(true);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(20);

    const [row] = await harness.dataSource.query(
      'SELECT s.claimed, (SELECT coalesce(sum(quantity), 0)::int FROM slot_claims WHERE slot_id = s.id) AS rows FROM signup_slots s WHERE id = $1',
      [slot.body.id],
    );
    expect(row).toEqual({ claimed: 10, rows: 10 });
    const envelopes = await harness.waitForEnvelopes(id, (all) => all.filter((e) => e.type === 'slot.claimed').length >= 10);
    expect(envelopes.filter((e) => e.type === 'slot.claimed')).toHaveLength(10);
    expect(Math.max(...envelopes.filter((e) => e.type === 'slot.claimed').map((e) => (e.payload as { claimed: number }).claimed))).toBe(10);
  });

  it('claims, changes and releases sign-ups, releases them on cancellation, and shows organisers who brings what', async () => {
    const id = await publishedEvent(harness, { capacity: 3, maxPartySize: 2 });
    const dessert = (await harness.http().post(`/community-events/${id}/slots`).send({ label: 'dessert', quantity: 8 }).expect(201)).body.id as string;
    const setup = (await harness.http().post(`/community-events/${id}/slots`).send({ label: 'set-up volunteer', quantity: 4 }).expect(201)).body.id as string;
    await harness.http().post(`/community-events/${id}/slots`).send({ label: 'Dessert', quantity: 2 }).expect(409);
    await harness.http().post(`/community-events/${id}/slots`).send({ label: '', quantity: 0 }).expect(400);

    const ana = await register(harness, id, registrant(2, { name: 'Ana Morales' }));
    const bo = await register(harness, id, registrant(1, { name: 'Bo Lindqvist' }));
    const waiting = await register(harness, id, registrant(2));
    expect(waiting.status).toBe('waitlisted');

    await harness.http().put(`/registrations/self/${ana.selfServiceToken}/slots/${dessert}`).send({ quantity: 3 }).expect(200);
    await harness.http().put(`/registrations/self/${ana.selfServiceToken}/slots/${dessert}`).send({ quantity: 2 }).expect(200);
    await harness.http().put(`/registrations/self/${ana.selfServiceToken}/slots/${setup}`).send({}).expect(200);
    await harness.http().put(`/registrations/self/${bo.selfServiceToken}/slots/${dessert}`).send({ quantity: 1 }).expect(200);
    await harness.http().delete(`/registrations/self/${bo.selfServiceToken}/slots/${dessert}`).expect(200);
    await harness.http().delete(`/registrations/self/${bo.selfServiceToken}/slots/${dessert}`).expect(200);
    const notConfirmed = await harness.http().put(`/registrations/self/${waiting.selfServiceToken}/slots/${dessert}`).send({}).expect(409);
    expect(notConfirmed.body.code).toBe('slot-not-claimable');
    await harness.http().put(`/registrations/self/${ana.selfServiceToken}/slots/not-a-uuid`).send({}).expect(400);

    const list = await harness.http().get(`/community-events/${id}/slots`).expect(200);
    expect(list.body.map((s: { label: string; claimed: number; claims: { name: string; quantity: number }[] }) => [s.label, s.claimed, s.claims.map((c) => `${c.name}×${c.quantity}`)])).toEqual([
      ['dessert', 2, ['Ana Morales×2']],
      ['set-up volunteer', 1, ['Ana Morales×1']],
    ]);

    // Ana cancels: her sign-ups are released and the waiting party of 2 takes her seats.
    await harness.http().delete(`/registrations/self/${ana.selfServiceToken}`).expect(200);
    const after = await harness.http().get(`/community-events/${id}/slots`).expect(200);
    expect(after.body.map((s: { claimed: number }) => s.claimed)).toEqual([0, 0]);

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'registration.promoted'));
    const slotEvents = envelopes.filter((e) => e.type.startsWith('slot.')).map((e) => {
      const p = e.payload as { label: string; quantity: number; claimed: number; reason?: string };
      return `${e.type} ${p.label} ${p.quantity} -> ${p.claimed}${p.reason ? ` (${p.reason})` : ''}`;
    });
    expect(slotEvents.slice(0, 5)).toEqual([
      'slot.claimed dessert 3 -> 3',
      'slot.released dessert 1 -> 2 (registrant)',
      'slot.claimed set-up volunteer 1 -> 1',
      'slot.claimed dessert 1 -> 3',
      'slot.released dessert 1 -> 2 (registrant)',
    ]);
    // The cancellation releases both of Ana's sign-ups (in slot-id order, which is random).
    expect(slotEvents.slice(5).sort()).toEqual(['slot.released dessert 2 -> 0 (registration-cancelled)', 'slot.released set-up volunteer 1 -> 0 (registration-cancelled)']);
  });

  it('checks in by QR token and by name lookup, once, and publishes the party size with the linked programs', async () => {
    const id = await publishedEvent(harness, { capacity: 3, maxPartySize: 3 });
    const ana = await register(harness, id, registrant(3, { name: 'Ana Morales' }));
    const waiting = await register(harness, id, registrant(1, { name: 'Ana Waiting' }));

    const first = await harness.http().post(`/community-events/${id}/check-ins`).send({ token: ana.selfServiceToken }).expect(201);
    expect(first.body).toMatchObject({ registrationId: ana.id, partySize: 3, checkedInParty: 3 });
    await harness.http().post(`/community-events/${id}/check-ins`).send({ token: ana.selfServiceToken }).expect(200);
    await harness.http().patch(`/registrations/self/${ana.selfServiceToken}`).send({ partySize: 2 }).expect(409);

    const found = await harness.http().get(`/community-events/${id}/check-ins/lookup?name=MORA`).expect(200);
    expect(found.body.map((r: { name: string }) => r.name)).toEqual(['Ana Morales']);
    await harness.http().get(`/community-events/${id}/check-ins/lookup?name=a`).expect(400).expect((res) => expect(res.body.errors[0].field).toBe('name'));
    const refused = await harness.http().post(`/community-events/${id}/check-ins`).send({ registrationId: waiting.id }).expect(409);
    expect(refused.body.code).toBe('check-in-not-allowed');
    const both = await harness.http().post(`/community-events/${id}/check-ins`).send({ token: ana.selfServiceToken, registrationId: ana.id }).expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['registrationId', 'token']);

    const second = await publishedEvent(harness, { capacity: 10 });
    const bo = await register(harness, second, registrant(3, { name: 'Bo Lindqvist' }));
    const [match] = (await harness.http().get(`/community-events/${second}/check-ins/lookup?name=lindq`).expect(200)).body;
    await harness.http().post(`/community-events/${second}/check-ins`).send({ registrationId: match.registrationId, partySize: 4 }).expect(400);
    await harness.http().post(`/community-events/${second}/check-ins`).send({ registrationId: match.registrationId, partySize: 2 }).expect(201);
    expect(match.registrationId).toBe(bo.id);

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'registration.checked-in'));
    expect(envelopes.filter((e) => e.type === 'registration.checked-in').map((e) => e.payload)).toEqual([
      expect.objectContaining({ registrationId: ana.id, partySize: 3, programIds: [DEMO_PROGRAM_ID], method: 'token' }),
    ]);
    const secondEnvelopes = await harness.waitForEnvelopes(second, (all) => all.some((e) => e.type === 'registration.checked-in'));
    expect(secondEnvelopes.find((e) => e.type === 'registration.checked-in')?.payload).toMatchObject({ partySize: 2, method: 'name-lookup' });
  });

  it('exports registrants, the waitlist and check-ins as CSV for organisers', async () => {
    const id = await publishedEvent(harness, { capacity: 2, maxPartySize: 2 });
    const slot = (await harness.http().post(`/community-events/${id}/slots`).send({ label: 'main dish', quantity: 10 }).expect(201)).body.id as string;
    const ana = await register(harness, id, registrant(2, { name: 'Ana, "the cook"', email: 'ana@example.org', accessibilityNeeds: 'step-free entrance' }));
    await harness.http().put(`/registrations/self/${ana.selfServiceToken}/slots/${slot}`).send({ quantity: 2 }).expect(200);
    await register(harness, id, registrant(1, { name: '=HYPERLINK("http://evil")', email: 'eve@example.org' }));
    await register(harness, id, registrant(2, { name: 'Cy', email: 'cy@example.org' }));
    await harness.http().post(`/community-events/${id}/check-ins`).send({ token: ana.selfServiceToken, partySize: 1 }).expect(201);

    const registrants = await harness.http().get(`/community-events/${id}/exports/registrants.csv`).expect(200);
    expect(registrants.headers['content-type']).toContain('text/csv');
    expect(registrants.headers['content-disposition']).toContain('registrants.csv');
    const lines = registrants.text.trim().split('\r\n');
    expect(lines[0]).toBe('registrationId,status,name,email,phone,partySize,preferredLanguage,accessibilityNeeds,signUps,offerExpiresAt,registeredAt,checkedInAt');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Ana, ""the cook"""');
    expect(lines[1]).toContain('ana@example.org');
    expect(lines[1]).toContain('step-free entrance');
    expect(lines[1]).toContain('main dish x2');

    const waitlist = (await harness.http().get(`/community-events/${id}/exports/waitlist.csv`).expect(200)).text.trim().split('\r\n');
    expect(waitlist.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2']);
    expect(waitlist[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(waitlist[2]).toContain('cy@example.org');

    const checkIns = (await harness.http().get(`/community-events/${id}/exports/check-ins.csv`).expect(200)).text.trim().split('\r\n');
    expect(checkIns).toHaveLength(2);
    expect(checkIns[1]).toContain(',2,1,');
  });
});
