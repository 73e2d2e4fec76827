import { publishedEvent, register, registrant, seatsOf, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

describe('registrations (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_registrations_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('never seats more than capacity: 300 concurrent registrations of parties of 1..4 for 50 seats', async () => {
    const id = await publishedEvent(harness, { capacity: 50, maxPartySize: 4 });
    const parties = Array.from({ length: 300 }, () => 1 + Math.floor(Math.random() * 4));
    const started = performance.now();
    const responses = await Promise.all(parties.map((size) => harness.http().post(`/community-events/${id}/registrations`).send(registrant(size))));
    const seconds = (performance.now() - started) / 1000;

    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.every((s) => s === 'confirmed' || s === 'waitlisted')).toBe(true);

    const rows: { status: string; party_size: number }[] = await harness.dataSource.query('SELECT status, party_size FROM registrations WHERE event_id = $1', [id]);
    expect(rows).toHaveLength(300);
    const seated = rows.filter((r) => r.status === 'confirmed').reduce((sum, r) => sum + r.party_size, 0);
    expect(seated).toBeLessThanOrEqual(50);
    expect(await seatsOf(harness, id)).toEqual({ seated, seatsTaken: seated, capacity: 50 });
    // Seats were only ever taken, so a waiting party that fits the seats left now would
    // have fitted when it registered: none may exist.
    const free = 50 - seated;
    expect(rows.filter((r) => r.status === 'waitlisted' && r.party_size <= free)).toEqual([]);
    // Waitlist positions are 1..n without gaps or repeats.
    const positions = responses.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.waitlistPosition as number).sort((a, b) => a - b);
    expect(positions).toEqual(positions.map((_, i) => i + 1));

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.filter((e) => e.type.startsWith('registration.')).length >= 300, 60_000);
    const registrationEvents = envelopes.filter((e) => e.type.startsWith('registration.'));
    expect(registrationEvents).toHaveLength(300);
    expect(registrationEvents.filter((e) => e.type === 'registration.confirmed').reduce((sum, e) => sum + (e.payload as { partySize: number }).partySize, 0)).toBe(seated);
    console.log(`[capacity] 300 concurrent registrations, 50 seats: seated ${seated}, ${statuses.filter((s) => s === 'confirmed').length} confirmed, ${positions.length} waitlisted, ${seconds.toFixed(2)} s (${(300 / seconds).toFixed(0)}/s)`);
  });

  it('an idempotent retry does not register twice: 200 with the same registration and no second token, also under concurrency', async () => {
    const id = await publishedEvent(harness, { capacity: 10 });
    const body = registrant(2, { email: 'Retry.Person@Example.org' });
    const first = await harness.http().post(`/community-events/${id}/registrations`).send(body).expect(201);
    expect(first.body.selfServiceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const retry = await harness.http().post(`/community-events/${id}/registrations`).send({ ...body, email: 'retry.person@example.org' }).expect(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.selfServiceToken).toBeUndefined();

    const burst = await Promise.all(Array.from({ length: 12 }, () => harness.http().post(`/community-events/${id}/registrations`).send(registrant(1, { email: 'burst@example.org' }))));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 200)).toHaveLength(11);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND lower(email) = 'burst@example.org'`, [id]);
    expect(n).toBe(1);
    expect(await seatsOf(harness, id)).toMatchObject({ seated: 3, seatsTaken: 3 });

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.filter((e) => e.type === 'registration.confirmed').length >= 2);
    expect(envelopes.filter((e) => e.type === 'registration.confirmed')).toHaveLength(2);
  });

  it('keeps accessibility needs off Kafka and out of the self-service view, and gives them to organisers only', async () => {
    const id = await publishedEvent(harness);
    const secret = 'needs step-free access ZQX-7731';
    const { selfServiceToken, id: registrationId } = await register(harness, id, registrant(1, { accessibilityNeeds: secret, phone: '+1 816 555 0100' }));
    await harness.waitForEnvelopes(id, (all) => all.some((e) => (e.payload as { registrationId?: string }).registrationId === registrationId));
    const raw = harness.recorder.messages.filter((m) => m.key === id).map((m) => m.value ?? '');
    expect(raw.join('\n')).not.toContain('ZQX-7731');
    const view = await harness.http().get(`/registrations/self/${selfServiceToken}`).expect(200);
    expect(JSON.stringify(view.body)).not.toContain('ZQX-7731');
    const csv = await harness.http().get(`/community-events/${id}/exports/registrants.csv`).expect(200);
    expect(csv.text).toContain(secret);
  });

  it('serves the secret link: view, grow into free seats only, refuse an over-large party, cancel twice harmlessly, re-register', async () => {
    const id = await publishedEvent(harness, { capacity: 4, maxPartySize: 4 });
    const mine = await register(harness, id, registrant(2, { email: 'link@example.org' }));
    await register(harness, id, registrant(1));
    const view = await harness.http().get(`/registrations/self/${mine.selfServiceToken}`).expect(200);
    expect(view.body).toMatchObject({ id: mine.id, status: 'confirmed', partySize: 2, event: { id, timeZone: 'America/Chicago' }, slots: [] });

    await harness.http().patch(`/registrations/self/${mine.selfServiceToken}`).send({ partySize: 3 }).expect(200);
    const noSeats = await harness.http().patch(`/registrations/self/${mine.selfServiceToken}`).send({ partySize: 4 }).expect(409);
    expect(noSeats.body).toMatchObject({ code: 'registration-not-enough-seats', seatsAvailable: 0 });
    const tooLarge = await harness.http().patch(`/registrations/self/${mine.selfServiceToken}`).send({ partySize: 5 }).expect(400);
    expect(tooLarge.body.errors.map((e: { field: string }) => e.field)).toContain('partySize');

    await harness.http().get('/registrations/self/not-a-token').expect(400).expect((res) => expect(res.body.errors[0].field).toBe('token'));
    await harness.http().get(`/registrations/self/${'A'.repeat(43)}`).expect(404).expect('content-type', /problem\+json/);

    await harness.http().delete(`/registrations/self/${mine.selfServiceToken}`).expect(200).expect((res) => expect(res.body.status).toBe('cancelled'));
    await harness.http().delete(`/registrations/self/${mine.selfServiceToken}`).expect(200).expect((res) => expect(res.body.status).toBe('cancelled'));
    expect(await seatsOf(harness, id)).toMatchObject({ seated: 1, seatsTaken: 1 });
    await harness.http().post(`/community-events/${id}/registrations`).send(registrant(2, { email: 'link@example.org' })).expect(201);

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.filter((e) => e.type === 'registration.confirmed').length >= 3);
    expect(envelopes.filter((e) => e.type === 'registration.cancelled')).toHaveLength(1);
    expect(envelopes.find((e) => e.type === 'registration.party-size-changed')?.payload).toMatchObject({ previousPartySize: 2, partySize: 3 });
  });

  it.each([
    ['a party over the event maximum', { partySize: 9 }, 'partySize'],
    ['a party of zero', { partySize: 0 }, 'partySize'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a language that is not BCP 47', { preferredLanguage: 'english please' }, 'preferredLanguage'],
    ['a phone with letters', { phone: 'call me maybe' }, 'phone'],
    ['an unknown field', { vip: true }, 'vip'],
  ])('answers %s with 400 problem+json naming the field, and registers nobody', async (_case, change, field) => {
    const id = await publishedEvent(harness, { maxPartySize: 4 });
    const response = await harness.http().post(`/community-events/${id}/registrations`).send({ ...registrant(1), ...change }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const [{ n }] = await harness.dataSource.query('SELECT count(*)::int AS n FROM registrations WHERE event_id = $1', [id]);
    expect(n).toBe(0);
  });

  it('does not reveal drafts to the public (404) and refuses registrations before the window opens (409 problem+json)', async () => {
    const draft = await harness.http().post('/community-events').send((await import('./community-events.harness')).eventBody()).expect(201);
    const refused = await harness.anonymous().post(`/community-events/${draft.body.id}/registrations`).send(registrant(1)).expect(404);
    expect(refused.body).toMatchObject({ code: 'community-event-not-found' });
    await harness.anonymous().get(`/community-events/${draft.body.id}`).expect(404);
    // Its organisers do see it.
    await harness.http().get(`/community-events/${draft.body.id}`).expect(200);
    const later = await publishedEvent(harness, { registrationOpensAt: new Date(Date.now() + 24 * 3_600_000).toISOString() });
    const early = await harness.http().post(`/community-events/${later}/registrations`).send(registrant(1)).expect(409);
    expect(early.body.reason).toBe('not-open-yet');
  });
});
