import { randomUUID } from 'node:crypto';
import { PROGRAM_STATUSES } from '@diplomacy/contracts';
import type { ProgramStatus } from '@diplomacy/contracts';
import { testTokens } from '@diplomacy/testing';
import { ProgramStatusPolicy } from '../src/programs/program-status.policy';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

const draft = (overrides: Record<string, unknown> = {}) => ({
  organisationId: 'kansas-city-council',
  title: 'Policing and community trust',
  kind: 'international-visitor',
  theme: 'Policing and community trust',
  startDate: '2027-04-05',
  endDate: '2027-04-16',
  ...overrides,
});

/** The walk from draft to each status along the happy path. */
const PATH: ProgramStatus[] = ['planned', 'confirmed', 'in-progress', 'completed'];

describe('program lifecycle, partial updates and lists (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;
  let council: string;
  let police: string;

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_lifecycle_test');
    const organisation = (kind: string, name: string, resourceType?: string) =>
      sut
        .http()
        .post('/organisations')
        .send({ managedBy: 'kansas-city-council', name, kind, resourceType, address: { city: 'Kansas City', country: 'US' }, timeZone: 'America/Chicago' })
        .expect(201)
        .then((r) => r.body.id as string);
    council = await organisation('host-council', 'Kansas City Council for International Visitors');
    police = await organisation('resource-organisation', 'KCPD', 'police-department');
  });

  afterAll(async () => {
    await sut?.stop();
  });

  async function createIn(status: ProgramStatus, overrides: Record<string, unknown> = {}, token: string = testTokens.coordinator): Promise<string> {
    const id = (await sut.http(token).post('/programs').send(draft(overrides)).expect(201)).body.id as string;
    if (status === 'draft') return id;
    if (status === 'cancelled') {
      await sut.http(token).post(`/programs/${id}/transitions`).send({ to: 'cancelled', reason: 'setup' }).expect(200);
      return id;
    }
    for (const step of PATH.slice(0, PATH.indexOf(status) + 1)) {
      await sut.http(token).post(`/programs/${id}/transitions`).send({ to: step }).expect(200);
    }
    return id;
  }

  it('walks draft → planned → confirmed → in-progress → completed, publishing program.status-changed for each step in order', async () => {
    const id = await createIn('draft');
    let version = 1;
    for (const to of PATH) {
      const response = await sut.http().post(`/programs/${id}/transitions`).send({ to }).expect(200);
      version += 1;
      expect(response.body).toMatchObject({ status: to, version });
      expect(response.headers['etag']).toBe(`W/"${version}"`);
    }
    const events = await sut.events(id, 'program.status-changed', 4);
    expect(events.map((e) => e.payload as { from: string; to: string }).map((p) => `${p.from}→${p.to}`)).toEqual([
      'draft→planned',
      'planned→confirmed',
      'confirmed→in-progress',
      'in-progress→completed',
    ]);
    expect(events[3].payload).toMatchObject({ programId: id, reason: null, version: 5 });
  });

  // Every pair of statuses: legal moves succeed, all others are 409 naming the allowed moves and change nothing.
  const pairs = PROGRAM_STATUSES.flatMap((from) => PROGRAM_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', async (from, to) => {
    const id = await createIn(from);
    const before = (await sut.http().get(`/programs/${id}`).expect(200)).body;
    const response = await sut.http().post(`/programs/${id}/transitions`).send({ to, reason: to === 'cancelled' ? 'visa refusals' : undefined });
    if (ProgramStatusPolicy.canMove(from, to)) {
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: to, version: before.version + 1 });
      if (to === 'cancelled') {
        expect(response.body.statusReason).toBe('visa refusals');
        // The set-up walk to `from` published one event per step; the cancellation is the one after them.
        const setUpSteps = from === 'draft' ? 0 : PATH.indexOf(from) + 1;
        const event = (await sut.events(id, 'program.status-changed', setUpSteps + 1))[setUpSteps];
        expect(event.payload).toMatchObject({ from, to: 'cancelled', reason: 'visa refusals' });
      }
    } else {
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'illegal-status-transition', currentStatus: from, requestedStatus: to, allowedTransitions: [...ProgramStatusPolicy.allowedFrom(from)] });
      expect((await sut.http().get(`/programs/${id}`).expect(200)).body).toEqual(before);
    }
  });

  it('needs a reason to cancel, and names it', async () => {
    const id = await createIn('planned');
    const response = await sut.http().post(`/programs/${id}/transitions`).send({ to: 'cancelled' }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['reason']);
    const unknown = await sut.http().post(`/programs/${id}/transitions`).send({ to: 'postponed' }).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['to']);
    await sut.http().post(`/programs/${randomUUID()}/transitions`).send({ to: 'planned' }).expect(404);
  });

  it('of two concurrent identical transitions, exactly one wins; the other sees the new status and gets 409', async () => {
    const id = await createIn('draft');
    const results = await Promise.all([1, 2].map(() => sut.http().post(`/programs/${id}/transitions`).send({ to: 'planned' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ currentStatus: 'planned', allowedTransitions: ['confirmed', 'cancelled'] });
    const [event] = await sut.events(id, 'program.status-changed');
    expect(event.payload).toMatchObject({ from: 'draft', to: 'planned', version: 2 });
    // Give a (wrong) second event time to arrive before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sut.rawMessages(id).filter((m) => m.includes('"program.status-changed"'))).toHaveLength(1);
  });

  it('updates partially with If-Match, stores legs and co-hosts, and publishes program.updated with only the changed fields', async () => {
    const id = await createIn('draft');
    const legs = [
      { city: 'Washington', timeZone: 'America/New_York', startDate: '2027-04-05', endDate: '2027-04-10' },
      { city: 'Kansas City', timeZone: 'America/Chicago', startDate: '2027-04-10', endDate: '2027-04-16', localHostOrganisationId: council },
    ];
    const response = await sut
      .http()
      .patch(`/programs/${id}`)
      .set('If-Match', 'W/"1"')
      .send({ objectives: ['Meet community engagement officers'], hostOrganisationId: council, coHostOrganisationIds: [police], legs })
      .expect(200);
    expect(response.headers['etag']).toBe('W/"2"');
    expect(response.body).toMatchObject({ version: 2, hostOrganisationId: council, coHostOrganisationIds: [police], title: draft().title });
    expect(response.body.legs).toEqual([expect.objectContaining({ ...legs[0], localHostOrganisationId: null }), expect.objectContaining(legs[1])]);

    const [event] = await sut.events(id, 'program.updated');
    expect(event.payload).toMatchObject({ programId: id, version: 2, changedFields: ['objectives', 'hostOrganisationId', 'coHostOrganisationIds', 'legs'] });
    expect(Object.keys((event.payload as { changes: object }).changes).sort()).toEqual(['coHostOrganisationIds', 'hostOrganisationId', 'legs', 'objectives']);

    // Keeping a leg by id keeps its identity.
    const kansasCity = response.body.legs[1];
    const kept = await sut.http().patch(`/programs/${id}`).set('If-Match', '2').send({ title: 'Policing and trust', legs: [{ ...kansasCity, startDate: '2027-04-11' }] }).expect(200);
    expect(kept.body.legs).toEqual([{ ...kansasCity, startDate: '2027-04-11' }]);
  });

  it('of two concurrent updates holding the same version, exactly one wins; the loser gets 412 and writes nothing', async () => {
    const id = await createIn('draft');
    const results = await Promise.all(
      ['Title A', 'Title B', 'Title C'].map((title) => sut.http().patch(`/programs/${id}`).set('If-Match', 'W/"1"').send({ title })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const winner = results.find((r) => r.status === 200)!.body.title;
    const loser = results.find((r) => r.status === 412)!;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.body).toMatchObject({ code: 'version-conflict', expectedVersion: 1, currentVersion: 2 });
    const stored = (await sut.http().get(`/programs/${id}`).expect(200)).body;
    expect(stored).toMatchObject({ title: winner, version: 2 });
    await sut.events(id, 'program.updated');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sut.rawMessages(id).filter((m) => m.includes('program.updated'))).toHaveLength(1);
  });

  it('asks for If-Match (428), refuses a malformed one (400), and refuses edits to a closed program (409)', async () => {
    const id = await createIn('draft');
    const missing = await sut.http().patch(`/programs/${id}`).send({ title: 'x' }).expect(428);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf((await sut.http().patch(`/programs/${id}`).set('If-Match', 'banana').send({ title: 'x' }).expect(400)).body)).toEqual(['If-Match']);
    const closed = await createIn('cancelled');
    await sut.http().patch(`/programs/${closed}`).set('If-Match', '2').send({ title: 'x' }).expect(409);
    await sut.http().patch(`/programs/${randomUUID()}`).set('If-Match', '1').send({ title: 'x' }).expect(404);
  });

  it.each([
    ['a null title', { title: null }, 'title'],
    ['a status (it moves only through /transitions)', { status: 'planned' }, 'status'],
    ['an end before the start', { endDate: '2027-04-01' }, 'endDate'],
    ['an impossible date', { startDate: '2027-02-30' }, 'startDate'],
    ['a leg with a bad time zone', { legs: [{ city: 'KC', timeZone: 'Central', startDate: '2027-04-05', endDate: '2027-04-06' }] }, 'legs.0.timeZone'],
    ['a leg outside the program', { legs: [{ city: 'KC', timeZone: 'America/Chicago', startDate: '2027-04-01', endDate: '2027-04-06' }] }, 'legs.0.startDate'],
    [
      'overlapping legs',
      {
        legs: [
          { city: 'DC', timeZone: 'America/New_York', startDate: '2027-04-05', endDate: '2027-04-09' },
          { city: 'KC', timeZone: 'America/Chicago', startDate: '2027-04-08', endDate: '2027-04-12' },
        ],
      },
      'legs.1.startDate',
    ],
    ['a leg without a city', { legs: [{ timeZone: 'America/Chicago', startDate: '2027-04-05', endDate: '2027-04-06' }] }, 'legs.0.city'],
    ['an unknown host organisation', { hostOrganisationId: randomUUID() }, 'hostOrganisationId'],
    ['an unknown co-host', { coHostOrganisationIds: [randomUUID()] }, 'coHostOrganisationIds.0'],
    ['an unknown partnership', { partnershipId: randomUUID() }, 'partnershipId'],
    ['an unknown leg id', { legs: [{ legId: randomUUID(), city: 'KC', timeZone: 'America/Chicago', startDate: '2027-04-05', endDate: '2027-04-06' }] }, 'legs.0.legId'],
  ])('answers %s with 400 naming the field, and changes nothing', async (_case, change, field) => {
    const id = await createIn('draft');
    const response = await sut.http().patch(`/programs/${id}`).set('If-Match', '1').send(change).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
    expect((await sut.http().get(`/programs/${id}`).expect(200)).body.version).toBe(1);
  });

  it('names the program dates when moving them would strand a leg', async () => {
    const id = await createIn('draft');
    await sut
      .http()
      .patch(`/programs/${id}`)
      .set('If-Match', '1')
      .send({ legs: [{ city: 'KC', timeZone: 'America/Chicago', startDate: '2027-04-05', endDate: '2027-04-16' }] })
      .expect(200);
    const response = await sut.http().patch(`/programs/${id}`).set('If-Match', '2').send({ endDate: '2027-04-10' }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['endDate']);
  });

  it('lets Postgres refuse a leg outside its program even when the application check is bypassed', async () => {
    const id = await createIn('draft');
    await expect(
      sut.dataSource.query(`INSERT INTO program_legs (id, program_id, position, city, time_zone, start_date, end_date) VALUES ($1, $2, 0, 'KC', 'America/Chicago', '2027-01-01', '2027-01-02')`, [
        randomUUID(),
        id,
      ]),
    ).rejects.toThrow(/lies outside its dates/);
  });

  it('lists with filters, a stable sort and a cursor that neither skips nor repeats', async () => {
    // A tenant of its own (made by a platform admin), so other tests' programs stay out of the pages.
    const tenant = `list-${randomUUID().slice(0, 8)}`;
    const admin = sut.http(testTokens.platformAdmin);
    const starts = ['2028-01-10', '2028-01-05', '2028-01-05', '2028-01-05', '2028-02-01'];
    const ids = [];
    for (const startDate of starts) ids.push(await createIn('draft', { organisationId: tenant, startDate, endDate: '2028-03-01' }, testTokens.platformAdmin));
    await admin.post(`/programs/${ids[4]}/transitions`).send({ to: 'planned' }).expect(200);

    const seen: { id: string; startDate: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { id: string; startDate: string }[]; nextCursor: string | null } } = await admin
        .get('/programs')
        .query({ organisationId: tenant, limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((p) => p.id).sort()).toEqual([...ids].sort());
    const expectedOrder = seen.map((p) => [p.startDate, p.id].join(' ')).sort();
    expect(seen.map((p) => [p.startDate, p.id].join(' '))).toEqual(expectedOrder);

    const planned = await admin.get('/programs').query({ organisationId: tenant, status: 'planned' }).expect(200);
    expect(planned.body.items.map((p: { id: string }) => p.id)).toEqual([ids[4]]);
    const window = await admin.get('/programs').query({ organisationId: tenant, from: '2028-01-01', to: '2028-01-07' }).expect(200);
    expect(window.body.items).toHaveLength(3);

    await admin
      .post(`/programs/${ids[0]}/participants`)
      .send({ name: 'Inspector Ama Owusu', country: 'GH', role: 'delegate' })
      .expect(201);
    const ghana = await admin.get('/programs').query({ organisationId: tenant, country: 'GH' }).expect(200);
    expect(ghana.body.items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 500 }, 'limit'],
    [{ status: 'finished' }, 'status'],
    [{ from: '2027-13-01' }, 'from'],
    [{ from: '2027-05-01', to: '2027-04-01' }, 'to'],
    [{ country: 'ZZ' }, 'country'],
    [{ hostOrganisationId: 'kcpd' }, 'hostOrganisationId'],
    [{ cursor: Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url') }, 'cursor'],
  ])('answers the list query %p with 400 naming %s', async (query, field) => {
    const response = await sut.http().get('/programs').query(query).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
  });
});
