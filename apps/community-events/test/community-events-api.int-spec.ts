import { randomUUID } from 'node:crypto';
import { DEMO_PROGRAM_ID, eventBody, publishedEvent, register, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

describe('community events API (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_api_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  async function counts() {
    const [row] = await harness.dataSource.query('SELECT (SELECT count(*) FROM community_events)::int AS events, (SELECT count(*) FROM outbox)::int AS outbox');
    return row as { events: number; outbox: number };
  }

  it('creates a draft silently, then publishes event.published keyed by the event id with its linked programs', async () => {
    const created = await harness.http().post('/community-events').set('x-correlation-id', 'ce-create-1').send(eventBody()).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, programIds: [DEMO_PROGRAM_ID], seats: { capacity: 50, taken: 0, available: 50, waitlistedParties: 0 } });
    expect(created.headers['etag']).toBe('"1"');
    const id = created.body.id as string;
    const [{ n }] = await harness.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE partition_key = $1', [id]);
    expect(n).toBe(0);

    const published = await harness.http().post(`/community-events/${id}/publish`).set('x-correlation-id', 'ce-publish-1').expect(200);
    expect(published.body).toMatchObject({ status: 'published', version: 2 });
    const [envelope] = await harness.waitForEnvelopes(id, (all) => all.length >= 1);
    expect(envelope).toMatchObject({ type: 'event.published', version: 1, producer: 'community-events', key: id, organisationId: 'kansas-city-council', correlationId: 'ce-publish-1' });
    expect(envelope.payload).toMatchObject({ eventId: id, programIds: [DEMO_PROGRAM_ID], timeZone: 'America/Chicago', venue: { name: 'Westside Community Center' }, version: 2 });

    await harness.http().post(`/community-events/${id}/publish`).expect(409).expect('content-type', /problem\+json/);
    const listed = await harness.http().get(`/community-events?programId=${DEMO_PROGRAM_ID}`).expect(200);
    expect(listed.body.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('updates only with a current If-Match: 428 without it, 412 when stale, then event.updated with the changed fields and unlinked programs', async () => {
    const id = await publishedEvent(harness);
    const otherProgram = randomUUID();
    const change = { startsAt: eventBody()['endsAt'], endsAt: new Date(Date.parse(eventBody()['endsAt'] as string) + 3_600_000).toISOString(), programIds: [otherProgram] };

    const missing = await harness.http().patch(`/community-events/${id}`).send(change).expect(428);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const stale = await harness.http().patch(`/community-events/${id}`).set('If-Match', '"1"').send(change).expect(412);
    expect(stale.body).toMatchObject({ code: 'community-event-version-stale', currentVersion: 2 });
    await harness.http().patch(`/community-events/${id}`).set('If-Match', 'abc').send(change).expect(400);

    const updated = await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send(change).expect(200);
    expect(updated.body).toMatchObject({ version: 3, programIds: [otherProgram], startsAt: change.startsAt });
    expect(updated.headers['etag']).toBe('"3"');

    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'event.updated'));
    const event = envelopes.find((e) => e.type === 'event.updated')!;
    expect(event.payload).toMatchObject({ changedFields: ['startsAt', 'endsAt', 'programIds'], unlinkedProgramIds: [DEMO_PROGRAM_ID], programIds: [otherProgram], version: 3 });

    // The same If-Match cannot win twice.
    await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send({ title: 'Again' }).expect(412);
  });

  it('refuses a capacity below the seats already held (409) and leaves the event unchanged', async () => {
    const id = await publishedEvent(harness, { capacity: 5 });
    await register(harness, id, registrant(4));
    const response = await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send({ capacity: 3 }).expect(409);
    expect(response.body).toMatchObject({ code: 'community-event-capacity-below-seats', seatsTaken: 4 });
    await harness.http().get(`/community-events/${id}`).expect(200).expect((res) => expect(res.body).toMatchObject({ version: 2, seats: { capacity: 5, taken: 4 } }));
  });

  it('cancelling an event with registrants publishes ONE event.cancelled and no per-registrant event', async () => {
    const id = await publishedEvent(harness, { capacity: 3 });
    for (const size of [2, 1, 2]) await register(harness, id, registrant(size));
    await harness.waitForEnvelopes(id, (all) => all.filter((e) => e.type.startsWith('registration.')).length === 3);

    const cancelled = await harness.http().post(`/community-events/${id}/cancel`).send({ reason: 'Severe weather warning' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Severe weather warning' });
    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'event.cancelled'));
    const afterRegistrations = envelopes.slice(envelopes.findIndex((e) => e.type === 'event.cancelled'));
    expect(afterRegistrations.map((e) => e.type)).toEqual(['event.cancelled']);
    expect(afterRegistrations[0].payload).toMatchObject({ eventId: id, reason: 'Severe weather warning', activeRegistrations: 3, programIds: [DEMO_PROGRAM_ID] });

    // The outbox is the record of everything this service published for the event.
    const outbox: { event_type: string }[] = await harness.dataSource.query('SELECT event_type FROM outbox WHERE partition_key = $1 ORDER BY id', [id]);
    expect(outbox.map((row) => row.event_type)).toEqual(['event.published', 'registration.confirmed', 'registration.confirmed', 'registration.waitlisted', 'event.cancelled']);

    await harness.http().post(`/community-events/${id}/cancel`).send({ reason: 'again' }).expect(409);
    const closed = await harness.http().post(`/community-events/${id}/registrations`).send(registrant(1)).expect(409);
    expect(closed.body).toMatchObject({ code: 'registration-closed', reason: 'not-published' });
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an end before the start', { endsAt: '2020-01-01T00:00:00Z' }, 'endsAt'],
    ['a start without an offset', { startsAt: '2027-03-09T18:00:00' }, 'startsAt'],
    ['an impossible date', { startsAt: '2027-02-30T18:00:00Z' }, 'startsAt'],
    ['a year Postgres would refuse', { startsAt: '0000-01-01T00:00:00Z' }, 'startsAt'],
    ['a negative capacity', { capacity: -1 }, 'capacity'],
    ['a capacity given as a string', { capacity: '50' }, 'capacity'],
    ['an unknown kind', { kind: 'rave' }, 'kind'],
    ['a venue without a name', { venue: { address: '1 Main St' } }, 'venue.name'],
    ['a program id that is not a uuid', { programIds: ['programme-1'] }, 'programIds'],
    ['an unknown field', { budget: 100 }, 'budget'],
    ['a window that closes before it opens', { registrationOpensAt: '2027-01-10T00:00:00Z', registrationClosesAt: '2027-01-01T00:00:00Z' }, 'registrationClosesAt'],
  ])('answers %s with 400 problem+json naming the field, and writes nothing', async (_case, change, field) => {
    const before = await counts();
    const response = await harness.http().post('/community-events').send({ ...eventBody(), ...change }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('answers a malformed id with 400 naming id, an unknown one with 404, and a null title in a PATCH with 400', async () => {
    const bad = await harness.http().get('/community-events/42').expect(400);
    expect(bad.body.errors[0].field).toBe('id');
    await harness.http().get(`/community-events/${randomUUID()}`).expect(404).expect('content-type', /problem\+json/);
    const id = await publishedEvent(harness);
    const nullTitle = await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send({ title: null }).expect(400);
    expect(nullTitle.body.errors.map((e: { field: string }) => e.field)).toContain('title');
    const empty = await harness.http().patch(`/community-events/${id}`).set('If-Match', '"2"').send({}).expect(400);
    expect(empty.body.errors[0].field).toBe('body');
  });

  it('describes every route it serves in its OpenAPI document', () => {
    const router = harness.service.app.getHttpAdapter().getInstance().router as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    const served = router.stack
      // The Swagger UI's pages (/docs, its catch-all assets) are not API routes, and the
      // shared health/metrics endpoints belong to service-kit, which documents its own.
      .filter((layer) => layer.route && !/^\/(docs|health|metrics)/.test(layer.route.path) && !layer.route.path.includes('*'))
      .flatMap((layer) => Object.keys(layer.route!.methods).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
      .sort();
    const documented = Object.entries(harness.service.openApi.paths)
      .filter(([path]) => !/^\/(health|metrics)/.test(path))
      .flatMap(([path, item]) => Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    expect(documented).toEqual(
      [
        'POST /community-events',
        'GET /community-events',
        'GET /community-events/{id}',
        'PATCH /community-events/{id}',
        'POST /community-events/{id}/publish',
        'POST /community-events/{id}/cancel',
        'POST /community-events/{id}/registrations',
        'GET /registrations/self/{token}',
        'PATCH /registrations/self/{token}',
        'DELETE /registrations/self/{token}',
        'POST /registrations/self/{token}/claim',
        'POST /community-events/{id}/slots',
        'GET /community-events/{id}/slots',
        'PUT /registrations/self/{token}/slots/{slotId}',
        'DELETE /registrations/self/{token}/slots/{slotId}',
        'POST /community-events/{id}/check-ins',
        'GET /community-events/{id}/check-ins/lookup',
        'GET /community-events/{id}/exports/registrants.csv',
        'GET /community-events/{id}/exports/waitlist.csv',
        'GET /community-events/{id}/exports/check-ins.csv',
      ].sort(),
    );
  });
});
