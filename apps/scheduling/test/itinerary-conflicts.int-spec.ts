import { randomUUID } from 'node:crypto';
import { SchedulingHarness, kc } from './scheduling-harness';

const item = (overrides: Record<string, unknown> = {}) => ({
  kind: 'workshop-panel',
  title: 'Panel on civic technology',
  startsAt: '2027-03-09T15:00:00Z',
  endsAt: '2027-03-09T16:00:00Z',
  timeZone: kc.timeZone,
  attendees: { wholeDelegation: true },
  ...overrides,
});

describe('itinerary conflicts (real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_conflicts_test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function counts() {
    const [row] = await h.dataSource.query('SELECT (SELECT count(*) FROM agenda_items)::int AS items, (SELECT count(*) FROM outbox)::int AS outbox');
    return row as { items: number; outbox: number };
  }

  it('schedules an item, answers with its ETag and publishes agenda-item.scheduled keyed by the program', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const response = await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
    expect(response.headers['etag']).toBe('"1"');
    expect(response.body).toMatchObject({ status: 'tentative', version: 1, localStart: '2027-03-09T09:00:00.000-06:00', attendees: { wholeDelegation: true, participantIds: [...participantIds].sort() } });
    const itemId = response.body.itemId as string;
    await h.recorder.waitFor(() => h.changesOf(itemId).length === 1);
    const [{ message, envelope }] = h.changesOf(itemId);
    expect(message.key).toBe(programId);
    expect(envelope).toMatchObject({ type: 'agenda-item.scheduled', producer: 'scheduling', key: programId, payload: { before: null, cause: 'coordinator', version: 1 } });
    expect(envelope.payload.affectedParticipantIds).toEqual([...participantIds].sort());
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a start without an offset', { startsAt: '2027-03-09T09:00:00' }, 'startsAt'],
    ['an impossible date', { endsAt: '2027-02-30T10:00:00Z' }, 'endsAt'],
    ['an end before the start', { endsAt: '2027-03-09T14:00:00Z' }, 'endsAt'],
    ['an unknown kind', { kind: 'picnic' }, 'kind'],
    ['an unknown field', { budget: 10 }, 'budget'],
    ['a malformed participant id', { attendees: { wholeDelegation: false, participantIds: ['x'] } }, 'attendees.participantIds'],
    ['a participant of no such program', { attendees: { wholeDelegation: false, participantIds: [randomUUID()] } }, 'attendees.participantIds.0'],
    ['nobody attending', { attendees: { wholeDelegation: false } }, 'attendees'],
    ['a resource meeting without a resource', { kind: 'resource-meeting' }, 'resourceId'],
    ['an unknown venue', { venueId: randomUUID() }, 'venueId'],
    ['a negative buffer', { travelBufferMinutes: -5 }, 'travelBufferMinutes'],
  ])('answers %s with 400 problem+json naming the field, and writes nothing', async (_case, change, field) => {
    const { programId } = await programOnce();
    const before = await counts();
    const response = await h.http().post(`/programs/${programId}/agenda-items`).send(item(change)).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  let shared: Promise<{ programId: string; participantIds: string[] }> | null = null;
  const programOnce = () => (shared ??= h.newProgram(1));

  it('answers an unknown program with 404 and a malformed program id with 400 naming programId', async () => {
    await h.http().post(`/programs/${randomUUID()}/agenda-items`).send(item()).expect(404).expect('content-type', /problem\+json/);
    const bad = await h.http().post('/programs/nope/agenda-items').send(item()).expect(400);
    expect(bad.body.errors[0].field).toBe('programId');
  });

  it('refuses to put a participant in two overlapping items: 409 naming the rule and the item in the way', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const first = await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
    const before = await counts();
    const clash = await h
      .http()
      .post(`/programs/${programId}/agenda-items`)
      .send(item({ startsAt: '2027-03-09T15:30:00Z', endsAt: '2027-03-09T16:30:00Z', attendees: { wholeDelegation: false, participantIds: [participantIds[1]] } }))
      .expect(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    expect(clash.body).toMatchObject({ code: 'itinerary-conflict', rule: 'participant-double-booked', conflictingItemId: first.body.itemId, participantId: participantIds[1] });
    expect(await counts()).toEqual(before);
    // Back to back is no overlap: [15:00, 16:00) and [16:00, 17:00).
    await h.http().post(`/programs/${programId}/agenda-items`).send(item({ startsAt: '2027-03-09T16:00:00Z', endsAt: '2027-03-09T17:00:00Z' })).expect(201);
  });

  it('keeps the travel buffer between different venues (default 30 min, per-item override, larger of the two), not within one venue', async () => {
    const { programId } = await h.newProgram(1);
    const cityHall = await h.resource({ kind: 'venue', name: 'City Hall', timeZone: kc.timeZone, exclusive: false });
    const library = await h.resource({ kind: 'venue', name: 'Central Library', timeZone: kc.timeZone, exclusive: false });
    const port = await h.resource({ kind: 'venue', name: 'Port Authority', timeZone: kc.timeZone, exclusive: false });
    const post = (body: Record<string, unknown>) => h.http().post(`/programs/${programId}/agenda-items`).send(item(body));

    const a = await post({ venueId: cityHall, startsAt: '2027-03-10T15:00:00Z', endsAt: '2027-03-10T16:00:00Z' }).expect(201);
    // 20 minutes later at another venue: too tight for the 30-minute default.
    const tight = await post({ venueId: library, startsAt: '2027-03-10T16:20:00Z', endsAt: '2027-03-10T17:00:00Z' }).expect(409);
    expect(tight.body).toMatchObject({ rule: 'travel-buffer', conflictingItemId: a.body.itemId });
    // Same venue right after: fine.
    await post({ venueId: cityHall, startsAt: '2027-03-10T16:00:00Z', endsAt: '2027-03-10T16:30:00Z' }).expect(201);
    // 30 minutes after the second City Hall item, at the library: fine.
    await post({ venueId: library, startsAt: '2027-03-10T17:00:00Z', endsAt: '2027-03-10T18:00:00Z' }).expect(201);
    // The port needs 60 minutes on either side: 45 minutes after the library is refused, although the library needs only 30.
    const far = await post({ venueId: port, travelBufferMinutes: 60, startsAt: '2027-03-10T18:45:00Z', endsAt: '2027-03-10T19:30:00Z' }).expect(409);
    expect(far.body.rule).toBe('travel-buffer');
    const ok = await post({ venueId: port, travelBufferMinutes: 60, startsAt: '2027-03-10T19:00:00Z', endsAt: '2027-03-10T19:30:00Z' }).expect(201);
    expect(ok.body.travelBufferMinutes).toBe(60);
    // A travel leg has no venue: it is the travel, so it may sit right against both.
    await post({ kind: 'travel-leg', title: 'Bus to the airport', startsAt: '2027-03-10T19:30:00Z', endsAt: '2027-03-10T20:00:00Z' }).expect(201);
  });

  it('respects availability windows in the resource zone, across the spring-forward change', async () => {
    const { programId } = await h.newProgram(1);
    const police = await h.resource({
      kind: 'organisation',
      name: 'Kansas City Police Department',
      timeZone: kc.timeZone,
      exclusive: false,
      contact: { name: 'Sgt. Dana Reyes', role: 'Community engagement', email: 'reyes@kcpd.example' },
      availability: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }],
    });
    const meeting = (startsAt: string, endsAt: string) => h.http().post(`/programs/${programId}/agenda-items`).send(item({ kind: 'resource-meeting', resourceId: police, startsAt, endsAt }));
    // Friday 12 March 13:30Z is 07:30 CST: before the window.
    const early = await meeting('2027-03-12T13:30:00Z', '2027-03-12T14:30:00Z').expect(409);
    expect(early.body).toMatchObject({ rule: 'resource-unavailable', resourceId: police, localStart: 'Fri 2027-03-12 07:30 -06:00' });
    // Saturday morning: not a weekday.
    expect((await meeting('2027-03-13T15:00:00Z', '2027-03-13T16:00:00Z').expect(409)).body.rule).toBe('resource-unavailable');
    // Monday 15 March 13:30Z is 08:30 CDT: inside.
    const ok = await meeting('2027-03-15T13:30:00Z', '2027-03-15T14:30:00Z').expect(201);
    expect(ok.body.localStart).toBe('2027-03-15T08:30:00.000-05:00');
  });

  it('lets 1 of 100 concurrent bookings of one limited venue by 100 programs through, leaving zero overlaps', async () => {
    const room = await h.resource({ kind: 'venue', name: 'Council chamber', timeZone: kc.timeZone, exclusive: true, capacity: 40 });
    const programs = await Promise.all(Array.from({ length: 100 }, () => h.newProgram(1)));
    const started = Date.now();
    const responses = await Promise.all(
      programs.map(({ programId }) =>
        h.http().post(`/programs/${programId}/agenda-items`).send(item({ venueId: room, startsAt: '2027-03-11T15:00:00Z', endsAt: '2027-03-11T16:00:00Z' })),
      ),
    );
    const elapsed = Date.now() - started;
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const winner = responses.find((r) => r.status === 201)!.body.itemId;
    for (const loser of responses.filter((r) => r.status === 409)) expect(loser.body).toMatchObject({ rule: 'resource-double-booked', resourceId: room });
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.conflictingItemId === winner)).toBe(true);
    const [overlaps] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM resource_bookings a JOIN resource_bookings b
          ON a.resource_id = b.resource_id AND a.item_id < b.item_id AND a.during && b.during
       WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
    );
    expect(overlaps.n).toBe(0);
    console.log(`[measure] 100 concurrent bookings of one limited venue: 1 created, 99 refused in ${elapsed} ms`);
  });

  it('lets 1 of 100 concurrent overlapping items for one participant through, leaving zero overlaps', async () => {
    const { programId, participantIds } = await h.newProgram(1);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h
          .http()
          .post(`/programs/${programId}/agenda-items`)
          .send(item({ title: `Meeting ${i}`, startsAt: `2027-03-12T15:${String(i % 60).padStart(2, '0')}:00Z`, endsAt: '2027-03-12T17:00:00Z', attendees: { wholeDelegation: false, participantIds } })),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.rule === 'participant-double-booked')).toBe(true);
    const [overlaps] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM agenda_item_attendance a JOIN agenda_item_attendance b
          ON a.participant_id = b.participant_id AND a.item_id < b.item_id AND a.during && b.during
       WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
    );
    expect(overlaps.n).toBe(0);
  });
});
